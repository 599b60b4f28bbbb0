import { View } from '@tarojs/components'
import { useState } from 'react'
import { browserStrings } from '../../strings/browser'
import { wechatSchemeLink } from './scheme'
import type { Props } from './props'
import './index.scss'

/**
 * Outside WeChat, a quiet bar that opens the same page in the mini program through WeChat's plaintext URL Scheme
 * (no server call, no expiry). Inside WeChat's browser, and in a build without an appid, nothing.
 */
export default function OpenInWechat({ page, params }: Props) {
  const [href] = useState(() =>
    /MicroMessenger/i.test(navigator.userAgent)
      ? null
      : wechatSchemeLink(process.env.TARO_APP_ID, page, params)
  )
  if (!href) return null
  return (
    <View className='open-in-wechat' id='open-in-wechat'>
      <View className='open-in-wechat__hint'>{browserStrings.openHint}</View>
      <a className='open-in-wechat__link' id='open-in-wechat-link' href={href}>
        {browserStrings.openInWechat}
      </a>
    </View>
  )
}
