// `codes:create`: mini program codes (wxacode.getUnlimited) in bulk, one image per scene, each opening the entry page
// with its scene. WeChat keeps nothing and counts no budget for them (unlimited in number; 5 000 calls a minute), so
// the images on disk are the run's memory: a scene whose image is there is done, and a stopped run continues.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import {
  WECHAT_LIMITS,
  type RateSpec,
  type UnlimitedCodeBody,
  type WechatClient,
} from '@scan-to-order/wechat-api'

import { landScene, type RuleTable } from '../../src/landing'
import { explainError } from '../../src/landing/explain'
import { sceneProblem } from '../lib/check-codes'
import { writeFileAtomic } from '../lib/atomic-file'
import { count } from '../lib/plural'
import { saveCodeScenes } from '../lib/rule-file-writer'
import type { Io } from '../shell/io'
import { csv, imageBase, imageFile, writeImage } from './code-images'
import type { BadScene } from './scenes'
import { Progress, duration } from './progress'

export interface CodesOptions {
  rulesPath: string
  /** Scenes asked for, checked and without duplicates. */
  scenes: string[]
  imagesDir: string
  /** What every request carries besides its scene. */
  request: Omit<UnlimitedCodeBody, 'scene'>
}

/**
 * Checks each scene before any call: WeChat's 32 characters and character set (40169, 40129), and landing on a page
 * through the miniProgramCode routes as the entry page receives it, so no code is printed that opens the error page.
 */
export function checkCodeScenes(scenes: readonly string[], ruleTable: RuleTable): BadScene[] {
  const bad: BadScene[] = []
  for (const scene of scenes) {
    const problem = sceneProblem(scene)
    if (problem) {
      bad.push({ scene, why: problem })
      continue
    }
    const landed = landScene(encodeURIComponent(scene), ruleTable)
    if (!landed.ok)
      bad.push({
        scene,
        why: `would land on the error page (${landed.code}): ${explainError(landed).message}`,
      })
  }
  return bad
}

/** The file name of a scene's code: the scene, plus the version when it is not the released one. */
export function codeImageBase(scene: string, envVersion: UnlimitedCodeBody['env_version']): string {
  return envVersion === 'release' ? imageBase(scene) : `${imageBase(scene)}.${envVersion}`
}

/** What a run would do, without credentials or network. */
export function describeCodesDryRun(options: CodesOptions, rate: RateSpec): string[] {
  const { imagesDir, request } = options
  const todo = options.scenes.filter((s) => !imageFile(imagesDir, codeImageBase(s, request.env_version)))
  const n = todo.length
  const lines = [
    `Would make ${count(n, 'mini program code')} (wxacode.getUnlimited) opening ${request.page} ` +
      `(${request.env_version}${request.check_path ? '' : ', page not checked'}, ${request.width} px) into ` +
      `${imagesDir}; ${options.scenes.length - n} already there.`,
    `Calls: ${n} getwxacodeunlimit; at ${rate.perSecond}/s that takes at least ${duration(n / rate.perSecond)}. ` +
      `WeChat allows ${WECHAT_LIMITS.codeCallsPerMinute} a minute and any number of codes.`,
  ]
  for (const s of todo.slice(0, 10)) lines.push(`  + ${s}`)
  if (n > 10) lines.push(`  … and ${n - 10} more`)
  return lines
}

/**
 * Fetches a code for every scene without an image in the folder, writes index.csv, and records the scenes in the
 * rule file's miniProgramCode.scenes (also when stopped: what was made is recorded). Returns an exit code.
 */
export async function createCodes(options: CodesOptions, client: WechatClient, io: Io): Promise<number> {
  const { imagesDir, request } = options
  const made: string[] = []
  const record = () => {
    const done = options.scenes.filter((s) => imageFile(imagesDir, codeImageBase(s, request.env_version)))
    if (done.length === 0) return
    writeIndex(options, done)
    const added = saveCodeScenes(options.rulesPath, done)
    if (added > 0)
      io.out(
        `Recorded ${count(added, 'new scene')} in ${io.shown(options.rulesPath)} (miniProgramCode.scenes).`
      )
  }
  const stopListening = io.onInterrupt(() => {
    record()
    io.err('Interrupted: run the same command again to continue.')
  })
  try {
    const todo = options.scenes.filter((s) => !imageFile(imagesDir, codeImageBase(s, request.env_version)))
    const progress = new Progress('codes', options.scenes.length, io.progress)
    progress.resume(options.scenes.length - todo.length)
    for (const scene of todo) {
      const { image, contentType } = await client.getUnlimitedCode({ ...request, scene })
      writeImage(imagesDir, codeImageBase(scene, request.env_version), image, contentType)
      made.push(scene)
      progress.tick()
    }
    progress.finish()
    record()
    io.out(
      `Made ${count(made.length, 'mini program code')}; ` +
        `${options.scenes.length} in ${io.shown(imagesDir)} with index.csv.`
    )
    return 0
  } catch (error) {
    record()
    io.err(
      `Stopped after ${made.length} new code(s): every image made so far is in ${io.shown(imagesDir)}; fix the cause ` +
        'and run the same command again to continue.'
    )
    throw error
  } finally {
    stopListening()
  }
}

// The file first: file names never hold a comma (imageBase), so a row's file reads back without a CSV parser.
const HEADER = 'file,scene,page,env_version,width'

/** index.csv: this run's codes, and the rows of a previous index for other files (an earlier run's). */
function writeIndex(options: CodesOptions, done: readonly string[]): void {
  const path = join(options.imagesDir, 'index.csv')
  const { page, env_version, width } = options.request
  const rows = new Map<string, string>()
  if (existsSync(path)) {
    const [head, ...lines] = readFileSync(path, 'utf8').split('\n')
    // Only an index of this tool's own shape is merged; anything else is replaced.
    if (head === HEADER) for (const line of lines) if (line) rows.set(line, line)
  }
  const files = new Set(done.map((s) => imageFile(options.imagesDir, codeImageBase(s, env_version))))
  for (const line of rows.keys()) if (files.has(line.split(',')[0])) rows.delete(line)
  for (const scene of done) {
    const file = imageFile(options.imagesDir, codeImageBase(scene, env_version))!
    const line = [file, scene, page, env_version, String(width)].map(csv).join(',')
    rows.set(line, line)
  }
  writeFileAtomic(path, `${[HEADER, ...rows.keys()].join('\n')}\n`)
}
