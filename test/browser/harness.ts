// Drives the built browser app (dist-h5/) in headless Chromium, served by the real backend over HTTP on 127.0.0.1:
// one backend and one browser per test file, a fresh browser context (its own storage) per test. Every console
// error and uncaught page error is collected; `expectClean` fails a test that had any.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'

import { siteOf } from '../../src/landing/site'
import { startDemoApi, type RunningDemoApi } from '../../server/app'
import { createH5Site } from '../../server/h5-site'
import { loadRuleFileOrThrow } from '../../server/rule-file'
import { sceneMapOf } from '../../server/scene-map'
import { launchChromium } from '../../tools/lib/chromium'
import { ROOT } from '../unit/fixtures'

/** An iPhone 12-14 sized screen, as the README's screenshots show it. */
export const VIEWPORT = { width: 390, height: 844 }

/**
 * Where screenshots go: out/screenshots/ on every run; docs/screenshots/ (committed, shown in the README) with
 * SCREENSHOTS=docs, which `npm run screenshots` sets.
 */
export const SHOTS = join(ROOT, process.env.SCREENSHOTS === 'docs' ? 'docs' : 'out', 'screenshots')

// Generous: a shared, busy machine. Nothing here measures speed; the waits only bound a hang.
export const WAIT = 60_000

/** The project's rule table, as the backend and the build read it. */
export const RULE_TABLE = loadRuleFileOrThrow().ruleTable

export interface World {
  api: RunningDemoApi
  browser: Browser
  /** `http://127.0.0.1:<port>` */
  url: string
  close(): Promise<void>
}

/** The backend (orders in memory, the real dist-h5/) and a browser, for one test file. */
export async function startWorld(): Promise<World> {
  const site = createH5Site({
    dist: join(ROOT, 'dist-h5'),
    site: siteOf(RULE_TABLE),
    webRoot: join(ROOT, 'www'),
  })
  if (site.missing) throw new Error(site.missing)
  const api = await startDemoApi({ site, tickets: sceneMapOf(RULE_TABLE) })
  const browser = await launchChromium()
  return {
    api,
    browser,
    url: api.url,
    async close() {
      await browser.close()
      await api.close()
    },
  }
}

/** A page in a fresh context whose console errors and uncaught errors are kept in `problems`. */
export interface Watched {
  context: BrowserContext
  page: Page
  problems: string[]
  /** Every request the page made to the order API, as `METHOD path`. */
  apiCalls: string[]
}

export async function openPage(browser: Browser, options: { userAgent?: string } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', ...options })
  const page = await context.newPage()
  page.setDefaultTimeout(WAIT)
  const problems: string[] = []
  const apiCalls: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('dialog', (dialog) => {
    problems.push(`native dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('request', (request) => {
    const { pathname, search } = new URL(request.url())
    if (pathname.startsWith('/api/')) apiCalls.push(`${request.method()} ${pathname}${search}`)
  })
  return { context, page, problems, apiCalls }
}

/**
 * One backend and one browser for the calling test file (started before its first test, closed after the last);
 * `open` gives a test its page, and after each test its context is closed and its console must have stayed clean.
 */
export function browserPerFile(): {
  world: () => World
  open: (options?: { userAgent?: string }) => Promise<Watched>
} {
  let world: World | undefined
  let current: Watched | undefined
  beforeAll(async () => {
    world = await startWorld()
  })
  afterAll(() => world?.close())
  afterEach(async () => {
    const tab = current
    current = undefined
    await tab?.context.close()
    // Every test, every page it opened: nothing in the console, nothing thrown.
    expect(tab?.problems ?? []).toEqual([])
  })
  const started = () => {
    if (!world) throw new Error('the backend and browser are not started')
    return world
  }
  return {
    world: started,
    async open(options = {}) {
      current = await openPage(started().browser, options)
      return current
    },
  }
}

/** The path and query the page is at (`/s/pages/order/index?store=12…`). */
export function where(page: Page): string {
  const url = new URL(page.url())
  return `${url.pathname}${url.search}`
}

/** The query of the page's URL as a plain object. */
export function queryOf(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams)
}

/** Text of an element, whitespace collapsed. */
export async function text(page: Page, selector: string): Promise<string> {
  const content = await page.locator(selector).first().textContent({ timeout: WAIT })
  return (content ?? '').replace(/\s+/g, ' ').trim()
}

/** Saves a screenshot of what the customer sees now (transitions finished, fonts loaded) as `<name>.png`. */
export async function shoot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true })
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  const path = join(SHOTS, `${name}.png`)
  await page.screenshot({ path, animations: 'disabled' })
  return path
}
