import { canShowFollow, followReaction } from '../../src/landing'

// wechat-facts §5: the scenes where WeChat shows the `official-account` component.
const LAUNCH_SCENES = [1011, 1017, 1025, 1047, 1124]
const CARRY_OVER_SCENES = [1001, 1038, 1041, 1089, 1090, 1104, 1131, 1187]
const NEVER_SCENES = [1012, 1013, 1048, 1049, 1125, 1126, 1007, 1037]

describe('canShowFollow', () => {
  it.each(LAUNCH_SCENES)('shows on a cold start from scene %i', (scene) => {
    expect(canShowFollow(scene, scene)).toBe(true)
  })

  it.each(LAUNCH_SCENES)('shows on a hot-start scan from scene %i whatever the cold start was', (scene) => {
    expect(canShowFollow(1012, scene)).toBe(true)
  })

  it.each(NEVER_SCENES)('does not show on scene %i (1012/1013: long-press and album)', (scene) => {
    expect(canShowFollow(scene, scene)).toBe(false)
    expect(canShowFollow(1011, scene)).toBe(false)
  })

  describe.each(CARRY_OVER_SCENES)('hot start into scene %i', (enter) => {
    it.each(LAUNCH_SCENES)('shows after a cold start from %i', (launch) => {
      expect(canShowFollow(launch, enter)).toBe(true)
    })
    it.each([1012, 1013, 1001, 1038, 1007])('does not show after a cold start from %i', (launch) => {
      expect(canShowFollow(launch, enter)).toBe(false)
    })
    it('does not show as a cold start of its own', () => {
      expect(canShowFollow(enter, enter)).toBe(false)
    })
  })

  it.each([
    { launch: undefined, enter: undefined },
    { launch: 1011, enter: '1011' },
    { launch: '1011', enter: 1001 },
    { launch: null, enter: 1001 },
  ])('does not show for unknown scenes ($launch → $enter)', ({ launch, enter }) => {
    expect(canShowFollow(launch, enter)).toBe(false)
  })
})

describe('followReaction', () => {
  it.each<{ status: unknown; visible: boolean; note: RegExp | null; meaning: string }>([
    { status: -2, visible: false, note: null, meaning: 'network error: hide quietly' },
    { status: -1, visible: false, note: null, meaning: 'data parse error: hide quietly' },
    { status: 0, visible: true, note: null, meaning: 'loaded: keep it' },
    { status: 1, visible: false, note: /banned for this mini program/, meaning: 'follow feature banned' },
    { status: 2, visible: false, note: /Official Account is banned/, meaning: 'linked account banned' },
    { status: 3, visible: false, note: /removed or no Official Account/, meaning: 'link removed' },
    { status: 4, visible: false, note: /not enabled/, meaning: 'feature not enabled' },
    { status: 5, visible: false, note: null, meaning: 'wrong scene: expected, nothing to fix' },
    { status: 6, visible: false, note: null, meaning: 'created twice: expected, nothing to fix' },
    { status: 7, visible: false, note: /unknown status 7/, meaning: 'a status WeChat may add later' },
    { status: '0', visible: false, note: /unknown status 0/, meaning: 'a status that is not a number' },
  ])('status $status ($meaning)', ({ status, visible, note }) => {
    const reaction = followReaction(status)
    expect(reaction.visible).toBe(visible)
    if (note) expect(reaction.developerNote).toMatch(note)
    else expect(reaction.developerNote).toBeUndefined()
  })
})
