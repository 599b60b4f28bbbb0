import type { LaunchOptions, ScanCodeOptions, Wx, WxCallbacks, WxResult } from './types'

/**
 * Answers a wx-style asynchronous call the way WeChat does: on a later macrotask, `success` or `fail` by the `:ok` /
 * `:fail` in `errMsg`, then `complete`. Without callbacks it returns a promise (WeChat's promise style).
 */
export function respond<R extends WxResult>(
  options: WxCallbacks<R> | undefined,
  result: NoInfer<R> | WxResult
): Promise<R> | void {
  const opts = options ?? {}
  const settle = (resolve?: (res: R) => void, reject?: (err: WxResult) => void): void => {
    setTimeout(() => {
      if (result.errMsg.includes(':ok')) {
        // An `:ok` result is the API's success shape by contract.
        opts.success?.(result as R)
        resolve?.(result as R)
      } else {
        opts.fail?.(result)
        reject?.(result)
      }
      opts.complete?.(result)
    }, 0)
  }
  if (opts.success || opts.fail || opts.complete) return settle()
  return new Promise<R>((resolve, reject) => settle(resolve, reject))
}

/** WeChat serialises stored values; a round trip keeps tests from sharing mutable objects with the page. */
function serialise(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}

export interface WxState {
  launchOptions: () => LaunchOptions
  enterOptions: () => LaunchOptions
  storage: Map<string, unknown>
}

/**
 * Installs the stubs the built app needs on miniprogram-simulate's `wx`, in place: Taro captures this very object
 * when taro.js loads, so it must never be replaced afterwards (spy on it instead).
 */
export function installWxStubs(wx: Wx, state: WxState): void {
  const { storage } = state
  // Copies, so a page mutating its options cannot change what the next call returns.
  wx.getLaunchOptionsSync = () => serialise(state.launchOptions()) as LaunchOptions
  wx.getEnterOptionsSync = () => serialise(state.enterOptions()) as LaunchOptions

  wx.getStorageSync = (key: string) => (storage.has(key) ? serialise(storage.get(key)) : '')
  wx.setStorageSync = (key: string, data: unknown) => {
    storage.set(key, serialise(data))
  }
  wx.removeStorageSync = (key: string) => {
    storage.delete(key)
  }
  wx.clearStorageSync = () => storage.clear()
  wx.getStorageInfoSync = () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 })
  wx.getStorage = (options) =>
    respond(
      options,
      storage.has(options.key)
        ? { errMsg: 'getStorage:ok', data: serialise(storage.get(options.key)) }
        : { errMsg: 'getStorage:fail data not found' }
    )
  wx.setStorage = (options) => {
    storage.set(options.key, serialise(options.data))
    return respond(options, { errMsg: 'setStorage:ok' })
  }
  wx.removeStorage = (options) => {
    storage.delete(options.key)
    return respond(options, { errMsg: 'removeStorage:ok' })
  }
  wx.clearStorage = (options) => {
    storage.clear()
    return respond(options, { errMsg: 'clearStorage:ok' })
  }

  // miniprogram-simulate "scans" an empty string; a user closing the camera is the honest default.
  wx.scanCode = (options: ScanCodeOptions) => respond(options, { errMsg: 'scanCode:fail cancel' })

  // No network in tests: an unplanned request fails loudly instead of resolving with an empty mock.
  wx.request = (options) => {
    throw new Error(
      `wx.request(${JSON.stringify(options.url)}) has no stub: jest.spyOn(mp.wx, 'request').mockImplementation(…)`
    )
  }

  // APIs a landing flow plausibly calls that older miniprogram-simulate builds lack.
  const noop = (name: string) => (options?: WxCallbacks) => respond(options, { errMsg: `${name}:ok` })
  for (const name of [
    'showToast',
    'hideToast',
    'showLoading',
    'hideLoading',
    'vibrateShort',
    'setNavigationBarTitle',
  ]) {
    if (typeof wx[name] !== 'function') wx[name] = noop(name)
  }
}
