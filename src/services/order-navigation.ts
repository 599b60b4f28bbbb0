import Taro from '@tarojs/taro'
import { ENTRY_PAGE, pageUrl, type PageParams } from '../landing'
import { orderPageParams, type Place } from '../order/order-page'

// The ordering flow's moves, built from typed pages and params (never hand-written urls).

/** Order page → confirm page, keeping the order page under it for Back. */
export function openConfirm(): Promise<TaroGeneral.CallbackResult> {
  return Taro.navigateTo({ url: pageUrl('pages/confirm/index') })
}

/** Confirm → result: the confirm page is replaced, so Back cannot submit the same cart again. */
export function showResult(orderId: string): Promise<TaroGeneral.CallbackResult> {
  const params: PageParams<'pages/result/index'> = { order: orderId }
  return Taro.redirectTo({ url: pageUrl('pages/result/index', params) })
}

/**
 * Back to the order page of `here`: the page below when there is one; otherwise (this page was opened on its own:
 * a reload in the browser, a share card) that order page replaces this one, or the home screen without a place.
 */
export function backToOrder(here: Place | null): Promise<TaroGeneral.CallbackResult> {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack()
  return Taro.redirectTo({
    url: here ? pageUrl('pages/order/index', orderPageParams(here)) : pageUrl(ENTRY_PAGE),
  })
}
