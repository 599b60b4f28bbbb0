/** Taro plugin handing the build's appid to WeChat DevTools (see devtools-appid.js). */
declare function devtoolsAppid(ctx: {
  onBuildFinish(fn: (opts: { error?: unknown }) => void): void
  paths: { appPath: string; outputPath: string }
}): void
declare namespace devtoolsAppid {
  /** The private config text with `appid` set, or why it cannot be edited. */
  function withAppid(
    text: string | null,
    appid: string
  ): { ok: true; text: string | null; changed: boolean } | { ok: false; message: string }
  /** Syncs the built appid into the root's private config; a line for the build log, or null. */
  function syncAppid(appPath: string, outputPath: string): string | null
}
export = devtoolsAppid
