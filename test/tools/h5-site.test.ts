// The browser build served at the printed link: the demo backend over real HTTP on 127.0.0.1 with a small build
// folder made here (the real build is what test/browser/ drives), WeChat's verification file written by the real
// `rules:sync verify-file` against the fake WeChat, and `npm run api` as a process for its start-up message.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

import type { FakeWechat } from '@scan-to-order/wechat-api/fake'

import { siteOf } from '../../src/landing/site'
import { startDemoApi, type RunningDemoApi } from '../../server/app'
import { CONTENT_SECURITY_POLICY, createH5Site } from '../../server/h5-site'
import { compile, readRulesJson, ROOT } from '../unit/fixtures'
import { PROCESS_TIMEOUT, startApi } from './real-process'
import { runInProcess } from './run-tool'
import { cliEnv, startFake } from './wechat/helpers'

jest.setTimeout(PROCESS_TIMEOUT)

const tmp = mkdtempSync(join(tmpdir(), 'h5-site-test-'))
const dist = join(tmp, 'dist-h5')
const webRoot = join(tmp, 'www')
// Next to the build, never to be served: what a path escaping the build folder would reach.
const SECRET = 'secret-outside-the-build'
const INDEX = '<!doctype html><title>app</title><div id="app"></div>'
const APP_JS = 'console.log("app")'.repeat(50)

mkdirSync(join(dist, 'js'), { recursive: true })
writeFileSync(join(dist, 'index.html'), INDEX)
writeFileSync(join(dist, 'js', 'app.0123abcd.js'), APP_JS)
writeFileSync(join(dist, 'js', 'app.0123abcd.js.LICENSE.txt'), 'MIT')
writeFileSync(join(tmp, 'package.json'), SECRET)
// Hidden names inside the build: a request for them must not read them either.
writeFileSync(join(dist, '.env'), SECRET)
writeFileSync(join(dist, 'js', '.hidden'), `console.log(${JSON.stringify(SECRET)})`)
writeFileSync(join(dist, '..', 'secret.txt'), SECRET)

const site = siteOf(compile(readRulesJson()))
let api: RunningDemoApi
beforeAll(async () => {
  api = await startDemoApi({ site: createH5Site({ dist, site, webRoot }) })
})
afterAll(async () => {
  await api.close()
  rmSync(tmp, { recursive: true, force: true })
})

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** A raw request: the path goes out exactly as written (no client-side normalising of `..` or `%2e`). */
function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  base = api.url
): Promise<Reply> {
  const { port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (d: Buffer) => chunks.push(d))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
      )
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the printed link serves the app', () => {
  it.each(['/s/12/t/5', '/s/12', '/s/12?mode=takeaway', '/s/', '/s/menu/x?y=1#z', '/s/%zz'])(
    '%s is index.html, with a content security policy and nosniff',
    async (path) => {
      const reply = await get(path)
      expect(reply.status).toBe(200)
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(reply.body.toString('utf8')).toBe(INDEX)
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
      expect(reply.headers['x-content-type-options']).toBe('nosniff')
      expect(reply.headers['x-frame-options']).toBe('DENY')
      // The page must never be kept: a new build is picked up by the next scan.
      expect(reply.headers['cache-control']).toBe('no-cache')
    }
  )

  it.each(['/s/pages/order/index?store=12&table=5&mode=dine-in', '/s/pages/confirm/index'])(
    "the app's own page %s is index.html too (a reload lands where it was)",
    async (path) => {
      const reply = await get(path)
      expect(reply.status).toBe(200)
      expect(reply.body.toString('utf8')).toBe(INDEX)
    }
  )

  it('serves the build files under the app base, content-hashed ones for a year, gzipped when asked', async () => {
    const plain = await get('/s/js/app.0123abcd.js')
    expect(plain.status).toBe(200)
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(plain.body.toString('utf8')).toBe(APP_JS)

    const zipped = await get('/s/js/app.0123abcd.js', { 'Accept-Encoding': 'gzip, br' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toBe('Accept-Encoding')
    expect(zipped.body.length).toBeLessThan(APP_JS.length / 5)
    expect(gunzipSync(zipped.body).toString('utf8')).toBe(APP_JS)

    const head = await get('/s/js/app.0123abcd.js', {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
  })

  it('answers a missing script with 404, never with index.html in its place', async () => {
    const reply = await get('/s/js/app.missing0.js')
    expect(reply.status).toBe(404)
    expect(reply.body.toString('utf8')).not.toContain('<div id="app">')
  })
})

describe('nothing else is served', () => {
  it.each(['/', '/s', '/S/12', '/index.html', '/pages/order/index', '/js/app.0123abcd.js', '/other/12'])(
    '%s is a 404 (no fallback outside the rule prefixes)',
    async (path) => {
      const reply = await get(path)
      expect(reply.status).toBe(404)
      expect(reply.body.toString('utf8')).not.toContain('<div id="app">')
    }
  )

  const NAVIGATION = { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }

  it.each(['/', '/other/12', '/S/12', '/index.html'])(
    "a browser's navigation to %s gets 404 with the app, which shows its error screen",
    async (path) => {
      const reply = await get(path, NAVIGATION)
      expect(reply.status).toBe(404)
      expect(reply.body.toString('utf8')).toBe(INDEX)
      expect(reply.headers['cache-control']).toBe('no-store')
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    }
  )

  it('answers an API path with the API, whatever the Accept header, and a POST never with the app', async () => {
    const api404 = await get('/api/nothing', NAVIGATION)
    expect(api404.status).toBe(404)
    expect(api404.headers['content-type']).toMatch(/^application\/json/)
    const post = await get('/other/12', NAVIGATION, 'POST')
    expect(post.status).toBe(404)
    expect(post.body.toString('utf8')).not.toContain('<div id="app">')
  })

  it.each([
    '/s/../package.json',
    '/s/%2e%2e/package.json',
    '/s/js/..%2f..%2fpackage.json',
    '/s/js/%2e%2e/%2e%2e/secret.txt',
    '/s/..%5c..%5cpackage.json',
    '/s/js%5c..%5c..%5csecret.txt',
    '/s/./js/app.0123abcd.js',
    '/s/%00/x',
  ])('refuses the traversal %s with 400', async (path) => {
    const reply = await get(path)
    expect(reply.status).toBe(400)
    expect(reply.body.toString('utf8')).not.toContain(SECRET)
  })

  it.each(['/s/js%2f..%2f..%2fpackage.json', '/s/.env', '/s/js/.hidden'])(
    'never reads a file through an encoded or hidden name: %s',
    async (path) => {
      const reply = await get(path)
      expect(reply.body.toString('utf8')).not.toContain(SECRET)
      expect(reply.headers['content-type']).not.toContain('javascript')
    }
  )

  it.each(['//evil.example/s/', '/s//evil.example', '/s/12?next=https://evil.example', '/\\evil.example/s/'])(
    'never redirects (%s): no open redirect',
    async (path) => {
      const reply = await get(path)
      expect(Math.floor(reply.status / 100)).not.toBe(3)
      expect(reply.headers.location).toBeUndefined()
    }
  )

  it('answers other methods on a printed path with 405 and leaves the API its own', async () => {
    const post = await get('/s/12/t/5', {}, 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD')
    const menu = await get('/api/stores/12/menu')
    expect(menu.status).toBe(200)
    expect(menu.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(menu.headers['x-content-type-options']).toBe('nosniff')
  })
})

describe("WeChat's verification file", () => {
  let fake: FakeWechat
  beforeAll(async () => {
    fake = await startFake()
  })
  afterAll(() => fake.close())

  it('is served where `rules:sync verify-file` says WeChat looks for it', async () => {
    const rules = join(ROOT, 'rules.json')
    const run = await runInProcess('rules:sync', ['verify-file', '--web-root', webRoot, '--rules', rules], {
      env: cliEnv(fake),
    })
    expect(run.status).toBe(0)
    const url = /serve it as (\S+)/.exec(run.stdout)?.[1]
    expect(url).toBeDefined()
    const { file_name, file_content } = fake.world.options.verifyFile
    expect(url).toBe(`https://shop.example.com/s/${file_name}`)

    const reply = await get(new URL(url as string).pathname)
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(reply.body.toString('utf8')).toBe(file_content)
    // Only there: not at the host root, not under another name.
    expect((await get(`/${file_name}`)).status).toBe(404)
    expect((await get('/s/Zz99Yy88Xx.txt')).body.toString('utf8')).toBe(INDEX)
  })
})

describe('npm run api', () => {
  /** Starts the backend as users do, reads its start-up lines, then stops it. */
  async function startUp(env: Record<string, string>): Promise<{ output: string; url: string }> {
    const backend = await startApi(env)
    await backend.match(/Browser build served|The browser build is missing/)
    await backend.kill()
    return { output: backend.output(), url: backend.url }
  }

  it('says at start-up where the browser build is served, and as which printed origin', async () => {
    const { output, url } = await startUp({ H5_DIST: dist })
    expect(output).toContain(`Browser build served at ${url}/s/… (as https://shop.example.com)`)
  })

  it('says at start-up that the browser build is missing and how to make it, and still serves the API', async () => {
    const missing = join(tmp, 'no-build')
    const { output } = await startUp({ H5_DIST: missing })
    expect(output).toContain(`The browser build is missing (${join(missing, 'index.html')})`)
    expect(output).toContain('npm run build:h5')
  })

  it('answers a printed link with 503 and the same message while the build is missing', async () => {
    const without = await startDemoApi({
      site: createH5Site({ dist: join(tmp, 'no-build'), site, webRoot }),
    })
    try {
      const reply = await get('/s/12/t/5', {}, 'GET', without.url)
      expect(reply.status).toBe(503)
      expect(reply.body.toString('utf8')).toContain('npm run build:h5')
    } finally {
      await without.close()
    }
  })
})
