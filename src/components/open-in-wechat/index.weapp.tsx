import type { Props } from './props'

/** Already in WeChat: nothing to offer. */
export default function OpenInWechat(_props: Props) {
  return null
}
