// wechat-facts §5: where WeChat can show the scan-to-follow `official-account` component.
const LAUNCH_SCENES: ReadonlySet<number> = new Set([1011, 1017, 1025, 1047, 1124])
const CARRY_OVER_SCENES: ReadonlySet<number> = new Set([1001, 1038, 1041, 1089, 1090, 1104, 1131, 1187])

/**
 * True when WeChat can show the follow component: the current scene is a scan scene, or a hot start from a
 * carry-over scene after a cold start from a scan scene. Elsewhere it would only report status 5.
 */
export function canShowFollow(launchScene: unknown, enterScene: unknown): boolean {
  if (typeof enterScene !== 'number') return false
  if (LAUNCH_SCENES.has(enterScene)) return true
  return (
    CARRY_OVER_SCENES.has(enterScene) && typeof launchScene === 'number' && LAUNCH_SCENES.has(launchScene)
  )
}

/** What to do after the component reports a status: keep it, or hide it (and tell developers why). */
export interface FollowReaction {
  visible: boolean
  /** For developers' console only; customers never see it. */
  developerNote?: string
}

const CONFIG_PROBLEMS: Record<number, string> = {
  1: 'the follow feature is banned for this mini program',
  2: 'the linked Official Account is banned',
  3: 'the link was removed or no Official Account is selected (admin console: scan-code follow component)',
  4: 'the follow feature is not enabled in the admin console',
}

/** Reacts to `official-account`'s `load`/`error` status (`detail.status`). */
export function followReaction(status: unknown): FollowReaction {
  if (status === 0) return { visible: true }
  // -2 network / -1 parse: a quiet fallback, the page works without the banner.
  if (status === -2 || status === -1) return { visible: false }
  // 5 wrong scene / 6 a second instance: expected in some launches, nothing to fix.
  if (status === 5 || status === 6) return { visible: false }
  const problem = typeof status === 'number' ? CONFIG_PROBLEMS[status] : undefined
  return {
    visible: false,
    developerNote: `official-account hidden: ${problem ?? `unknown status ${String(status)}`}`,
  }
}
