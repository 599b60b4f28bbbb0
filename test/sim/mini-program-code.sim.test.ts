// Mini program codes (wxacode.getUnlimited) in the built mini program: WeChat opens the entry page with `scene` in
// the query (encoded once) and launch scene 1047; a hot-start scan re-opens the entry page with the new scene
// (WeChat reLaunches a launch that carries a path), while a re-show brings the old query back.
import { expectRendered, findBuiltin, findByText, launch, textOf, type MiniProgram } from './harness'

/** The query WeChat gives the entry page for a scanned mini program code: the scene, URL-encoded once. */
const codeQuery = (scene: string) => ({ scene: encodeURIComponent(scene) })

async function coldCode(scene: string, launchScene = 1047): Promise<MiniProgram> {
  return launch({
    query: codeQuery(scene),
    scene: launchScene,
    followNavigation: true,
    navigationQuery: 'raw',
  })
}

describe('a mini program code on cold start', () => {
  it('redirects to the table order page its scene names, and the page shows store and table', async () => {
    const mp = await coldCode('store=12&table=5')

    const call = await mp.waitForNavigation('redirectTo')
    expect(call).toMatchObject({
      route: 'pages/order/index',
      query: { store: '12', table: '5', mode: 'dine-in' },
    })
    expect(mp.nav.calls).toHaveLength(1)
    await mp.settle()
    expect(textOf(mp.currentPage)).toContain('5 号桌')
    mp.expectNoErrors()
  })

  it('redirects a store code to takeaway', async () => {
    const mp = await coldCode('store=12')

    const call = await mp.waitForNavigation('redirectTo')
    expect(call.query).toEqual({ store: '12', mode: 'takeaway' })
  })

  it('shows the error state for a scene no route takes, without navigating', async () => {
    const mp = await launch({ query: codeQuery('store=12&x=1'), scene: 1047 })
    await mp.settle()

    expect(mp.nav.calls).toEqual([])
    expectRendered(mp.currentPage)
    expect(findByText(mp.currentPage, '二维码信息有误')).toBeTruthy()
    expect(textOf(mp.currentPage)).toContain('store=12&x=1')
  })

  it('shows the error state for a scene WeChat could not have made (encoded twice: decoded once only)', async () => {
    const mp = await launch({ query: codeQuery(encodeURIComponent('store=12&table=5')), scene: 1047 })
    await mp.settle()

    expect(mp.nav.calls).toEqual([])
    expect(findByText(mp.currentPage, '二维码内容无法识别')).toBeTruthy()
  })
})

describe('a mini program code on hot start', () => {
  it('lands a new code when WeChat re-opens the entry page for it', async () => {
    const mp = await coldCode('store=12&table=5')
    await mp.waitForNavigation('redirectTo')

    await mp.hotStart({ query: codeQuery('store=12&table=7'), scene: 1047 }, { reLaunch: true })

    const call = await mp.waitForNavigation('redirectTo', { after: 1 })
    expect(call.query).toEqual({ store: '12', table: '7', mode: 'dine-in' })
  })

  it('lands the same code scanned again: WeChat re-opens the entry page, a new page with it', async () => {
    const mp = await coldCode('store=12&table=5')
    await mp.waitForNavigation('redirectTo')

    await mp.hotStart({ query: codeQuery('store=12&table=5'), scene: 1047 }, { reLaunch: true })

    const call = await mp.waitForNavigation('redirectTo', { after: 1 })
    expect(call.query).toEqual({ store: '12', table: '5', mode: 'dine-in' })
    expect(mp.nav.calls).toHaveLength(2)
  })

  it('does not land the old scene again on a plain background→foreground switch', async () => {
    const mp = await launch({ query: codeQuery('store=12&x=1'), scene: 1047 })
    await mp.settle()
    expect(findByText(mp.currentPage, '二维码信息有误')).toBeTruthy()

    // The entry page stays (its error state); WeChat shows it again with the old enter options.
    await mp.hotStart()
    await mp.hotStart({ query: codeQuery('store=12&x=1'), scene: 1047 })
    await mp.settle()

    expect(mp.nav.calls).toEqual([])
    expect(findByText(mp.currentPage, '二维码信息有误')).toBeTruthy()
  })

  it('lands a different code brought to the foreground without a re-open', async () => {
    const mp = await launch({ query: codeQuery('store=12&x=1'), scene: 1047, followNavigation: true })
    await mp.settle()

    await mp.hotStart({ query: codeQuery('store=12&table=9'), scene: 1047 })

    const call = await mp.waitForNavigation('redirectTo')
    expect(call.query).toMatchObject({ store: '12', table: '9' })
  })

  it('lands a link scan after a code, and a code after a link scan', async () => {
    const mp = await coldCode('store=12&table=5')
    await mp.waitForNavigation('redirectTo')
    const link = { q: encodeURIComponent('https://shop.example.com/s/12'), scancode_time: '1700000000' }

    await mp.hotStart({ query: link, scene: 1011 }, { reLaunch: true })
    expect((await mp.waitForNavigation('redirectTo', { after: 1 })).query).toEqual({
      store: '12',
      mode: 'takeaway',
    })
    await mp.hotStart({ query: codeQuery('store=12&table=5'), scene: 1047 }, { reLaunch: true })
    expect((await mp.waitForNavigation('redirectTo', { after: 2 })).query).toMatchObject({ table: '5' })
  })
})

describe('the scan-to-follow banner after a mini program code', () => {
  it('is rendered for a code scanned with the camera (scene 1047)', async () => {
    const mp = await coldCode('store=12&table=5', 1047)
    await mp.waitForNavigation('redirectTo')
    await mp.settle()

    expect(findBuiltin(mp.currentPage, 'official-account')).toBeTruthy()
  })

  it.each([1048, 1049])(
    'is not rendered for scene %i (long-press or album), where WeChat cannot show it',
    async (scene) => {
      const mp = await coldCode('store=12&table=5', scene)
      await mp.waitForNavigation('redirectTo')
      await mp.settle()

      expect(() => findBuiltin(mp.currentPage, 'official-account')).toThrow()
      expect(textOf(mp.currentPage)).toContain('5 号桌')
    }
  )
})
