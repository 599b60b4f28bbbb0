import Taro from '@tarojs/taro'
import { pageUrl } from '../landing'

// The ordering flow's moves, built from typed pages and params (never hand-written urls).

/** Order page → confirm page, keeping the order page under it for Back. */
export function openConfirm(): Promise<TaroGeneral.CallbackResult> {
  return Taro.navigateTo({ url: pageUrl('pages/confirm/index') })
}

/** Confirm → result: the confirm page is replaced, so Back cannot submit the same cart again. */
export function showResult(orderId: string): Promise<TaroGeneral.CallbackResult> {
  return Taro.redirectTo({ url: pageUrl('pages/result/index', { order: orderId }) })
}

/** Back to the page below (the order page); false when there is none (opened from a share card). */
export function canGoBack(): boolean {
  return Taro.getCurrentPages().length > 1
}

export function goBack(): Promise<TaroGeneral.CallbackResult> {
  return Taro.navigateBack()
}
