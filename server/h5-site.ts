// The browser (H5) build served at the printed link: the app's files under the site's app base, index.html at
// every path a printed link can have (history fallback under each rule prefix, nothing else), and WeChat's QR rule
// verification file where `rules:sync verify-file` put it. Request paths never become file paths: each segment is
// checked against a strict pattern first, so nothing outside the build or the verification folder can be read.
import { existsSync, readFileSync, statSync } from 'node:fs'
import type http from 'node:http'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import { isPrintedPath, isSitePage, type Site } from '../src/landing/site'

import { splitTarget } from './request-target'

export interface H5SiteOptions {
  /** The browser build (`npm run build:h5` writes dist-h5/). */
  dist: string
  site: Site
  /** The web root given to `rules:sync verify-file --web-root`; the verification file is read from there. */
  webRoot: string
}

/** Answers the requests that belong to the site (true), or leaves the request alone (false). */
export interface H5Site {
  /** Why the build cannot be served (said once at start-up), or `null` when it can. */
  missing: string | null
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean
  /**
   * Answers a browser's navigation to a path nothing serves: 404, with the app, which lands the URL like any other
   * and so shows the error screen ("not one of this shop's codes") with its way on, instead of a bare API error.
   * False (left alone) for anything but a GET/HEAD that accepts HTML, or when the build is missing.
   */
  notFound(req: http.IncomingMessage, res: http.ServerResponse): boolean
}

/**
 * Scripts and styles only from this origin (Taro injects its page styles at run time, hence inline styles), no
 * framing, no plugins; the API is on the same origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
}
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/

// One path segment as the build names its files: letters, digits, `.`, `_`, `-`, never starting with a dot.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/
// WeChat names its verification file like `Ab12Cd34Ef.txt` (verify-file accepts nothing else).
const VERIFY_FILE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.txt$/
// A content hash in a file name (`app.3f9a1c2b.js`): the file never changes, browsers may keep it for a year.
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/

/** The site's request handler for a build folder (which may be missing: see `missing`). */
export function createH5Site({ dist, site, webRoot }: H5SiteOptions): H5Site {
  const index = join(dist, 'index.html')
  const missing = existsSync(index)
    ? null
    : `The browser build is missing (${index}): run \`npm run build:h5\`, then start \`npm run api\` again.`
  // The directories WeChat fetches the verification file from: each prefix's last sub-directory.
  const verifyDirs = new Set(site.prefixes.map((p) => p.path.slice(0, p.path.lastIndexOf('/') + 1)))
  const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>()
  // How many path segments the app base has (`/s/` → 1): a file's path under the build starts after them.
  const baseDepth = site.appBase.split('/').length - 2

  /** The file `parts` name under `root`, if every segment is a plain name and it is a regular file. */
  function fileAt(root: string, parts: string[]): string | null {
    if (parts.length === 0 || !parts.every((part) => SEGMENT.test(part))) return null
    const file = join(root, ...parts)
    try {
      return statSync(file).isFile() ? file : null
    } catch {
      return null
    }
  }

  function send(req: http.IncomingMessage, res: http.ServerResponse, file: string, status = 200): true {
    const extension = /\.([a-z0-9]+)$/i.exec(file)?.[1].toLowerCase() ?? ''
    const type = TYPES[extension] ?? 'application/octet-stream'
    const headers: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Cache-Control':
        status !== 200 ? 'no-store' : HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    }
    let body: Buffer
    if (COMPRESSIBLE.test(type)) headers.Vary = 'Accept-Encoding'
    if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      // The file is read only when its gzipped copy is missing or older than the file.
      const mtimeMs = statSync(file).mtimeMs
      let cached = gzipped.get(file)
      if (!cached || cached.mtimeMs !== mtimeMs) {
        cached = { mtimeMs, body: gzipSync(readFileSync(file)) }
        gzipped.set(file, cached)
      }
      body = cached.body
      headers['Content-Encoding'] = 'gzip'
    } else {
      body = readFileSync(file)
    }
    headers['Content-Length'] = body.length
    res.writeHead(status, headers)
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
  }

  function plain(res: http.ServerResponse, status: number, text: string, extra: Record<string, string> = {}) {
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...extra,
    })
    res.end(`${text}\n`)
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const { path } = splitTarget(req.url)
    const dir = path.slice(0, path.lastIndexOf('/') + 1)
    const underBase = path.startsWith(site.appBase)
    const printed = isPrintedPath(site, path) || isSitePage(site, path)
    if (!underBase && !printed && !verifyDirs.has(dir)) return false

    // Segments as a file system would read them; one that does not decode stays as sent (it names no file).
    const segments = path.split('/').slice(1).map(safeDecode)
    // `.`/`..` parts (also inside an encoded `%2F`), backslashes and NUL are how paths escape a folder: refused.
    if (
      segments.some((s) => /[\\\0]/.test(s) || s.split('/').some((part) => part === '.' || part === '..'))
    ) {
      plain(res, 400, 'Bad path.')
      return true
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // Other methods belong to whatever else the server answers (the API), except on a printed link's path.
      if (!printed) return false
      plain(res, 405, 'Only GET and HEAD are served here.', { Allow: 'GET, HEAD' })
      return true
    }

    if (verifyDirs.has(dir) && VERIFY_FILE.test(segments[segments.length - 1])) {
      const file = fileAt(webRoot, segments)
      if (file) return send(req, res, file)
    }
    if (missing) {
      if (!printed) return false
      plain(res, 503, missing)
      return true
    }
    if (underBase) {
      const parts = segments.slice(baseDepth)
      const file = fileAt(dist, parts)
      if (file) return send(req, res, file)
      // A missing script or style is a 404, never index.html in its place.
      if (parts.length > 1 && SEGMENT.test(parts[0]) && isDirectory(join(dist, parts[0]))) return false
    }
    if (!printed) return false
    // History fallback: the app reads its own URL (the printed link) and lands it.
    return send(req, res, index)
  }

  function notFound(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (missing || (req.method !== 'GET' && req.method !== 'HEAD')) return false
    if (!/\btext\/html\b/.test(String(req.headers.accept ?? ''))) return false
    return send(req, res, index, 404)
  }

  return { missing, handle, notFound }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
