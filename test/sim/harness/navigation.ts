import path from 'path'
import type { NavigateBackOptions, NavigateOptions, Query, Wx, WxCallbacks, WxResult } from './types'
import { respond } from './wx'

export type NavigationApi = 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack'

export interface NavigationCall {
  api: NavigationApi
  /** The url exactly as the page passed it (Taro appends its own `__key_`). */
  url?: string
  /** Target page route without leading slash, e.g. `pages/order/index`. */
  route?: string
  /** Decoded query of the url, without Taro's `__key_`. */
  query: Query
  delta?: number
  /** Route of the page on top when the call was made. */
  from?: string
  /** `performance.now()` at the call: with `SimPage.loadedAt`, the landing time. */
  at: number
  /** Set when the call failed (unknown page, first page, or the target page threw while opening). */
  errMsg?: string
}

/** How the target page receives its query: decoded once (default) or exactly as written in the url. */
export type NavigationQuery = 'decoded' | 'raw'

/** Decodes once; a malformed escape (a lone `%`) is kept as written instead of throwing. */
function decodeOnce(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** `/pages/x/index?a=1&b=%E7%8E%8B` → route and query; relative urls resolve against `fromRoute`. */
export function parseUrl(
  url: string,
  fromRoute = '',
  mode: NavigationQuery = 'decoded'
): { route: string; query: Query } {
  const mark = url.indexOf('?')
  const pathPart = mark < 0 ? url : url.slice(0, mark)
  const search = mark < 0 ? '' : url.slice(mark + 1)
  const absolute = pathPart.startsWith('/')
    ? pathPart
    : path.posix.join(path.posix.dirname(`/${fromRoute}`), pathPart)
  const route = path.posix.normalize(absolute).replace(/^\/+/, '')
  const query: Query = {}
  for (const pair of search.split('&')) {
    if (!pair) continue
    const eq = pair.indexOf('=')
    const key = eq < 0 ? pair : pair.slice(0, eq)
    const value = eq < 0 ? '' : pair.slice(eq + 1)
    query[mode === 'decoded' ? decodeOnce(key) : key] = mode === 'decoded' ? decodeOnce(value) : value
  }
  return { route, query }
}

/** What the recorder needs from the harness to follow a navigation. */
export interface NavigationTarget {
  readonly routes: readonly string[]
  currentRoute(): string | undefined
  depth(): number
  navigate(api: Exclude<NavigationApi, 'navigateBack'>, route: string, query: Query): Promise<unknown>
  back(delta: number): Promise<unknown>
  reportError(error: unknown): void
}

export interface NavigationRecorderOptions {
  /** Open the target page in the harness (default false: record and answer success only). */
  follow?: boolean
  query?: NavigationQuery
}

function withoutTaroKey(query: Query): Query {
  return Object.fromEntries(Object.entries(query).filter(([key]) => key !== '__key_'))
}

/** WeChat's promise style: without callbacks, the call returns a promise settled by them. */
function promised<O extends WxCallbacks>(options: O, run: (options: O) => void): Promise<WxResult> | void {
  if (options.success || options.fail || options.complete) return run(options)
  return new Promise<WxResult>((resolve, reject) => run({ ...options, success: resolve, fail: reject }))
}

// WeChat's page stack limit: navigateTo fails past 10 pages.
const MAX_PAGES = 10

/**
 * Spies on wx's navigation APIs (on the same wx object Taro captured), records each call and answers it the way
 * WeChat would, so Taro's promise settles: unknown pages and impossible moves fail, everything else succeeds; with
 * `follow` the target page is opened in the harness first.
 */
export class NavigationRecorder {
  readonly calls: NavigationCall[] = []
  follow: boolean
  queryMode: NavigationQuery
  readonly navigateTo: jest.SpyInstance<void, [NavigateOptions]>
  readonly redirectTo: jest.SpyInstance<void, [NavigateOptions]>
  readonly reLaunch: jest.SpyInstance<void, [NavigateOptions]>
  readonly switchTab: jest.SpyInstance<void, [NavigateOptions]>
  readonly navigateBack: jest.SpyInstance<void, [NavigateBackOptions?]>

  constructor(
    wx: Wx,
    private readonly target: NavigationTarget,
    { follow = false, query = 'decoded' }: NavigationRecorderOptions = {}
  ) {
    this.follow = follow
    this.queryMode = query
    const forward = (api: Exclude<NavigationApi, 'navigateBack'>) => (options: NavigateOptions) =>
      this.forward(api, options)
    this.navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(forward('navigateTo'))
    this.redirectTo = jest.spyOn(wx, 'redirectTo').mockImplementation(forward('redirectTo'))
    this.reLaunch = jest.spyOn(wx, 'reLaunch').mockImplementation(forward('reLaunch'))
    this.switchTab = jest.spyOn(wx, 'switchTab').mockImplementation(forward('switchTab'))
    this.navigateBack = jest.spyOn(wx, 'navigateBack').mockImplementation((options) => this.backward(options))
  }

  /** The latest call, of `api` when given. */
  last(api?: NavigationApi): NavigationCall | undefined {
    return [...this.calls].reverse().find((call) => !api || call.api === api)
  }

  private forward(
    api: Exclude<NavigationApi, 'navigateBack'>,
    options: NavigateOptions
  ): Promise<WxResult> | void {
    return promised(options, (opts) => {
      const from = this.target.currentRoute()
      const { route, query } = parseUrl(opts.url, from)
      const targetQuery = this.queryMode === 'decoded' ? query : parseUrl(opts.url, from, 'raw').query
      const call: NavigationCall = {
        api,
        url: opts.url,
        route,
        query: withoutTaroKey(query),
        from,
        at: performance.now(),
      }
      this.calls.push(call)

      if (!this.target.routes.includes(route)) return this.answer(call, opts, `page "${route}" is not found`)
      if (api === 'navigateTo' && this.target.depth() >= MAX_PAGES) {
        return this.answer(call, opts, 'webview count limit exceed')
      }
      if (!this.follow) return this.answer(call, opts)
      // WeChat opens the page after the call returns; success comes once the new page is up.
      this.settleLater(call, opts, () => this.target.navigate(api, route, targetQuery))
    })
  }

  private backward(options: NavigateBackOptions = {}): Promise<WxResult> | void {
    return promised(options, (opts) => {
      const delta = Math.max(1, opts.delta ?? 1)
      const from = this.target.currentRoute()
      const call: NavigationCall = { api: 'navigateBack', query: {}, delta, from, at: performance.now() }
      this.calls.push(call)
      if (this.target.depth() <= 1) return this.answer(call, opts, 'cannot navigate back at first page.')
      if (!this.follow) return this.answer(call, opts)
      this.settleLater(call, opts, () => this.target.back(delta))
    })
  }

  private settleLater(call: NavigationCall, options: WxCallbacks, move: () => Promise<unknown>): void {
    setTimeout(() => {
      move().then(
        () => this.answer(call, options),
        (error: unknown) => {
          this.target.reportError(error)
          this.answer(call, options, error instanceof Error ? error.message : String(error))
        }
      )
    }, 0)
  }

  private answer(call: NavigationCall, options: WxCallbacks, failure?: string): void {
    const result: WxResult = failure
      ? { errMsg: `${call.api}:fail ${failure}` }
      : { errMsg: `${call.api}:ok` }
    if (failure) call.errMsg = result.errMsg
    void respond(options, result)
  }
}
