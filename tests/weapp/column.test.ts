/**
 * Leading back to the column, on the compiled fixture bundle: the original article at the end of an
 * installment, and the official account in the list header and on About — with each WeChat API
 * present, absent (an older base library) and failing.
 */
import { IMPORTED_ID } from '../fixtures/imported'
import { byClass, find, findAll, textOf, type Harness } from './harness'
import { fixture, fixtureApp, fixtureBody, hasClass, openCard, tapTab } from './screens'

const account = fixture.series.officialAccount
const withSource = fixture.installments.find((e) => e.source && !e.sample)
const withoutSource = fixture.installments.find((e) => !e.source)
const ARTICLE = 'openOfficialAccountArticle'
const PROFILE = 'openOfficialAccountProfile'

beforeAll(() => {
  // The fixture must carry what this suite is about.
  expect(account?.username).toMatch(/^gh_/)
  expect(withSource?.source?.account).toBeTruthy()
  expect(withoutSource).toBeDefined()
})

async function readerAt(id: string, options: Parameters<typeof fixtureApp>[0] = {}): Promise<Harness> {
  const h = fixtureApp(options)
  await h.launch(`/pages/reader/index?id=${id}`)
  await h.advance(1000) // every staged part of the body
  return h
}

const originalLink = (h: Harness) => find(h.root(), byClass('orig__link'))

describe('阅读公众号原文 at the end of an installment', () => {
  test('an installment with a source ends with the link and names the account', async () => {
    const h = await readerAt(withSource!.id)
    expect(textOf(originalLink(h))).toBe('阅读公众号原文')
    expect(h.attr(originalLink(h), 'aria-role')).toBe('link')
    expect(textOf(find(h.root(), byClass('orig')))).toContain(`首发于公众号“${withSource!.source!.account}”`)
    // It comes after the whole body, not in the middle of it.
    const page = find(h.root(), byClass('reader'))
    const order = (page.cn ?? []).map((n) => String(n.cl ?? ''))
    expect(order.indexOf('orig')).toBeGreaterThan(order.indexOf('reader__body'))
    expect(h.errors).toEqual([])
  })

  test('an installment without a source has no link and no empty box', async () => {
    const h = await readerAt(withoutSource!.id)
    expect(hasClass(h, 'orig')).toBe(false)
  })

  test('where WeChat can open articles, a tap opens the original and copies nothing', async () => {
    const h = await readerAt(withSource!.id)
    await h.tap(originalLink(h))
    expect(h.apiCalls).toEqual([{ api: ARTICLE, options: { url: withSource!.source!.url } }])
    expect(h.clipboard).toEqual([])
    expect(h.toasts).toEqual([])
  })

  test.each([
    ['absent (base library before 3.4.8)', { missingApis: [ARTICLE] }],
    ['failing', { failingApis: [ARTICLE] }],
  ])('where the API is %s, the address is copied and the reader is told', async (_what, options) => {
    const h = await readerAt(withSource!.id, options)
    await h.tap(originalLink(h))
    expect(h.clipboard).toEqual([withSource!.source!.url])
    expect(h.toasts).toEqual(['原文链接已复制，粘贴到微信聊天中即可打开'])
    expect(h.errors).toEqual([])
  })

  test('when nothing works, the reader hears so and the page carries on', async () => {
    const h = await readerAt(withSource!.id, { failingApis: [ARTICLE, 'setClipboardData'] })
    await h.tap(originalLink(h))
    expect(h.toasts).toEqual(['没能打开，请稍后再试'])
    expect(textOf(find(h.root(), byClass('reader__title')))).toBe(withSource!.title)
    expect(h.errors).toEqual([])
  })
})

describe('关注公众号 in the list header and on About', () => {
  const followButton = (h: Harness) => find(h.root(), byClass('follow__btn'))

  test('the list header offers to follow the account, named for screen readers', async () => {
    const h = fixtureApp()
    await h.launch()
    const header = find(h.root(), byClass('series'))
    expect(textOf(find(header, byClass('follow__btn')))).toBe('关注公众号')
    expect(h.attr(followButton(h), 'aria-label')).toBe(`关注公众号“${account!.name}”`)
  })

  test('where WeChat can open profiles, a tap opens the account by its original ID', async () => {
    const h = fixtureApp()
    await h.launch()
    await h.tap(followButton(h))
    expect(h.apiCalls).toEqual([{ api: PROFILE, options: { username: account!.username } }])
    expect(h.toasts).toEqual([])
  })

  test.each([
    ['absent (base library before 3.7.10)', { missingApis: [PROFILE] }],
    ['failing', { failingApis: [PROFILE] }],
  ])('where the API is %s, the account name is copied to search for', async (_what, options) => {
    const h = fixtureApp(options)
    await h.launch()
    await h.tap(followButton(h))
    expect(h.clipboard).toEqual([account!.name])
    expect(h.toasts).toEqual([`已复制“${account!.name}”，在微信中搜索即可关注`])
    expect(h.errors).toEqual([])
  })

  test('About names the account and follows it the same way', async () => {
    const h = fixtureApp()
    await h.launch('/pages/about/index')
    expect(textOf(find(h.root(), byClass('about__account')))).toContain(account!.name)
    await h.tap(followButton(h))
    expect(h.apiCalls).toEqual([{ api: PROFILE, options: { username: account!.username } }])
  })
})

describe('<official-account> shows only where WeChat shows it', () => {
  const followCards = (h: Harness) => findAll(h.root(), (n) => h.tagOf(n) === 'official-account')

  test.each([1011, 1017, 1025, 1047, 1124])(
    'launched by a scan (scene %i): on the list and on About',
    async (scene) => {
      const h = fixtureApp({ scene })
      await h.launch()
      expect(followCards(h)).toHaveLength(1)
      await h.tap(find(h.root(), byClass('series__about')))
      expect(followCards(h)).toHaveLength(1)
    },
  )

  test('a hot start (scene 1089) after a launch by a scan keeps it, as WeChat does', async () => {
    const h = fixtureApp({ scene: 1011, enterScene: 1089 })
    await h.launch()
    expect(followCards(h)).toHaveLength(1)
  })

  test('a card WeChat cannot show (binderror: account not linked, banned…) is taken away', async () => {
    const h = fixtureApp({ scene: 1047 })
    await h.launch()
    await h.dispatch('error', followCards(h)[0], { status: 1, errMsg: 'not linked' })
    expect(followCards(h)).toEqual([])
    expect(textOf(find(h.root(), byClass('follow__btn')))).toBe('关注公众号')
    expect(h.errors).toEqual([])
  })

  test.each([1001, 1007, 1089, 1154])('scene %i: nowhere, and no empty box', async (scene) => {
    const h = fixtureApp({ scene })
    await h.launch(scene === 1154 ? `/pages/reader/index?id=${withSource!.id}` : '/pages/index/index')
    expect(followCards(h)).toEqual([])
    expect(hasClass(h, 'follow__card')).toBe(false)
    if (scene !== 1154) {
      await tapTab(h, '/pages/favourites/index')
      expect(followCards(h)).toEqual([])
    }
  })
})

test('a reader opened from the list reaches the original too', async () => {
  const h = fixtureApp()
  await h.launch()
  await openCard(h, withSource!.title)
  await h.advance(1000)
  await h.tap(originalLink(h))
  expect(h.apiCalls.map((c) => c.api)).toEqual([ARTICLE])
})

describe('an installment imported from an official-account article', () => {
  // tests/fixtures/imported.ts runs the real importer on a saved article page; the editor fills the TODOs.
  const imported = fixtureBody(IMPORTED_ID)

  test('it is listed and reads in the reader: headings, questions, answers, quote and picture', async () => {
    const h = fixtureApp()
    await h.launch()
    await openCard(h, imported.title)
    await h.advance(1000)
    const body = find(h.root(), byClass('reader__body'))
    for (const cls of ['b-h', 'b-q', 'b-a', 'b-quote', 'b-img', 'b-hr']) {
      expect([cls, findAll(body, byClass(cls)).length > 0]).toEqual([cls, true])
    }
    const questions = imported.body.filter((b) => b.type === 'question')
    expect(findAll(body, byClass('b-q'))).toHaveLength(questions.length)
    // Characters Markdown would read as syntax come through as the article wrote them; the follow footer does not.
    expect(textOf(body)).toContain('把它记下来 <哪怕很小>')
    expect(textOf(body)).toContain('#不懂就问#')
    expect(textOf(body)).not.toMatch(/长按识别|点击关注|\\/)
    expect(h.errors).toEqual([])
  })

  test('it leads back to the article it came from', async () => {
    const h = await readerAt(IMPORTED_ID)
    await h.tap(originalLink(h))
    expect(h.apiCalls).toEqual([{ api: ARTICLE, options: { url: imported.source?.url } }])
    expect(imported.source?.url).toMatch(/^https:\/\/mp\.weixin\.qq\.com\//)
  })
})
