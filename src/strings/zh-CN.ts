import type { LandingErrorCode } from '../landing'
import type { FailureText } from '../order/api-failure'

interface ErrorText {
  title: string
  body: string
}

/** Simplified Chinese: what customers read. Keys, not sentences, are what code refers to. */
export const zhCN = {
  /** Navigation bar titles, read by the app and page configs at build time. */
  titles: {
    app: '扫码点餐',
    index: '扫码点餐',
    order: '点餐',
    confirm: '确认订单',
    result: '订单详情',
  },
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
    'malformed-scene': {
      title: '二维码内容无法识别',
      body: '这个小程序码的内容已损坏或不完整，请重新扫描桌上的小程序码。',
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
    takeaway: '外带',
    menuLoading: '菜单加载中…',
    menuFailed: '菜单加载失败',
    menuEmpty: '本店暂时没有可点的菜品',
    menuEmptyBody: '请稍后再试，或联系店员点餐。',
    retry: '重试',
    add: '加一份',
    remove: '减一份',
    cartEmpty: '购物车是空的',
    cartCount: (count: number) => `已选 ${count} 件`,
    checkout: '去结算',
    moveTitle: '继续使用购物车？',
    moveBody: (count: number, from: string, to: string) =>
      `你在${from}选了 ${count} 件菜品，要移到${to}继续点吗？`,
    moveConfirm: '移过来',
    moveCancel: '重新点餐',
  },
  confirm: {
    /** Shown after the takeaway mode on the confirm and result pages. */
    takeawayNote: '做好后请到取餐台取餐',
    total: '合计',
    noteLabel: '备注',
    notePlaceholder: '口味、忌口等要求（选填）',
    submit: (total: string) => `提交订单 ${total}`,
    submitting: '正在提交…',
    resubmit: '重新提交',
    backToMenu: '返回修改',
    empty: '购物车是空的',
    emptyBody: '返回点餐页选好菜品再来提交。',
  },
  result: {
    title: '下单成功',
    number: '取餐号',
    orderId: (id: string) => `订单编号 ${id}`,
    status: {
      received: '商家已接单',
      preparing: '制作中',
      ready: '已出餐',
    },
    refresh: '刷新状态',
    continueOrdering: '继续点餐',
    loading: '正在查询订单…',
    failed: '订单查询失败',
    invalid: '订单信息无效',
    invalidBody: '请从点餐页重新下单，或联系店员。',
  },
  apiErrors: {
    timeout: '网络超时，请稍后重试。',
    offline: '网络连接失败，请检查网络后重试。',
    server: '服务暂时不可用，请稍后重试。',
    unknownStore: '没有找到这家门店，请重新扫描桌上的二维码。',
    unknownTable: '这个桌号不存在，请重新扫描桌上的二维码。',
    itemsChanged: '部分菜品或价格有变动，请返回点餐页确认后再提交。',
    rejected: '请求未被接受，请返回重试或联系店员。',
    badResponse: '服务返回了无法识别的内容，请稍后重试。',
    notFound: '没有找到这笔订单。',
  } satisfies Record<FailureText, string>,
  notConfigured: {
    title: '点餐服务暂未开通',
    body: '这个版本的小程序没有配置点餐服务地址，请联系店员点餐。',
  },
  /** The service account's passive reply to a scan of one of its parameter codes (server/wechat-push). */
  push: {
    /** `link` is the mini program text link, whose text is `linkText`. */
    landed: (link: string) => `欢迎光临！${link}，选好菜品即可下单。`,
    linkText: '点此进入点餐页',
    /** A scan that lands nowhere: the error state's title and body, as one message. */
    notLanded: (error: ErrorText) => `${error.title}：${error.body}`,
  },
} as const
