import { settingsOf } from './options'
import { DEFAULT_WX_SETTINGS, type WxSettings } from './wx'
import { setUp } from './wx-setup'

describe('the client a test asks for', () => {
  it.each<[string, readonly string[], string, boolean]>([
    ['a present API', [], 'openOfficialAccountArticle', true],
    ['a missing API', ['openOfficialAccountArticle'], 'openOfficialAccountArticle', false],
    [
      'a missing API, asked with a sub-schema',
      ['openOfficialAccountProfile'],
      'openOfficialAccountProfile.success',
      false,
    ],
    ['another API, when one is missing', ['openOfficialAccountProfile'], 'openOfficialAccountArticle', true],
  ])('canIUse: %s', (_name, missingApis, schema, expected) => {
    const { wx, api } = setUp({ missingApis })
    expect(api('canIUse')(schema)).toBe(expected)
    const name = schema.split('.')[0]
    expect(name in wx).toBe(expected)
  })

  it.each(['openOfficialAccountArticle', 'setClipboardData', 'showToast'])(
    'failingApis: %s records the call and fails',
    async (name) => {
      const { call, host } = setUp({ failingApis: [name] })
      const outcome = await call(name, { url: 'u', data: 'd', title: 't' })
      expect(outcome.success).toBeUndefined()
      expect(outcome.fail).toEqual({ errMsg: `${name}:fail` })
      expect(outcome.complete).toEqual({ errMsg: `${name}:fail` })
      expect(host.apiCalls.map((c) => c.api)).toEqual([name])
      expect([...host.clipboard, ...host.toasts]).toEqual([])
    },
  )

  it.each<[string, Partial<WxSettings>, { height: number; width: number; windowHeight: number }]>([
    ['the defaults', {}, { height: 4000, width: 375, windowHeight: 700 }],
    [
      'a short page on a small phone',
      { pageHeight: 600, windowWidth: 320, windowHeight: 480 },
      { height: 600, width: 320, windowHeight: 480 },
    ],
  ])('element sizes and window: %s', async (_name, settings, expected) => {
    const { api, clock } = setUp(settings)
    const seen: Record<string, unknown> = {}
    type Query = Record<string, (...a: unknown[]) => Query>
    const query = api('createSelectorQuery')() as Query
    query
      .select('#body')
      .boundingClientRect((r: unknown) => (seen.rect = r))
      .selectViewport()
      .scrollOffset((r: unknown) => (seen.offset = r))
      .exec()
    await clock.settle()
    expect(seen.rect).toMatchObject({ height: expected.height, width: expected.width })
    expect(seen.offset).toMatchObject({ scrollHeight: expected.height, scrollTop: 0 })
    expect(api('getSystemInfoSync')()).toMatchObject({
      windowWidth: expected.width,
      windowHeight: expected.windowHeight,
    })
  })

  it('fills unset options with the defaults, enterScene following scene', () => {
    expect(settingsOf({})).toEqual(DEFAULT_WX_SETTINGS)
    expect(settingsOf({ scene: 1154 })).toMatchObject({ scene: 1154, enterScene: 1154 })
    expect(settingsOf({ scene: 1011, enterScene: 1001 })).toMatchObject({ scene: 1011, enterScene: 1001 })
  })

  it('reports the launch and enter scenes', () => {
    const { api } = setUp({ scene: 1011, enterScene: 1001 })
    expect(api('getLaunchOptionsSync')()).toMatchObject({ scene: 1011 })
    expect(api('getEnterOptionsSync')()).toMatchObject({ scene: 1001 })
  })
})

describe('navigation and recorded effects', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['navigateTo', { url: '/pages/reader/index?id=1' }, 'navigateTo /pages/reader/index?id=1'],
    ['switchTab', { url: '/pages/index/index' }, 'switchTab /pages/index/index'],
    ['reLaunch', { url: '/pages/index/index' }, 'reLaunch /pages/index/index'],
  ])('%s goes to the router', async (name, option, expected) => {
    const { call, navigations } = setUp()
    expect((await call(name, option)).success).toMatchObject({ errMsg: `${name}:ok` })
    expect(navigations).toEqual([expected])
  })

  it('fails when the router refuses', async () => {
    const { call } = setUp()
    const outcome = await call('navigateBack')
    expect(outcome.fail).toEqual({ errMsg: 'navigateBack:fail cannot navigate back at first page' })
  })

  it('records toasts, titles, previews, clipboard, scrolls and outside calls', async () => {
    const { call, host } = setUp()
    await call('showToast', { title: '已收藏' })
    await call('setNavigationBarTitle', { title: '第 1 期' })
    await call('previewImage', { urls: ['a', 'b'], current: 'b' })
    await call('setClipboardData', { data: 'https://mp.weixin.qq.com/s/x' })
    await call('pageScrollTo', { scrollTop: 900 })
    await call('pageScrollTo', { selector: '#b-7', duration: 300 })
    await call('openOfficialAccountProfile', { username: 'gh_1' })
    expect(host.toasts).toEqual(['已收藏'])
    expect(host.navigationTitles).toEqual(['第 1 期'])
    expect(host.previews).toEqual([{ urls: ['a', 'b'], current: 'b' }])
    expect(host.clipboard).toEqual(['https://mp.weixin.qq.com/s/x'])
    expect(host.scrolledTo).toEqual([900])
    expect(host.scrolledToSelectors).toEqual(['#b-7'])
    expect(host.apiCalls).toEqual([{ api: 'openOfficialAccountProfile', options: { username: 'gh_1' } }])
  })
})
