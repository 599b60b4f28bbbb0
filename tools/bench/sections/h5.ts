// The browser (H5) build's first load against a blank Taro H5 app built in the same run: gzip bytes of what the
// entry HTML loads (scripts and styles), and in headless Chromium the time from navigation to the order page
// showing its menu (the printed link /s/12/t/5, landing included) against the blank app's first contentful paint.
// Both are served by the same server code (server/h5-site.ts: gzip, caching), the project with its order API.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import type { Browser } from 'playwright-core'

import { siteOf } from '../../../src/landing/site'
import { startDemoApi, type RunningDemoApi } from '../../../server/app'
import { createH5Site } from '../../../server/h5-site'
import { loadRuleFileOrThrow } from '../../../server/rule-file'
import { sceneMapOf } from '../../../server/scene-map'
import { launchChromium } from '../../lib/chromium'
import { buildBlankDefault, buildProjectSnapshot, timedBuild } from '../build'
import { median } from '../measure'
import { row, type Row, type Section } from '../report'

const SECTION = 'Browser (H5) first load vs blank Taro H5 app'
/** The printed link the project's timing opens (the project's rules.json routes it to store 12, table 5). */
const LINK_PATH = '/s/12/t/5'
const RUNS = Number(process.env.BENCH_RUNS ?? 8)

interface Entry {
  js: number
  css: number
  files: number
}

/** Gzip bytes of the scripts and styles `index.html` loads itself (`publicPath` stripped to find them). */
function entryBytes(dist: string, publicPath: string): Entry {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(js|css))"/g)]
  const entry: Entry = { js: 0, css: 0, files: refs.length }
  for (const [, ref, kind] of refs) {
    const bytes = gzipSync(readFileSync(join(dist, ref.slice(publicPath.length)))).length
    entry[kind as 'js' | 'css'] += bytes
  }
  return entry
}

/** One cold load (a fresh context, empty cache): ms from navigation to `until`, and gzip bytes of JS/CSS fetched. */
async function coldLoad(
  browser: Browser,
  url: string,
  until: 'menu' | 'first-contentful-paint'
): Promise<{ ms: number; bytes: number }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  try {
    const page = await context.newPage()
    const sizes: Array<Promise<number>> = []
    page.on('response', (response) => {
      if (/\.(js|css)$/.test(new URL(response.url()).pathname)) {
        sizes.push(response.body().then((body) => gzipSync(body).length))
      }
    })
    // Stamps the moment the menu first exists, in the page's own clock (0 = navigation start).
    await page.addInitScript(() => {
      const w = window as unknown as { __menuAt?: number }
      new MutationObserver((_, observer) => {
        if (document.querySelector('#menu .menu-list__item')) {
          w.__menuAt = performance.now()
          observer.disconnect()
        }
      }).observe(document, { childList: true, subtree: true })
    })
    await page.goto(url)
    const ms =
      until === 'menu'
        ? await page
            .waitForFunction(() => (window as unknown as { __menuAt?: number }).__menuAt, undefined, {
              timeout: 60_000,
            })
            .then((handle) => handle.jsonValue() as Promise<number>)
        : await page
            .waitForFunction(
              () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
              undefined,
              { timeout: 60_000 }
            )
            .then((handle) => handle.jsonValue() as Promise<number>)
    await page.waitForLoadState('networkidle')
    const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0)
    return { ms, bytes }
  } finally {
    await context.close()
  }
}

export const h5Section: Section = {
  id: 'h5',
  title: SECTION,
  async run(ctx) {
    const blank = timedBuild(ctx.log, 'the blank Taro app for the browser (taro build --type h5)', () =>
      buildBlankDefault(ctx.root, 'h5')
    )
    const project = timedBuild(
      ctx.log,
      'the project for the browser (production, in a temporary snapshot)',
      () => buildProjectSnapshot(ctx.root, 'h5')
    )
    let projectApi: RunningDemoApi | undefined
    let blankApi: RunningDemoApi | undefined
    let browser: Browser | undefined
    try {
      const { ruleTable } = loadRuleFileOrThrow(join(project.dist, '..', 'rules.json'))
      const site = siteOf(ruleTable)
      const ours = entryBytes(project.dist, site.appBase)
      const theirs = entryBytes(blank.dist, '/')
      // The blank app (hash router at /) through the same server code: a site of one prefix, /.
      const blankSite = { origins: [], appBase: '/', prefixes: [{ path: '/', subtree: true }] }
      projectApi = await startDemoApi({
        tickets: sceneMapOf(ruleTable),
        site: createH5Site({ dist: project.dist, site, webRoot: project.dist }),
      })
      blankApi = await startDemoApi({
        site: createH5Site({ dist: blank.dist, site: blankSite, webRoot: blank.dist }),
      })
      browser = await launchChromium()

      ctx.log(
        `loading ${LINK_PATH} and the blank app in Chromium, ${RUNS} cold loads each (after a warm-up)…`
      )
      await coldLoad(browser, projectApi.url + LINK_PATH, 'menu')
      await coldLoad(browser, `${blankApi.url}/`, 'first-contentful-paint')
      const menu: number[] = []
      const paint: number[] = []
      let menuBytes = 0
      let paintBytes = 0
      for (let i = 0; i < RUNS; i++) {
        const a = await coldLoad(browser, projectApi.url + LINK_PATH, 'menu')
        const b = await coldLoad(browser, `${blankApi.url}/`, 'first-contentful-paint')
        menu.push(a.ms)
        paint.push(b.ms)
        menuBytes = a.bytes
        paintBytes = b.bytes
      }

      const bytesRow = (name: string, value: number, base: number, good: string, note?: string): Row =>
        row({
          section: SECTION,
          name,
          value,
          unit: 'bytes',
          baseline: { name: 'blank H5 app', value: base, unit: 'bytes' },
          good,
          note,
        })
      return [
        bytesRow(
          'entry JS (gzip)',
          ours.js,
          theirs.js,
          '≤ 1.5× (the framework)',
          `${ours.files} entry files`
        ),
        bytesRow('entry CSS (gzip)', ours.css, theirs.css, 'small'),
        bytesRow('entry JS + CSS (gzip)', ours.js + ours.css, theirs.js + theirs.css, '≤ 1.5×'),
        bytesRow(
          'JS + CSS fetched until the menu shows (gzip)',
          menuBytes,
          paintBytes,
          '≤ 2×',
          'entry plus the entry and order page chunks; blank: until its first paint'
        ),
        row({
          section: SECTION,
          name: `navigation → order page menu (${LINK_PATH}, landing included)`,
          value: median(menu),
          unit: 'ms',
          baseline: { name: 'blank app first contentful paint', value: median(paint), unit: 'ms' },
          good: '≤ 3× (two page chunks and the menu API call more)',
          note: `median of ${RUNS} cold loads each, interleaved`,
        }),
        row({
          section: SECTION,
          name: 'build time (taro build --type h5)',
          value: project.ms,
          unit: 'ms',
          baseline: { name: 'blank H5 app', value: blank.ms, unit: 'ms' },
          good: '≤ 2×',
        }),
      ]
    } finally {
      await browser?.close()
      await projectApi?.close()
      await blankApi?.close()
      project.cleanup()
    }
  },
}
