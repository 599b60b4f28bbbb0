// Minimal shapes of what the harness touches in miniprogram-simulate, j-component, exparser and the built app.
// Typed here rather than through their bundled typings, which pull WeChat's global declarations into the program.

/** A page query as WeChat hands it to `onLoad`: string values only. */
export type Query = Record<string, string>

/** What `wx.getLaunchOptionsSync()` / `wx.getEnterOptionsSync()` and App `onLaunch`/`onShow` receive. */
export interface LaunchOptions {
  path: string
  query: Query
  scene: number
  referrerInfo: Record<string, unknown>
  shareTicket?: string
  apiCategory?: string
  chatType?: number
  forwardMaterials?: unknown[]
}

/** The result every asynchronous wx API hands to `success`/`fail`/`complete`. */
export interface WxResult {
  errMsg: string
  [key: string]: unknown
}

export interface WxCallbacks<R extends WxResult = WxResult> {
  success?: (res: R) => void
  fail?: (err: WxResult) => void
  complete?: (res: R | WxResult) => void
}

export interface NavigateOptions extends WxCallbacks {
  url: string
}

export interface NavigateBackOptions extends WxCallbacks {
  delta?: number
}

export interface ScanCodeResult extends WxResult {
  result: string
  scanType: string
  charSet: string
  path?: string
  rawData?: string
}

export interface ScanCodeOptions extends WxCallbacks<ScanCodeResult> {
  onlyFromCamera?: boolean
  scanType?: string[]
}

export interface RequestOptions extends WxCallbacks {
  url: string
  method?: string
  data?: unknown
  header?: Record<string, string>
}

/** The wx APIs the pages are expected to call, typed for `jest.spyOn(mp.wx, …)`; the rest stay reachable by name. */
export interface Wx {
  redirectTo(options: NavigateOptions): void
  navigateTo(options: NavigateOptions): void
  reLaunch(options: NavigateOptions): void
  switchTab(options: NavigateOptions): void
  navigateBack(options?: NavigateBackOptions): void
  getLaunchOptionsSync(): LaunchOptions
  getEnterOptionsSync(): LaunchOptions
  scanCode(options: ScanCodeOptions): void
  showToast(options: WxCallbacks & { title: string; icon?: string; duration?: number }): void
  showModal(options: WxCallbacks & { title?: string; content?: string; showCancel?: boolean }): void
  getStorageSync(key: string): unknown
  setStorageSync(key: string, data: unknown): void
  removeStorageSync(key: string): void
  clearStorageSync(): void
  getStorage(options: WxCallbacks & { key: string }): void
  setStorage(options: WxCallbacks & { key: string; data: unknown }): void
  removeStorage(options: WxCallbacks & { key: string }): void
  clearStorage(options?: WxCallbacks): void
  request(options: RequestOptions): unknown
  [api: string]: unknown
}

/** A page instance as Taro's `createPageConfig` sees it (the Component instance standing in for the Page). */
export interface PageInstance {
  route: string
  __route__: string
  options: Query
  data: Record<string, unknown>
  setData(data: Record<string, unknown>, callback?: () => void): void
  onLoad(query: Query): void
  onShow(): void
  onReady(): void
  onHide(): void
  onUnload(): void
  [key: string]: unknown
}

/** The object Taro's `createReactApp` hands to `App()`. */
export interface AppInstance {
  onLaunch(options: LaunchOptions): void
  onShow(options: LaunchOptions): void
  onHide(): void
  onError?(error: string): void
  [key: string]: unknown
}

/** A j-component root component (what `simulate.render` returns). */
export interface JComponent {
  readonly dom: HTMLElement
  readonly instance: PageInstance
  attach(parent: Element): void
  detach(): void
  toJSON(): unknown
}

export interface LoadOptions {
  compiler: 'official' | 'simulate'
  rootPath: string
  usingComponents?: Record<string, string>
}

/** A component given inline (compiled by miniprogram-simulate's JS compiler): for testing the harness itself. */
export interface ComponentDefinition {
  template: string
  data?: Record<string, unknown>
  methods?: Record<string, (...args: never[]) => unknown>
}

/** The parts of miniprogram-simulate the harness uses. */
export interface Simulate {
  load(definition: ComponentDefinition): string
  load(componentPath: string, tagName: string, options: LoadOptions): string
  load(componentPath: string, options: LoadOptions): string
  render(id: string, properties?: Record<string, unknown>): JComponent | undefined
  sleep(ms?: number): Promise<void>
}

/** An exparser tree node, opaque except for what the finders read. */
export interface ExparserElement {
  id?: string
}

/** miniprogram-exparser's event API, which j-component's own `dispatchEvent` uses. */
export interface Exparser {
  Event: {
    create(type: string, detail: unknown, options: Record<string, unknown>): unknown
    dispatchEvent(target: ExparserElement, event: unknown): void
  }
}

/** A DOM node rendered by exparser: `__wxElement` leads back to its exparser node. */
export type WxDomElement = Element & { __wxElement?: ExparserElement }
