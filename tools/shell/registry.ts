// Every command of the tools, by the name its npm script passes to tools/main.ts. Adding a command is one entry here
// (plus its npm script): its module is loaded only when it runs, so `npm run scan` does not pay for Chromium or
// fast-check.
import type { Command, Options } from './command'

export interface CommandEntry {
  /** The npm script name, e.g. `rules:sync`. */
  name: string
  /** One line for the command list. */
  summary: string
  load(): Promise<Command<Options>>
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'scan',
    summary: 'where does this QR content land? (one JSON object)',
    load: async () => (await import('../commands/scan')).command,
  },
  {
    name: 'rules:check',
    summary: "check the rule table against WeChat's constraints and the routing",
    load: async () => (await import('../commands/rules-check')).command,
  },
  {
    name: 'devtools:conditions',
    summary: 'write a WeChat DevTools compile condition per debug_url and ticket',
    load: async () => (await import('../commands/devtools-conditions')).command,
  },
  {
    name: 'qr:sheet',
    summary: 'printable QR codes for testers',
    load: async () => (await import('../commands/qr-sheet')).command,
  },
  {
    name: 'qr:sheet-screenshot',
    summary: 'the QR sheet on screen and printed on A4, through headless Chromium',
    load: async () => (await import('../commands/qr-sheet-screenshot')).command,
  },
  {
    name: 'rules:sync',
    summary: "make WeChat's QR jump rules match the rule table",
    load: async () => (await import('../commands/rules-sync')).command,
  },
  {
    name: 'tickets:create',
    summary: 'service-account codes in bulk, each saved in the rule table',
    load: async () => (await import('../commands/tickets-create')).command,
  },
  {
    name: 'codes:create',
    summary: 'mini program codes (wxacode.getUnlimited) in bulk, each opening the entry page with its scene',
    load: async () => (await import('../commands/codes-create')).command,
  },
  {
    name: 'follow-account',
    summary: 'which Official Account the follow component shows',
    load: async () => (await import('../commands/follow-account')).command,
  },
  {
    name: 'fake-wechat',
    summary: 'a fake WeChat on 127.0.0.1 to try the WeChat tools against',
    load: async () => (await import('../commands/fake-wechat')).command,
  },
  {
    name: 'push:send',
    summary: "play WeChat's server push (a signed scan event) against a local npm run api",
    load: async () => (await import('../commands/push-send')).command,
  },
  {
    name: 'bench',
    summary: 'speed and size, every figure against a baseline from the same run',
    load: async () => (await import('../bench')).command,
  },
  {
    name: 'fuzz',
    summary: "the landing core's properties at fuzzing scale",
    load: async () => (await import('../commands/fuzz')).command,
  },
  {
    name: 'size-budget',
    summary: 'the production dist/ against size-budget.json',
    load: async () => (await import('../commands/size-budget')).command,
  },
  {
    name: 'where-bytes',
    summary: "where the production package's bytes come from (a build with source maps)",
    load: async () => (await import('../bench/where-bytes')).command,
  },
]
