/**
 * What the app sets up before its first page, per platform. The mini program needs nothing: WeChat opens only the
 * pages app.json declares and hands a scan to the entry page itself.
 */
export function setUpPlatform(): void {}
