/**
 * The few tests that look at the bundled content itself, on the product build (dist/weapp): it boots
 * and lists, the samples never pass for the real column, and About tells the column's facts. Every
 * other flow runs on the generated fixture column (see flows.test.ts).
 */
import manifest from '../../src/content/bundled/manifest.json'

import { byClass, find, findAll, Harness, textOf } from './harness'
import { cards, cardTitles, favouriteButton, favouriteRows, tapTab, withText } from './screens'

const samples = manifest.installments.filter((e) => e.sample)
const newestFirst = [...manifest.installments].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))

let h: Harness
beforeEach(async () => {
  h = new Harness()
  await h.launch()
})
afterEach(() => expect(h.errors).toEqual([]))

test('the product boots on its bundled content and lists every installment', () => {
  expect(cardTitles(h)).toEqual(newestFirst.map((e) => e.title))
})

test('when every installment is a sample, the header counts samples, not installments', () => {
  expect(samples).toHaveLength(manifest.installments.length)
  const meta = textOf(find(h.root(), byClass('series__meta')))
  expect(meta).toContain(`样例 ${samples.length} 篇`)
  expect(meta).not.toContain('已连载')
})

test('every card says 样例 N; none says 第 N 期', () => {
  const numbers = cards(h).map((c) => textOf(find(c, byClass('cd-n'))))
  expect(numbers).toEqual(newestFirst.map((e) => expect.stringMatching(new RegExp(`^样例 ${e.number} · `))))
  expect(numbers.filter((n) => /第 \d+ 期/.test(n))).toEqual([])
})

test('a sample in the reader, in favourites and in both share titles never passes for a real installment', async () => {
  const entry = newestFirst[0]
  await h.tap(favouriteButton(h, find(h.root(), withText('cd', entry.title))))
  await tapTab(h, '/pages/favourites/index')
  expect(textOf(favouriteRows(h)[0])).toContain(`样例 ${entry.number}`)
  const reader = new Harness({ storage: h.storage })
  await reader.launch(`/pages/reader/index?id=${entry.id}`)
  expect(textOf(find(reader.root(), byClass('reader__number')))).toBe(`样例 ${entry.number}`)
  const share = (await reader.trigger('onShareAppMessage', { from: 'menu' })) as { title: string }
  const timeline = (await reader.trigger('onShareTimeline')) as { title: string }
  expect([share.title, timeline.title].map((t) => t.slice(0, 4))).toEqual(['【样例】', '【样例】'])
  expect(textOf(reader.root())).not.toMatch(/第 \d+ 期/)
})

test('About tells the column, the book, the academician whose letter opened it, and the account', async () => {
  await h.tap(find(h.root(), byClass('series__about')))
  const text = textOf(h.root())
  for (const fact of [
    '七十周年',
    '六十五周年',
    '九十周年',
    '白云鄂博',
    '科学家、企业家、工程师和一线工人',
    '余永富',
    '1995年当选中国工程院院士',
    '北方稀土',
    '什么是“样例”',
    manifest.contentVersion,
  ]) {
    expect([fact, text.includes(fact)]).toEqual([fact, true])
  }
  expect(text).not.toContain('于永富')
})

test('with no original ID for the account, 关注公众号 copies its name to search for', async () => {
  await h.tap(find(h.root(), byClass('follow__btn')))
  expect(h.apiCalls).toEqual([])
  expect(h.clipboard).toEqual(['北方稀土'])
  expect(h.toasts).toEqual(['已复制“北方稀土”，在微信中搜索即可关注'])
})

test('no sample has an original article, so no reader offers one', async () => {
  const reader = new Harness()
  await reader.launch(`/pages/reader/index?id=${newestFirst[0].id}`)
  await reader.advance(1000)
  expect(findAll(reader.root(), byClass('orig'))).toEqual([])
})
