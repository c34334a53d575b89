/**
 * The reader's flows, run on the compiled mini program built around the generated fixture column
 * (dist/weapp-fixture). Each test boots a fresh app; tests that relaunch pass the same storage to a
 * second harness, as WeChat keeps storage between launches. Expectations come from the fixture's
 * manifest, so the suite holds for any column the fixtures generate.
 */
import { GROUP_LABELS, text as zh } from '@/i18n'

import { byClass, find, findAll, Harness, textOf, type TreeNode } from './harness'
import {
  cardLabels,
  cardTitles,
  chip,
  entryByNumber,
  favouriteButton,
  favouriteRows,
  fixture,
  fixtureApp,
  fixtureBody,
  FIXTURE_DIST,
  hasClass,
  openCard,
  readerText,
  readerTitle,
  stateTitle,
  tapTab,
  withText,
  sameTextBothWays,
} from './screens'

const PAGE = 20
const all = fixture.installments
const titlesNewestFirst = [...all]
  .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
  .map((e) => e.title)
const firstScreen = (titles: string[]) => titles.slice(0, PAGE)
const samples = all.filter((e) => e.sample)
const real = all.filter((e) => !e.sample)

function firstAnswer(id: string): string {
  for (const block of fixtureBody(id).body)
    if (block.type === 'answer' && typeof block.text === 'string') return block.text.slice(0, 30)
  throw new Error(`${id} has no plain answer`)
}

/** Whether WeChat would deliver a long press on `node` to the page: its template binds longpress. */
function hasLongPress(h: Harness, node: TreeNode): boolean {
  return h.templates.get(String(node.nn))?.events.includes('longpress') ?? false
}

function firstImage(id: string): string {
  const image = fixtureBody(id).body.find((b) => b.type === 'image')
  if (!image || image.type !== 'image') throw new Error(`${id} has no image`)
  // Small pictures ride with the reader (its package), where the reader shows them from.
  return `/pages/reader/${image.src}`
}

let h: Harness

beforeAll(() => {
  // The fixture must exercise what these tests claim: samples and real installments, every group.
  expect(new Set(all.map((e) => e.interviewee.group)).size).toBe(4)
  expect(samples.length).toBeGreaterThan(0)
  expect(real.length).toBeGreaterThan(samples.length)
})

beforeEach(async () => {
  h = fixtureApp()
  await h.launch()
})

afterEach(() => {
  expect(h.errors).toEqual([])
  // What WeChat's view layer renders from the page's data is exactly what the setData tree holds.
  expect(sameTextBothWays(h)).toBe(true)
})

describe('installments list', () => {
  test('launch shows the first page of titles, newest first, with the series header', () => {
    expect(cardTitles(h)).toEqual(firstScreen(titlesNewestFirst))
    const header = textOf(find(h.root(), byClass('series')))
    expect(header).toContain(fixture.series.title)
    expect(header).toContain(`已连载 ${real.length} 期 · 样例 ${samples.length} 篇`)
  })

  test('the end of the list says everything is shown, counting 篇 (samples are no 期)', () => {
    expect(textOf(find(h.root(), byClass('list__end')))).toBe(`已显示全部 ${all.length} 篇`)
  })

  test('a card shows number, interviewee, group, date, reading time and the unread marker', () => {
    const entry = real[real.length - 1]
    const card = find(h.root(), withText('cd', entry.title))
    const text = textOf(card)
    expect(text).toContain(`第 ${entry.number} 期 · ${GROUP_LABELS[entry.interviewee.group]}`)
    expect(text).toContain(`${entry.interviewee.name} · ${entry.interviewee.role}`)
    expect(text).toContain(zh.date(entry.publishedAt))
    expect(text).toContain(`约 ${entry.readingMinutes} 分钟`)
    expect(cardLabels(card, FIXTURE_DIST)).toEqual(['未读'])
    expect(findAll(card, byClass('cd-k'))).toEqual([])
  })

  test('a sample card says 样例 N, never 第 N 期, and carries the sample badge', () => {
    const entry = samples[samples.length - 1]
    const card = find(h.root(), withText('cd', entry.title))
    expect(textOf(card)).toContain(`样例 ${entry.number} · `)
    expect(textOf(card)).not.toContain('期')
    expect(cardLabels(card, FIXTURE_DIST)).toEqual(['样例', '未读'])
  })

  test.each([
    ['科学家', 'scientist'],
    ['企业家', 'entrepreneur'],
    ['工程师', 'engineer'],
    ['一线工人', 'worker'],
  ])('the %s filter shows only that group', async (label, group) => {
    await h.tap(chip(h, label))
    const expected = titlesNewestFirst.filter(
      (t) => all.find((e) => e.title === t)?.interviewee.group === group,
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(cardTitles(h)).toEqual(firstScreen(expected))
    await h.tap(chip(h, '全部'))
    expect(cardTitles(h)).toEqual(firstScreen(titlesNewestFirst))
  })

  test('the search box opens the search page', async () => {
    await h.tap(find(h.root(), byClass('search')))
    expect(h.current().route).toBe('pages/reader/search/index')
  })

  test('the order toggle switches to series order and is remembered after a relaunch', async () => {
    await h.tap(find(h.root(), byClass('order')))
    const seriesOrder = [...all].sort((a, b) => a.number - b.number).map((e) => e.title)
    expect(cardTitles(h)).toEqual(firstScreen(seriesOrder))
    const again = fixtureApp({ storage: h.storage })
    await again.launch()
    expect(cardTitles(again)).toEqual(firstScreen(seriesOrder))
  })

  test('pull-to-refresh reloads content and says so', async () => {
    await h.trigger('onPullDownRefresh')
    expect(h.toasts).toContain('已是最新内容')
    expect(cardTitles(h)).toEqual(firstScreen(titlesNewestFirst))
  })

  test('the list shares the column', async () => {
    const share = (await h.trigger('onShareAppMessage', { from: 'menu' })) as { path: string }
    expect(share.path).toBe('/pages/index/index')
  })

  test('no node holds more than 60 children', () => {
    const widest = Math.max(...findAll(h.root(), () => true).map((n) => n.cn?.length ?? 0))
    expect(widest).toBeLessThanOrEqual(60)
  })
})

describe('reader', () => {
  // A real (non-sample) installment on the first screen, with neighbours on both sides.
  const entry = real.find((e) => e.number < all.length && e.number > all.length - PAGE + 1 && !e.cover)!
  const withCover = real.find((e) => e.cover)

  test('tapping a card opens that interview', async () => {
    await openCard(h, entry.title)
    expect(h.current().route).toBe('pages/reader/index')
    expect(readerTitle(h)).toBe(entry.title)
    expect(readerText(h)).toContain(firstAnswer(entry.id))
  })

  test('every block type is rendered', async () => {
    await openCard(h, entry.title)
    const root = h.root()
    for (const cls of ['b-p', 'b-h', 'b-q', 'b-a', 'b-quote', 'b-quote__cite', 'b-img', 'b-hr']) {
      expect([cls, findAll(root, byClass(cls)).length > 0]).toEqual([cls, true])
    }
    const pic = find(find(root, byClass('b-img__pic')), byClass('pic__img'))
    expect(h.tagOf(pic)).toBe('image')
    expect(h.attr(pic, 'src')).toBe(firstImage(entry.id))
  })

  test('a long press on body text offers to keep it; headings and the title stay selectable', async () => {
    await openCard(h, entry.title)
    const body = find(h.root(), byClass('reader__body'))
    // Paragraphs, questions, answers and quotes answer a long press with the action sheet (which
    // copies too): the system's selection handles would fight it, so their text is not selectable.
    const keepable = findAll(body, (n) => ['b-p', 'b-q', 'b-a', 'b-quote'].some((c) => byClass(c)(n)))
    expect(keepable.length).toBeGreaterThan(10)
    expect(keepable.filter((n) => h.tagOf(n) !== 'view' || !hasLongPress(h, n))).toEqual([])
    const texts = findAll(body, (n) => h.tagOf(n) === 'text' && !/__mark$/.test(String(n.cl ?? '')))
    const selectable = texts.filter((n) => h.attr(n, 'user-select') === true)
    const headings = findAll(body, byClass('b-h')).flatMap((n) => findAll(n, (t) => h.tagOf(t) === 'text'))
    expect(headings.length).toBeGreaterThan(0)
    expect(selectable).toEqual(headings)
    expect(
      h.attr(
        find(find(h.root(), byClass('reader__title')), (n) => h.tagOf(n) === 'text'),
        'user-select',
      ),
    ).toBe(true)
  })

  test('a picture that fails to load keeps its box, colour and caption, says so, and a tap retries', async () => {
    await openCard(h, entry.title)
    const box = () => find(h.root(), byClass('b-img__pic'))
    const style = String(box().st)
    await h.dispatch('error', find(box(), byClass('pic__img')))
    await h.settle()
    // The image is gone, the reserved box and its colour stay, and the reader is told what to do.
    expect(findAll(box(), byClass('pic__img'))).toEqual([])
    expect(String(box().st)).toBe(style)
    expect(textOf(find(box(), byClass('pic__retry')))).toBe(zh.imageRetry)
    expect(findAll(h.root(), byClass('b-img__caption')).length).toBeGreaterThan(0)
    await h.tap(box())
    expect(h.attr(find(box(), byClass('pic__img')), 'src')).toBe(firstImage(entry.id))
    expect(findAll(box(), byClass('pic__retry'))).toEqual([])
  })

  test('tapping an image previews every image of the interview', async () => {
    await openCard(h, entry.title)
    await h.tap(find(h.root(), byClass('pic__img')))
    expect(h.previews).toEqual([{ urls: [firstImage(entry.id)], current: firstImage(entry.id) }])
  })

  test('font size goes up and down in four steps and is remembered', async () => {
    await openCard(h, entry.title)
    const reader = () => find(h.root(), byClass('reader'))
    expect(reader().cl).toContain('reader--fs1')
    const larger = find(h.root(), withText('font__btn', 'A+'))
    await h.tap(larger)
    await h.tap(find(h.root(), withText('font__btn', 'A+')))
    await h.tap(find(h.root(), withText('font__btn', 'A+')))
    expect(reader().cl).toContain('reader--fs3')
    await h.tap(find(h.root(), withText('font__btn', 'A−')))
    expect(reader().cl).toContain('reader--fs2')
    const again = fixtureApp({ storage: h.storage })
    await again.launch(`/pages/reader/index?id=${entry.id}`)
    expect(find(again.root(), byClass('reader')).cl).toContain('reader--fs2')
  })

  test('reading progress is saved while scrolling and restored on return', async () => {
    await openCard(h, entry.title)
    await h.advance(100)
    const writesBefore = h.setDataLog.length
    await h.scroll(1200)
    await h.scroll(1300)
    await h.scroll(1200)
    await h.advance(1000)
    expect(h.setDataLog.slice(writesBefore)).toEqual([])
    const again = fixtureApp({ storage: h.storage })
    await again.launch()
    const card = find(again.root(), withText('cd', entry.title))
    expect(textOf(find(card, byClass('cd-k')))).toMatch(/继续阅读 · 已读 \d+%/)
    expect(cardLabels(card, FIXTURE_DIST)).toEqual([])
    await openCard(again, entry.title)
    await again.advance(100)
    expect(again.scrolledTo).toEqual([1200])
    expect(again.toasts).toContain('已回到上次读到的位置')
  })

  test('previous and next open the neighbouring installments', async () => {
    await openCard(h, entry.title)
    await h.tap(find(h.root(), withText('reader__nav-item', '下一期')))
    expect(readerTitle(h)).toBe(entryByNumber(entry.number + 1).title)
    await h.tap(find(h.root(), withText('reader__nav-item', '上一期')))
    await h.tap(find(h.root(), withText('reader__nav-item', '上一期')))
    expect(readerTitle(h)).toBe(entryByNumber(entry.number - 1).title)
  })

  test('sharing to a chat deep-links to the installment, with its title', async () => {
    await openCard(h, entry.title)
    const share = await h.trigger('onShareAppMessage', { from: 'button' })
    expect(share).toEqual({
      title: `第 ${entry.number} 期｜${entry.title} — ${entry.interviewee.name}`,
      path: `/pages/reader/index?id=${entry.id}`,
    })
    const timeline = await h.trigger('onShareTimeline')
    expect(timeline).toMatchObject({ query: `id=${entry.id}`, title: expect.stringContaining(entry.title) })
  })

  test('an installment with a cover shares its 5:4 picture as the card picture', async () => {
    if (!withCover) throw new Error('the fixture needs an installment with a cover')
    const app = fixtureApp()
    await app.launch(`/pages/reader/index?id=${withCover.id}`)
    const share = (await app.trigger('onShareAppMessage', { from: 'menu' })) as { imageUrl?: string }
    expect(withCover.coverImage?.share).toMatch(/^media\//)
    expect(share.imageUrl).toBe(`/pages/reader/${withCover.coverImage?.share}`)
  })

  test('a sample says 样例 N in the reader, and its share titles start with 【样例】', async () => {
    const sample = samples[0]
    const app = fixtureApp()
    await app.launch(`/pages/reader/index?id=${sample.id}`)
    expect(textOf(find(app.root(), byClass('kicker__number')))).toBe(`样例 ${sample.number}`)
    expect(app.navigationTitles).toContain(
      `样例 ${sample.number} · ${sample.interviewee.name} · ${sample.title}`,
    )
    const share = (await app.trigger('onShareAppMessage', { from: 'menu' })) as { title: string }
    const timeline = (await app.trigger('onShareTimeline')) as { title: string }
    for (const title of [share.title, timeline.title]) {
      expect(title).toBe(`【样例】样例 ${sample.number}｜${sample.title} — ${sample.interviewee.name}`)
    }
  })

  test('an unknown id shows not-found with a way back to the list', async () => {
    const lost = fixtureApp()
    await lost.launch('/pages/reader/index?id=no-such-interview')
    expect(stateTitle(lost)).toBe('没有找到这期访谈')
    await lost.tap(find(lost.root(), byClass('state__action')))
    expect(lost.current().route).toBe('pages/index/index')
    expect(lost.errors).toEqual([])
  })

  test('a missing id shows not-found too', async () => {
    const lost = fixtureApp()
    await lost.launch('/pages/reader/index')
    expect(stateTitle(lost)).toBe('没有找到这期访谈')
  })

  test('opened from Moments (scene 1154) the reader offers no navigation', async () => {
    const moments = fixtureApp({ scene: 1154 })
    await moments.launch(`/pages/reader/index?id=${entry.id}`)
    expect(readerTitle(moments)).toBe(entry.title)
    expect(hasClass(moments, 'reader__nav')).toBe(false)
  })
})

describe('favourites', () => {
  const entry = real[real.length - 3]

  async function favouriteFromReader(harness: Harness) {
    await openCard(harness, entry.title)
    await harness.tap(favouriteButton(harness, find(harness.root(), byClass('reader__tools'))))
  }

  test('favourite in the reader → the favourites page lists it, with when it was saved', async () => {
    await favouriteFromReader(h)
    expect(h.toasts).toContain('已收藏')
    await tapTab(h, '/pages/favourites/index')
    const rows = favouriteRows(h)
    expect(rows).toHaveLength(1)
    expect(textOf(rows[0])).toContain(entry.title)
    expect(textOf(rows[0])).toMatch(/收藏于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
  })

  test('a favourite survives a relaunch with the same storage, and opens', async () => {
    await favouriteFromReader(h)
    const again = fixtureApp({ storage: h.storage })
    await again.launch('/pages/favourites/index')
    expect(favouriteRows(again).map(textOf).join()).toContain(entry.title)
    await again.tap(find(favouriteRows(again)[0], byClass('fav__title')))
    expect(readerTitle(again)).toBe(entry.title)
  })

  test('remove → gone; undo → back; remove and wait → stays gone', async () => {
    await favouriteFromReader(h)
    await tapTab(h, '/pages/favourites/index')
    await h.tap(find(h.root(), byClass('fav__remove')))
    expect(favouriteRows(h)).toHaveLength(0)
    expect(stateTitle(h)).toBe('还没有收藏')
    await h.tap(find(h.root(), byClass('undo-bar__action')))
    expect(favouriteRows(h)).toHaveLength(1)
    await h.tap(find(h.root(), byClass('fav__remove')))
    await h.advance(6000)
    expect(hasClass(h, 'undo-bar')).toBe(false)
    const again = fixtureApp({ storage: h.storage })
    await again.launch('/pages/favourites/index')
    expect(favouriteRows(again)).toHaveLength(0)
  })

  test('favourites are newest-saved first, and toggling on a list card works too', async () => {
    const older = real[real.length - 1]
    await h.tap(favouriteButton(h, find(h.root(), withText('cd', older.title))))
    await h.advance(60_000)
    await h.tap(favouriteButton(h, find(h.root(), withText('cd', entry.title))))
    expect(find(h.root(), withText('cd', entry.title)).cn?.length).toBeGreaterThan(0)
    await tapTab(h, '/pages/favourites/index')
    expect(favouriteRows(h).map((r) => textOf(find(r, byClass('fav__title'))))).toEqual([
      entry.title,
      older.title,
    ])
  })

  test('a favourite renders from its snapshot when the installment is gone from the content', async () => {
    const storage = new Map<string, unknown>([
      [
        'lre.user.favourites',
        JSON.stringify({
          v: 1,
          data: [
            {
              id: 'withdrawn-interview',
              savedAt: Date.UTC(2026, 10, 1),
              snapshot: {
                number: 99,
                title: '一篇已下线的访谈',
                intervieweeName: '某人',
                intervieweeRole: '某职',
                group: 'worker',
              },
            },
          ],
        }),
      ],
    ])
    const offline = fixtureApp({ storage })
    await offline.launch('/pages/favourites/index')
    expect(textOf(favouriteRows(offline)[0])).toContain('一篇已下线的访谈')
    await offline.tap(find(favouriteRows(offline)[0], byClass('fav__title')))
    expect(stateTitle(offline)).toBe('没有找到这期访谈')
    expect(offline.errors).toEqual([])
  })

  test('the empty favourites page points to the list', async () => {
    await tapTab(h, '/pages/favourites/index')
    expect(stateTitle(h)).toBe('还没有收藏')
    await h.tap(find(h.root(), byClass('state__action')))
    expect(h.current().route).toBe('pages/index/index')
  })
})

describe('bad saved data and a failing storage', () => {
  test.each([
    ['not JSON', '{"v":1,"data":[{"id":'],
    ['a newer version', JSON.stringify({ v: 99, data: [] })],
    ['the wrong shape', JSON.stringify({ v: 1, data: [{ id: 42 }] })],
    ['a bare value', JSON.stringify('favourites')],
  ])('a favourites record that is %s is set aside; the app boots and the list shows', async (_what, raw) => {
    const storage = new Map<string, unknown>([['lre.user.favourites', raw]])
    const app = fixtureApp({ storage })
    await app.launch()
    expect(cardTitles(app)).toEqual(firstScreen(titlesNewestFirst))
    await tapTab(app, '/pages/favourites/index')
    expect(stateTitle(app)).toBe('还没有收藏')
    expect(storage.get('lre.user.favourites.unreadable')).toBe(raw)
    expect(app.errors).toEqual([])
  })

  test('a full storage never loses the favourite for this session and says it was not saved', async () => {
    h.storageFault = 'quota'
    const entry = real[real.length - 2]
    await openCard(h, entry.title)
    await h.tap(favouriteButton(h, find(h.root(), byClass('reader__tools'))))
    expect(h.toasts).toContain('收藏暂未保存到本机，稍后会再试')
    await tapTab(h, '/pages/favourites/index')
    expect(textOf(favouriteRows(h)[0])).toContain(entry.title)
    h.storageFault = 'none'
    await tapTab(h, '/pages/index/index')
    await h.tap(favouriteButton(h, find(h.root(), withText('cd', real[real.length - 4].title))))
    const again = fixtureApp({ storage: h.storage })
    await again.launch('/pages/favourites/index')
    expect(favouriteRows(again)).toHaveLength(2)
  })

  test('storage that throws on every read still boots to the list', async () => {
    const app = fixtureApp()
    app.storageFault = 'read-error'
    await app.launch()
    expect(cardTitles(app)).toEqual(firstScreen(titlesNewestFirst))
    expect(app.errors).toEqual([])
  })
})

describe('about', () => {
  test('the About page shows the series introduction and the content source', async () => {
    await h.tap(find(h.root(), byClass('series__about')))
    const text = textOf(h.root())
    expect(h.current().route).toBe('pages/about/index')
    expect(text).toContain(fixture.series.title)
    expect(text).toContain(fixture.series.tagline)
    expect(text).toContain(fixture.contentVersion)
    expect(text).toContain('随小程序附带')
    expect(text).toContain('什么是“样例”')
  })
})

describe('accessibility attributes reach the WXML', () => {
  test('icon-only controls carry aria-label and aria-role', async () => {
    const fav = favouriteButton(h)
    expect(h.attr(fav, 'aria-label')).toBe('收藏')
    expect(h.attr(fav, 'aria-role')).toBe('button')
    const search = find(h.root(), byClass('search'))
    expect(h.attr(search, 'aria-label')).toBe(zh.searchOpen)
    expect(h.attr(search, 'aria-role')).toBe('button')
  })
})
