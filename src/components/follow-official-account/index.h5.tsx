/** The scan-to-follow banner is WeChat's own component: a browser shows nothing in its place. */
export default function FollowOfficialAccount() {
  return null
}
