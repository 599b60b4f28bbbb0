/**
 * What only the browser (H5) build shows, in Simplified Chinese: kept apart from strings/zh-CN.ts so the mini
 * program's package does not carry it.
 */
export const browserStrings = {
  openHint: '正在浏览器中点餐',
  openInWechat: '在微信中打开',
  scanTitle: '请用手机相机扫码',
  scanBody: '用手机相机或微信扫一扫，扫描餐桌或收银台上的二维码。',
} as const
