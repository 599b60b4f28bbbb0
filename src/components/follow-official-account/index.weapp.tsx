import { OfficialAccount, View } from '@tarojs/components'
import type { BaseEventOrig, OfficialAccountProps } from '@tarojs/components'
import { useState } from 'react'
import { canShowFollow, followReaction } from '../../landing'
import { launchScenes } from '../../platform/launch'
import './index.scss'

/**
 * WeChat's scan-to-follow banner, only where WeChat can show it (wechat-facts §5); hidden after any status
 * but 0, so a broken or refused banner never leaves an empty 84px gap. Use once per page (status 6 otherwise).
 */
export default function FollowOfficialAccount() {
  const [visible, setVisible] = useState(() => {
    const { launchScene, enterScene } = launchScenes()
    return canShowFollow(launchScene, enterScene)
  })
  if (!visible) return null
  const onStatus = (e: BaseEventOrig<OfficialAccountProps.Detail>) => {
    const reaction = followReaction(e.detail?.status)
    if (reaction.developerNote) console.warn(reaction.developerNote)
    if (!reaction.visible) setVisible(false)
  }
  return (
    <View className='follow-official-account' id='follow-official-account'>
      <OfficialAccount onLoad={onStatus} onError={onStatus} />
    </View>
  )
}
