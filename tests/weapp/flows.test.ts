/**
 * The reader's flows, run on the compiled dist/weapp bundle. Each test boots a fresh app; tests that
 * relaunch pass the same storage to a second harness, as WeChat keeps storage between launches.
 */
import { byClass, DIST, find, findAll, Harness, textOf } from './harness'
import {
  bundled,
  cardLabels,
  cardTitles,
  chip,
  entryByNumber,
  favouriteButton,
  favouriteRows,
  hasClass,
  openCard,
  readerText,
  readerTitle,
  searchInput,
  stateTitle,
  tapTab,
  withText,
} from './screens'

const titlesNewestFirst = [...bundled.installments]
  .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
  .map((e) => e.title)

function firstParagraph(id: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const body = require(`../../src/content/bundled/installments/${id}.json`).body as Array<{
    type: string
    text: unknown
  }>
  const answer = body.find((b) => b.type === 'answer' && typeof b.text === 'string')
  return String(answer?.text).slice(0, 30)
}

let h: Harness

beforeEach(async () => {
  h = new Harness()
  await h.launch()
})

afterEach(() => {
  expect(h.errors).toEqual([])
})

describe('installments list', () => {
  test('launch shows every bundled title, newest first, with the series header', () => {
    expect(cardTitles(h)).toEqual(titlesNewestFirst)
    const header = textOf(find(h.root(), byClass('series')))
    expect(header).toContain(bundled.series.title)
    expect(header).toContain(`已连载 ${bundled.installments.length} 期`)
  })

  test('each card shows number, interviewee, group, date, reading time, sample badge and unread marker', () => {
    const entry = entryByNumber(7)
    const card = find(h.root(), withText('cd', entry.title))
    const text = textOf(card)
    expect(text).toContain('第 7 期')
    expect(text).toContain(`${entry.interviewee.name} · ${entry.interviewee.role}`)
    expect(text).toContain('工程师')
    expect(text).toContain('2026年10月16日')
    expect(text).toContain(`约 ${entry.readingMinutes} 分钟`)
    expect(cardLabels(card, DIST)).toEqual(['样例', '未读'])
    expect(findAll(card, byClass('cd-k'))).toEqual([])
  })

  test.each([
    ['科学家', 'scientist'],
    ['企业家', 'entrepreneur'],
    ['工程师', 'engineer'],
    ['一线工人', 'worker'],
  ])('the %s filter shows only that group', async (label, group) => {
    await h.tap(chip(h, label))
    const expected = titlesNewestFirst.filter(
      (t) => bundled.installments.find((e) => e.title === t)?.interviewee.group === group,
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(cardTitles(h)).toEqual(expected)
    await h.tap(chip(h, '全部'))
    expect(cardTitles(h)).toHaveLength(bundled.installments.length)
  })

  test.each([
    ['a title word', '马虎', ['一百多级萃取槽，一级都不能马虎']],
    ['an interviewee', '李桂芳', ['夜班的萃取槽边，我听得懂液面的声音']],
    ['an organisation', '北岭', ['夜班的萃取槽边，我听得懂液面的声音', '一百多级萃取槽，一级都不能马虎']],
    ['a tag', '循环经济', ['把废旧电机里的稀土“请”回来']],
  ])('search by %s narrows the list', async (_what, query, titles) => {
    await h.input(searchInput(h), query)
    expect(cardTitles(h)).toEqual(titles)
  })

  test('a search with no match shows the empty state, and clearing brings everything back', async () => {
    await h.input(searchInput(h), '不存在的关键词')
    expect(cardTitles(h)).toEqual([])
    expect(stateTitle(h)).toBe('没有找到相关访谈')
    await h.tap(find(h.root(), byClass('state__action')))
    expect(cardTitles(h)).toHaveLength(bundled.installments.length)
  })

  test('the order toggle switches to series order and is remembered after a relaunch', async () => {
    await h.tap(find(h.root(), byClass('order')))
    const seriesOrder = [...bundled.installments].sort((a, b) => a.number - b.number).map((e) => e.title)
    expect(cardTitles(h)).toEqual(seriesOrder)
    const again = new Harness({ storage: h.storage })
    await again.launch()
    expect(cardTitles(again)).toEqual(seriesOrder)
  })

  test('pull-to-refresh reloads content and says so', async () => {
    await h.trigger('onPullDownRefresh')
    expect(h.toasts).toContain('已是最新内容')
    expect(cardTitles(h)).toHaveLength(bundled.installments.length)
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
  const entry = entryByNumber(7)

  test('tapping a card opens that interview', async () => {
    await openCard(h, entry.title)
    expect(h.current().route).toBe('pages/reader/index')
    expect(readerTitle(h)).toBe(entry.title)
    expect(readerText(h)).toContain(firstParagraph(entry.id))
  })

  test('every block type is rendered', async () => {
    await openCard(h, entry.title)
    const root = h.root()
    for (const cls of ['b-p', 'b-h', 'b-q', 'b-a', 'b-quote', 'b-quote__cite', 'b-img', 'b-hr']) {
      expect([cls, findAll(root, byClass(cls)).length > 0]).toEqual([cls, true])
    }
    const pic = find(root, byClass('b-img__pic'))
    expect(h.tagOf(pic)).toBe('image')
    expect(h.attr(pic, 'src')).toBe(`/static/${entry.cover}`)
  })

  test('body text is selectable', async () => {
    await openCard(h, entry.title)
    const spans = findAll(find(h.root(), byClass('reader__body')), (n) => h.tagOf(n) === 'text')
    const content = spans.filter((n) => !/__mark$/.test(String(n.cl ?? '')))
    expect(content.length).toBeGreaterThan(20)
    expect(content.filter((n) => h.attr(n, 'user-select') !== true)).toEqual([])
  })

  test('tapping an image previews every image of the interview', async () => {
    await openCard(h, entry.title)
    await h.tap(find(h.root(), byClass('b-img__pic')))
    expect(h.previews).toEqual([{ urls: [`/static/${entry.cover}`], current: `/static/${entry.cover}` }])
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
    const again = new Harness({ storage: h.storage })
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
    const again = new Harness({ storage: h.storage })
    await again.launch()
    const card = find(again.root(), withText('cd', entry.title))
    expect(textOf(find(card, byClass('cd-k')))).toMatch(/继续阅读 · 已读 \d+%/)
    expect(cardLabels(card, DIST)).toEqual(['样例'])
    await openCard(again, entry.title)
    await again.advance(100)
    expect(again.scrolledTo).toEqual([1200])
    expect(again.toasts).toContain('已回到上次读到的位置')
  })

  test('previous and next open the neighbouring installments', async () => {
    await openCard(h, entry.title)
    await h.tap(find(h.root(), withText('reader__nav-item', '下一期')))
    expect(readerTitle(h)).toBe(entryByNumber(8).title)
    await h.tap(find(h.root(), withText('reader__nav-item', '上一期')))
    await h.tap(find(h.root(), withText('reader__nav-item', '上一期')))
    expect(readerTitle(h)).toBe(entryByNumber(6).title)
  })

  test('sharing to a chat deep-links to the installment, with its title and cover', async () => {
    await openCard(h, entry.title)
    const share = await h.trigger('onShareAppMessage', { from: 'button' })
    expect(share).toEqual({
      title: `第 7 期｜${entry.title} — ${entry.interviewee.name}`,
      path: `/pages/reader/index?id=${entry.id}`,
      imageUrl: `/static/${entry.cover}`,
    })
    const timeline = await h.trigger('onShareTimeline')
    expect(timeline).toMatchObject({ query: `id=${entry.id}`, title: expect.stringContaining(entry.title) })
  })

  test('an unknown id shows not-found with a way back to the list', async () => {
    const lost = new Harness()
    await lost.launch('/pages/reader/index?id=no-such-interview')
    expect(stateTitle(lost)).toBe('没有找到这期访谈')
    await lost.tap(find(lost.root(), byClass('state__action')))
    expect(lost.current().route).toBe('pages/index/index')
    expect(lost.errors).toEqual([])
  })

  test('a missing id shows not-found too', async () => {
    const lost = new Harness()
    await lost.launch('/pages/reader/index')
    expect(stateTitle(lost)).toBe('没有找到这期访谈')
  })

  test('opened from Moments (scene 1154) the reader offers no navigation', async () => {
    const moments = new Harness({ scene: 1154 })
    await moments.launch(`/pages/reader/index?id=${entry.id}`)
    expect(readerTitle(moments)).toBe(entry.title)
    expect(hasClass(moments, 'reader__nav')).toBe(false)
  })
})

describe('favourites', () => {
  const entry = entryByNumber(3)

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
    const again = new Harness({ storage: h.storage })
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
    const again = new Harness({ storage: h.storage })
    await again.launch('/pages/favourites/index')
    expect(favouriteRows(again)).toHaveLength(0)
  })

  test('favourites are newest-saved first, and toggling on a list card works too', async () => {
    const older = entryByNumber(1)
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
    const offline = new Harness({ storage })
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
    const app = new Harness({ storage })
    await app.launch()
    expect(cardTitles(app)).toHaveLength(bundled.installments.length)
    await tapTab(app, '/pages/favourites/index')
    expect(stateTitle(app)).toBe('还没有收藏')
    expect(storage.get('lre.user.favourites.unreadable')).toBe(raw)
    expect(app.errors).toEqual([])
  })

  test('a full storage never loses the favourite for this session and says it was not saved', async () => {
    h.storageFault = 'quota'
    const entry = entryByNumber(2)
    await openCard(h, entry.title)
    await h.tap(favouriteButton(h, find(h.root(), byClass('reader__tools'))))
    expect(h.toasts).toContain('收藏暂未保存到本机，稍后会再试')
    await tapTab(h, '/pages/favourites/index')
    expect(textOf(favouriteRows(h)[0])).toContain(entry.title)
    h.storageFault = 'none'
    await tapTab(h, '/pages/index/index')
    await h.tap(favouriteButton(h, find(h.root(), withText('cd', entryByNumber(4).title))))
    const again = new Harness({ storage: h.storage })
    await again.launch('/pages/favourites/index')
    expect(favouriteRows(again)).toHaveLength(2)
  })

  test('storage that throws on every read still boots to the list', async () => {
    const app = new Harness()
    app.storageFault = 'read-error'
    await app.launch()
    expect(cardTitles(app)).toHaveLength(bundled.installments.length)
    expect(app.errors).toEqual([])
  })
})

describe('about', () => {
  test('the About page tells the column, the book and the content source', async () => {
    await h.tap(find(h.root(), byClass('series__about')))
    const text = textOf(h.root())
    expect(h.current().route).toBe('pages/about/index')
    for (const fact of [
      '七十周年',
      '六十五周年',
      '九十周年',
      '白云鄂博',
      '科学家、企业家、工程师和一线工人',
      '公众号',
    ]) {
      expect([fact, text.includes(fact)]).toEqual([fact, true])
    }
    expect(text).toContain(bundled.contentVersion)
    expect(text).toContain('随小程序附带')
    expect(text).toContain('什么是“样例”')
  })
})

describe('accessibility attributes reach the WXML', () => {
  test('icon-only controls carry aria-label and aria-role', async () => {
    const fav = favouriteButton(h)
    expect(h.attr(fav, 'aria-label')).toBe('收藏')
    expect(h.attr(fav, 'aria-role')).toBe('button')
    await h.input(searchInput(h), '稀土')
    const clear = find(h.root(), byClass('search__clear'))
    expect(h.attr(clear, 'aria-label')).toBe('清除搜索')
  })
})
