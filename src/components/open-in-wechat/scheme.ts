import { isAppId, pageUrl, type PagePath, type Params } from '../../landing'

/**
 * WeChat's plaintext URL Scheme for a page of this mini program, or `null` without a real appid:
 * `weixin://dl/business/?appid=APPID&path=PATH&query=QUERY`, the query URL-encoded (at most 512 characters), the
 * page declared in the admin console (设置 → 隐私与安全 → 明文 Scheme 拉起此小程序). Opens the released version.
 * Source: developers.weixin.qq.com/miniprogram/dev/framework/open-ability/url-scheme ("明文 URL Scheme").
 */
export function wechatSchemeLink(appid: string | undefined, page: PagePath, params: Params): string | null {
  if (!isAppId(appid)) return null
  const url = pageUrl(page, params)
  const q = url.indexOf('?')
  const query = q < 0 ? '' : url.slice(q + 1)
  if (encodeURIComponent(query).length > 512) return null
  const link = `weixin://dl/business/?appid=${appid}&path=${page}`
  return query ? `${link}&query=${encodeURIComponent(query)}` : link
}
