import fs from 'fs'
import path from 'path'
import { appPages, type Subpackage } from './app-json'
import { expectRendered, setSettler, settle as settleTicks } from './dom'
import {
  NavigationRecorder,
  type NavigationApi,
  type NavigationCall,
  type NavigationQuery,
} from './navigation'
import { countSetData, type SetDataCall, type SetDataStats } from './set-data'
import type {
  AppInstance,
  JComponent,
  LaunchOptions,
  LoadOptions,
  PageInstance,
  Query,
  ScanCodeResult,
  Simulate,
  Wx,
} from './types'
import { installWxStubs, respond } from './wx'

/** The built mini program: `SIM_DIST` overrides it (e.g. a fixture build), else the project's `dist/`. */
export const DEFAULT_DIST = path.resolve(process.env.SIM_DIST ?? path.join(__dirname, '../../../dist'))

/** The globals a WeChat app expects besides the Component/Behavior/wx that miniprogram-simulate defines. */
interface SimGlobals {
  wx?: Wx
  Component: (options: Record<string, unknown>) => void
  App?: (options: AppInstance) => void
  getApp?: () => AppInstance | undefined
  getCurrentPages?: () => PageInstance[]
  Page?: (options: Record<string, unknown>) => void
}
const globals = globalThis as unknown as SimGlobals

export interface LaunchInput {
  /** Entry page route (default: the first page of app.json) and its launch query, e.g. `{ q, scancode_time }`. */
  path?: string
  query?: Query
  /** Launch scene (default 1001; a scanned QR code is 1011). */
  scene?: number
  referrerInfo?: Record<string, unknown>
  /** Built mini program to load (default `DEFAULT_DIST`). */
  dist?: string
  /** Open pages that the app navigates to (default false: record and answer only). */
  followNavigation?: boolean
  /** Query handed to a followed page's onLoad: decoded once (default) or as written in the url. */
  navigationQuery?: NavigationQuery
  /** Initial contents of wx storage. */
  storage?: Record<string, unknown>
  /** Open the entry page after App onLaunch/onShow (default true). */
  openEntryPage?: boolean
  /**
   * Fail when a page renders nothing once settled (default true): the symptom of a wrong compiler or a broken
   * build. Turn off for a page that legitimately renders nothing before it navigates away.
   */
  requireRendered?: boolean
  /** Runs after the wx stubs and the navigation recorder exist, before app.js loads: spy on wx here. */
  beforeLoad?: (mp: MiniProgram) => void
  /** Runs after each setData of any page has been applied to its DOM (e.g. to stamp when something first shows). */
  onSetData?: (page: SimPage, call: SetDataCall) => void
}

/** One page on the harness's page stack. */
export class SimPage {
  /** `performance.now()` just before `onLoad`. */
  readonly loadedAt = performance.now()
  state: 'loading' | 'shown' | 'hidden' | 'unloaded' = 'loading'

  constructor(
    readonly route: string,
    readonly query: Query,
    readonly component: JComponent,
    readonly setData: SetDataStats,
    private readonly container: HTMLElement
  ) {}

  get unloaded(): boolean {
    return this.state === 'unloaded'
  }

  get instance(): PageInstance {
    return this.component.instance
  }

  /** The rendered DOM of the page (the finders in ./dom take it, or the page itself). */
  get root(): HTMLElement {
    return this.component.dom
  }

  remove(): void {
    this.component.detach()
    this.container.remove()
  }
}

/**
 * Runs a lifecycle of the app; an error it throws is re-thrown from here with the original stack as text, because
 * Jest's code frame of a minified dist/ line is one line of ~100 kB.
 */
function guard(what: string, run: () => void): void {
  try {
    run()
  } catch (error) {
    throw new Error(
      `${what} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
    )
  }
}

let current: MiniProgram | undefined
let registryUsed = false

/**
 * Cold-starts the built mini program in a fresh module registry: stubs wx, requires dist/app.js (which registers
 * the app through `App`), runs App onLaunch/onShow with the launch options and opens the entry page
 * (onLoad(query) → onShow → onReady) unless `openEntryPage: false`. A previous launch in the same test file is closed.
 */
export async function launch(input: LaunchInput = {}): Promise<MiniProgram> {
  current?.close()
  // Taro, React and the page chunks keep module-level state and run once per registry: a new launch needs a new one.
  if (registryUsed) jest.resetModules()
  registryUsed = true
  current = new MiniProgram(input)
  await current.start(input)
  return current
}

/** The app launched last in this test file. */
export function currentMiniProgram(): MiniProgram {
  if (!current) throw new Error('No mini program launched: call launch() first')
  return current
}

export class MiniProgram {
  readonly dist: string
  readonly wx: Wx
  readonly simulate: Simulate
  readonly nav: NavigationRecorder
  readonly storage = new Map<string, unknown>()
  /** Pages declared in app.json, the main package's then the subpackages': the only routes WeChat navigates to. */
  readonly routes: readonly string[]
  /** The subpackages app.json declares, each with the full routes of its pages. */
  readonly subpackages: readonly Subpackage[]
  /**
   * Roots of the subpackages whose code has loaded, in order: WeChat downloads a subpackage when one of its pages
   * first opens (or earlier, by `preloadRule`, which the harness does not model).
   */
  readonly loadedPackages: string[] = []
  /**
   * Errors inside the app: uncaught in its timers, logged by React through console.error (a render that threw), or
   * thrown while opening a followed page.
   */
  readonly errors: unknown[] = []
  /** Every page opened since launch, in order, unloaded ones included (the entry page after its redirect). */
  readonly history: SimPage[] = []
  launchOptions: LaunchOptions
  enterOptions: LaunchOptions
  inBackground = false
  private readonly requireRendered: boolean
  private readonly onSetData: LaunchInput['onSetData']
  private appInstance: AppInstance | undefined
  private readonly stack: SimPage[] = []
  private readonly pageIds = new Map<string, string>()
  private readonly componentIds: Record<string, string> = {}
  private readonly componentPaths: Record<string, string> = {}
  private readonly onWindowError = (event: ErrorEvent): void => {
    this.errors.push(event.error ?? event.message)
  }
  private readonly consoleError = console.error

  constructor(input: LaunchInput) {
    this.dist = input.dist ?? DEFAULT_DIST
    this.requireRendered = input.requireRendered ?? true
    this.onSetData = input.onSetData
    const appJson = path.join(this.dist, 'app.json')
    if (!fs.existsSync(appJson))
      throw new Error(`${appJson} is missing: build first (npx taro build --type weapp)`)
    const pages = appPages(JSON.parse(fs.readFileSync(appJson, 'utf8')))
    this.routes = pages.routes
    this.subpackages = pages.subpackages
    this.launchOptions = {
      path: input.path ?? this.routes[0],
      query: { ...input.query },
      scene: input.scene ?? 1001,
      referrerInfo: { ...input.referrerInfo },
    }
    this.enterOptions = this.launchOptions
    for (const [key, value] of Object.entries(input.storage ?? {})) this.storage.set(key, value)

    // miniprogram-simulate merges an existing global wx into its own: start from its pristine api.
    delete globals.wx
    this.simulate = require('miniprogram-simulate') as Simulate
    const wx = globals.wx
    if (!wx) throw new Error('miniprogram-simulate did not define wx')
    this.wx = wx
    installWxStubs(wx, {
      launchOptions: () => this.launchOptions,
      enterOptions: () => this.enterOptions,
      storage: this.storage,
    })
    this.nav = new NavigationRecorder(wx, this.navigationTarget(), {
      follow: input.followNavigation,
      query: input.navigationQuery,
    })
    this.installAppGlobals()
  }

  /** The app object Taro registered with `App()` (what `getApp()` returns). */
  get app(): AppInstance {
    if (!this.appInstance) throw new Error('dist/app.js did not call App()')
    return this.appInstance
  }

  /** The page stack, bottom first (what `getCurrentPages()` reflects). */
  get pages(): readonly SimPage[] {
    return this.stack
  }

  get currentPage(): SimPage {
    const top = this.stack[this.stack.length - 1]
    if (!top) throw new Error('The page stack is empty')
    return top
  }

  async start(input: LaunchInput): Promise<void> {
    window.addEventListener('error', this.onWindowError)
    // React reports a render that threw through console.error. Record it, and print it from here: Jest would
    // otherwise frame the calling line of the minified bundle, one line of ~100 kB.
    console.error = (...args: unknown[]) => {
      const errors = args.filter((arg): arg is Error => arg instanceof Error)
      this.errors.push(...errors)
      this.consoleError(...args.map((arg) => (arg instanceof Error ? (arg.stack ?? String(arg)) : arg)))
    }
    setSettler(() => this.settle())
    input.beforeLoad?.(this)
    require(path.join(this.dist, 'app.js'))
    guard('App onLaunch', () => this.app.onLaunch(this.launchOptions))
    guard('App onShow', () => this.app.onShow(this.launchOptions))
    if (input.openEntryPage === false) return this.settle()
    await this.push(this.launchOptions.path, this.launchOptions.query)
  }

  /** Opens `route` on top of the stack, like navigateTo: the current page is hidden. */
  async open(route: string, query: Query = {}): Promise<SimPage> {
    this.lifecycle(this.top(), 'onHide')
    this.markTop('hidden')
    return this.push(route, query)
  }

  /** Replaces the top page, like redirectTo. */
  async redirect(route: string, query: Query = {}): Promise<SimPage> {
    this.unload(1)
    return this.push(route, query)
  }

  /** Closes every page and opens `route`, like reLaunch. */
  async reLaunch(route: string, query: Query = {}): Promise<SimPage> {
    this.unload(this.stack.length)
    return this.push(route, query)
  }

  /** Closes `delta` pages and shows the one below, like navigateBack. */
  async back(delta = 1): Promise<SimPage> {
    if (this.stack.length <= 1) throw new Error('Cannot navigate back from the first page')
    this.unload(Math.min(delta, this.stack.length - 1))
    this.lifecycle(this.currentPage, 'onShow')
    this.markTop('shown')
    await this.settle()
    return this.currentPage
  }

  /** Sends the app to the background: page onHide, then App onHide. */
  async hide(): Promise<void> {
    if (this.inBackground) return
    this.lifecycle(this.top(), 'onHide')
    this.markTop('hidden')
    guard('App onHide', () => this.app.onHide())
    this.inBackground = true
    await this.settle()
  }

  /**
   * A hot start: the app was in the background (hidden first if not) and WeChat brings it back. Without `enter`,
   * the old enter options stay (a plain background→foreground switch); with it, they become the new enter options
   * (what getEnterOptionsSync returns from now on; `path` defaults to the entry page). App onShow(options) runs,
   * then the current page's onShow, or with `reLaunch` the entry page is re-opened with the new query instead, as
   * WeChat does for a scan that carries a path.
   */
  async hotStart(enter?: Partial<LaunchOptions>, { reLaunch = false } = {}): Promise<void> {
    await this.hide()
    if (enter) {
      this.enterOptions = {
        ...enter,
        path: enter.path ?? this.routes[0],
        query: { ...enter.query },
        scene: enter.scene ?? 1001,
        referrerInfo: { ...enter.referrerInfo },
      }
    }
    this.inBackground = false
    guard('App onShow', () => this.app.onShow(this.enterOptions))
    if (reLaunch) {
      await this.reLaunch(this.enterOptions.path, this.enterOptions.query)
      return
    }
    this.lifecycle(this.top(), 'onShow')
    this.markTop('shown')
    await this.settle()
  }

  /** Makes the next wx.scanCode answer with `content` (an in-app scan); returns the spy. */
  mockScan(content: string, extra: Partial<ScanCodeResult> = {}): jest.SpyInstance {
    return jest.spyOn(this.wx, 'scanCode').mockImplementationOnce((options) =>
      respond(options, {
        errMsg: 'scanCode:ok',
        result: content,
        scanType: 'QR_CODE',
        charSet: 'utf8',
        ...extra,
      })
    )
  }

  /** Waits until React and Taro's batched setData go quiet: no setData on any page for two turns (at most 50). */
  async settle(): Promise<void> {
    const traffic = (): number => this.stack.reduce((sum, page) => sum + page.setData.calls, 0)
    await settleTicks(3)
    let quiet = 0
    for (let turn = 0; turn < 50 && quiet < 2; turn += 1) {
      const before = traffic()
      await settleTicks(1)
      quiet = traffic() === before ? quiet + 1 : 0
    }
  }

  /** Settles until `predicate` holds, failing after `timeout` ms (a bound for a hang, generous for a busy machine). */
  async waitFor(predicate: () => boolean, { timeout = 30_000, what = 'condition' } = {}): Promise<void> {
    const deadline = Date.now() + timeout
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`)
      await settleTicks(1)
    }
  }

  /**
   * Waits for a navigation call (of `api` when given) among the calls recorded from index `after` on (default: any
   * so far; pass `mp.nav.calls.length` taken before acting to wait for a new one), then, when following, for the
   * target page to come up.
   */
  async waitForNavigation(api?: NavigationApi, { after = 0, timeout = 2000 } = {}): Promise<NavigationCall> {
    const found = () => this.nav.calls.slice(after).find((call) => !api || call.api === api)
    await this.waitFor(() => found() !== undefined, { timeout, what: `wx.${api ?? 'navigation'}` })
    if (this.nav.follow) await this.settle()
    const call = found()
    if (!call) throw new Error(`wx.${api ?? 'navigation'} call vanished`)
    return call
  }

  /** Fails listing `errors` when the app has thrown or logged any. */
  expectNoErrors(): void {
    if (this.errors.length > 0) throw new Error(`The mini program reported errors:${this.errorReport()}`)
  }

  private errorReport(): string {
    return this.errors
      .map((error) => `\n  ${error instanceof Error ? error.message : String(error)}`)
      .join('')
  }

  /** Unloads every page and removes the app's DOM; the next launch() does this itself. */
  close(): void {
    try {
      this.unload(this.stack.length)
    } finally {
      window.removeEventListener('error', this.onWindowError)
      console.error = this.consoleError
      setSettler(undefined)
      if (current === this) current = undefined
    }
  }

  private installAppGlobals(): void {
    globals.App = (options) => {
      this.appInstance = options
    }
    globals.getApp = () => this.appInstance
    globals.getCurrentPages = () =>
      this.stack.filter((page) => page.state !== 'unloaded').map((page) => page.instance)
    // WeChat's Page is a Component whose lifecycles the framework calls; the harness plays the framework.
    globals.Page = (config) => {
      const methods: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value
      globals.Component({
        data: config.data,
        methods,
        ...(config.behaviors ? { behaviors: config.behaviors } : {}),
        ...(config.options ? { options: config.options } : {}),
      })
    }
  }

  private loadOptions(): LoadOptions {
    // The official wcc compiler: miniprogram-simulate's JS compiler renders Taro's base.wxml as nothing.
    return { compiler: 'official', rootPath: this.dist, usingComponents: { ...this.componentIds } }
  }

  /**
   * Registers the custom components a page uses (Taro's recursive `comp`, custom-wrapper…) once, leaves first.
   * A component's js runs once per registry, so a second `load` of it would register nothing: later loads get the
   * existing id through the `usingComponents` override instead.
   */
  private loadComponentsOf(componentPath: string, visiting = new Set<string>()): void {
    visiting.add(componentPath)
    const json = JSON.parse(fs.readFileSync(`${componentPath}.json`, 'utf8')) as {
      usingComponents?: Record<string, string>
    }
    for (const [name, target] of Object.entries(json.usingComponents ?? {})) {
      const resolved = target.startsWith('/')
        ? path.join(this.dist, target)
        : path.join(path.dirname(componentPath), target)
      if (!fs.existsSync(`${resolved}.json`)) continue // plugin:// and the like: nothing to load
      const known = this.componentPaths[name]
      if (known !== undefined) {
        if (known !== resolved)
          throw new Error(`Component name "${name}" is used for ${known} and ${resolved}`)
        continue
      }
      if (visiting.has(resolved)) continue // a component that uses itself is registered by its own load
      this.loadComponentsOf(resolved, visiting)
      this.componentIds[name] = this.simulate.load(resolved, name, this.loadOptions())
      this.componentPaths[name] = resolved
    }
  }

  /** Renders a fresh instance of `route`: the page chunk runs once, so its load id is cached per route. */
  private renderPage(route: string): JComponent {
    if (!this.routes.includes(route)) {
      throw new Error(`Page "${route}" is not in app.json (pages: ${this.routes.join(', ')})`)
    }
    let id = this.pageIds.get(route)
    if (id === undefined) {
      const sub = this.subpackages.find((p) => p.pages.includes(route))
      if (sub && !this.loadedPackages.includes(sub.root)) this.loadedPackages.push(sub.root)
      const pagePath = path.join(this.dist, route)
      this.loadComponentsOf(pagePath)
      id = this.simulate.load(pagePath, this.loadOptions())
      this.pageIds.set(route, id)
    }
    const component = this.simulate.render(id)
    if (!component) throw new Error(`${route}.js did not call Page(): was dist/app.js loaded first?`)
    return component
  }

  private async push(route: string, query: Query): Promise<SimPage> {
    const component = this.renderPage(route)
    const container = document.createElement('div')
    container.dataset.route = route
    document.body.appendChild(container)
    component.attach(container)
    const instance = component.instance
    // WeChat sets these before onLoad; Taro reads `route` for Current.router.
    instance.route = route
    instance.__route__ = route
    instance.options = { ...query }
    // The page's stats exist before the page: its setData is wrapped before its first call.
    const created: { page?: SimPage } = {}
    const stats = countSetData(instance, (call) => {
      if (created.page) this.onSetData?.(created.page, call)
    })
    const page = new SimPage(route, { ...query }, component, stats, container)
    created.page = page
    this.stack.push(page)
    this.history.push(page)
    this.lifecycle(page, 'onLoad', { ...query })
    this.lifecycle(page, 'onShow')
    page.state = 'shown'
    this.lifecycle(page, 'onReady')
    await this.settle()
    // A page that already navigated away has no DOM left to check.
    if (this.requireRendered && !page.unloaded) {
      try {
        expectRendered(page)
      } catch (error) {
        throw new Error(`${route}: ${(error as Error).message}${this.errorReport()}`)
      }
    }
    return page
  }

  private unload(count: number): void {
    for (let i = 0; i < count; i += 1) {
      const page = this.stack.pop()
      if (!page) return
      this.lifecycle(page, 'onUnload')
      page.state = 'unloaded'
      page.remove()
    }
  }

  private lifecycle(
    page: SimPage | undefined,
    name: 'onLoad' | 'onShow' | 'onReady' | 'onHide' | 'onUnload',
    query?: Query
  ): void {
    if (!page) return
    guard(`${page.route} ${name}`, () =>
      name === 'onLoad' ? page.instance.onLoad(query ?? {}) : page.instance[name]()
    )
  }

  private top(): SimPage | undefined {
    return this.stack[this.stack.length - 1]
  }

  private markTop(state: SimPage['state']): void {
    const top = this.top()
    if (top) top.state = state
  }

  private navigationTarget() {
    return {
      routes: this.routes,
      currentRoute: () => this.top()?.route,
      depth: () => this.stack.length,
      navigate: (api: Exclude<NavigationApi, 'navigateBack'>, route: string, query: Query) =>
        api === 'navigateTo'
          ? this.open(route, query)
          : api === 'redirectTo'
            ? this.redirect(route, query)
            : this.reLaunch(route, query),
      back: (delta: number) => this.back(delta),
      reportError: (error: unknown) => {
        this.errors.push(error)
      },
    }
  }
}
