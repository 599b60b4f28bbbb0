import type { LandingErrorCode } from '../landing'

interface ErrorText {
  title: string
  body: string
}

/** Simplified Chinese: what customers read. Keys, not sentences, are what code refers to. */
export const zhCN = {
  home: {
    title: '扫码点餐',
    body: '请扫描餐桌或收银台上的二维码，进入本店点餐页。',
    scanButton: '扫一扫桌码',
  },
  errors: {
    'malformed-q': {
      title: '二维码内容无法识别',
      body: '这个二维码的内容已损坏或不完整，请重新扫描桌上的二维码。',
    },
    'not-a-link': {
      title: '这不是本店的点餐码',
      body: '扫到的内容不是点餐链接，请扫描餐桌或收银台上的二维码。',
    },
    'no-matching-rule': {
      title: '这不是本店的点餐码',
      body: '这个二维码不属于本小程序，请扫描餐桌或收银台上的二维码。',
    },
    'unknown-ticket': { title: '二维码已失效', body: '这个二维码未登记或已停用，请联系店员更换。' },
    'no-route': { title: '二维码暂未开通点餐', body: '这个二维码还没有开通点餐功能，请联系店员。' },
    'invalid-param': {
      title: '二维码信息有误',
      body: '二维码中的门店或桌号信息无效，请重新扫码或联系店员。',
    },
    'ticket-lookup-failed': { title: '暂时无法识别二维码', body: '网络不太顺畅，请稍后重试。' },
  } satisfies Record<LandingErrorCode, ErrorText>,
  errorState: {
    contentLabel: '扫到的内容',
    scanAgain: '重新扫码',
    scanFailed: '扫码失败，请重试',
    retry: '重试',
    resolving: '正在识别二维码…',
  },
  order: {
    store: (store: number) => `门店 ${store}`,
    table: (table: string) => `${table} 号桌`,
    dineIn: '堂食',
    takeaway: '外带自取',
    menuSoon: '菜单即将上线',
  },
} as const
