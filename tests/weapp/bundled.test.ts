/**
 * The few tests that look at the bundled content itself, on the product build (dist/weapp): it boots
 * and lists, samples never pass for the real column, About shows the column's introduction, and the
 * account can be followed. Expectations come from the bundled manifest, so they hold for whatever the
 * editors bundle (samples today, the real installments tomorrow). Every other flow runs on the
 * generated fixture column (see flows.test.ts).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { plainText } from '@/content/inline'
import type { Block, Manifest } from '@/content/schema'
import { text as zh } from '@/i18n'

import { byClass, find, findAll, Harness, textOf } from './harness'
import {
  cards,
  cardTitles,
  favouriteButton,
  favouriteRows,
  sameTextBothWays,
  tapTab,
  withText,
} from './screens'

const manifest = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../src/content/bundled/manifest.json'), 'utf8'),
) as Manifest
const samples = manifest.installments.filter((e) => e.sample)
const newestFirst = [...manifest.installments].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
const firstScreen = newestFirst.slice(0, 20)
const label = (e: { number: number; sample?: boolean }) => zh.installmentNumber(e.number, e.sample)

let h: Harness
beforeEach(async () => {
  h = new Harness()
  await h.launch()
})
afterEach(() => {
  expect(h.errors).toEqual([])
  // What WeChat's view layer renders from the page's data is exactly what the setData tree holds.
  expect(sameTextBothWays(h)).toBe(true)
})

test('the product boots on its bundled content and lists it, newest first', () => {
  expect(manifest.installments.length).toBeGreaterThan(0)
  expect(cardTitles(h)).toEqual(firstScreen.map((e) => e.title))
})

test('the header counts real installments and samples apart', () => {
  const meta = textOf(find(h.root(), byClass('series__meta')))
  expect(meta).toContain(zh.installmentsCount(manifest.installments.length - samples.length, samples.length))
  // With only samples, it must not claim a serialisation.
  if (samples.length === manifest.installments.length) expect(meta).not.toContain('已连载')
})

test('every card is numbered as what it is: 样例 N for a sample, 第 N 期 otherwise', () => {
  const numbers = cards(h).map((c) => textOf(find(c, byClass('cd-n'))))
  expect(numbers).toEqual(firstScreen.map((e) => expect.stringMatching(new RegExp(`^${label(e)} · `))))
})

// Only where the bundle holds a sample on the first screen; a column of real installments skips it.
const sampleShown = samples.find((e) => firstScreen.includes(e))
;(sampleShown ? test : test.skip)(
  'a sample in favourites, in the reader and in both share titles never passes for a real installment',
  async () => {
    const entry = sampleShown!
    await h.tap(favouriteButton(h, find(h.root(), withText('cd', entry.title))))
    await tapTab(h, '/pages/favourites/index')
    expect(textOf(favouriteRows(h)[0])).toContain(`样例 ${entry.number}`)
    const reader = new Harness({ storage: h.storage })
    await reader.launch(`/pages/reader/index?id=${entry.id}`)
    expect(textOf(find(reader.root(), byClass('kicker__number')))).toBe(`样例 ${entry.number}`)
    const share = (await reader.trigger('onShareAppMessage', { from: 'menu' })) as { title: string }
    const timeline = (await reader.trigger('onShareTimeline')) as { title: string }
    expect([share.title, timeline.title].map((t) => t.slice(0, 4))).toEqual(['【样例】', '【样例】'])
    expect(textOf(reader.root())).not.toMatch(/第 \d+ 期/)
  },
)

function plain(block: Block): string {
  if (block.type === 'divider' || block.type === 'image') return ''
  return plainText(block.text)
}

test("About shows the column's title, tagline, whole introduction and content version", async () => {
  await h.tap(find(h.root(), byClass('series__about')))
  const shown = textOf(h.root())
  const { series } = manifest
  for (const piece of [series.title, series.tagline, ...series.intro.map(plain), manifest.contentVersion]) {
    expect([piece, shown.includes(piece.replace(/\n/g, ''))]).toEqual([piece, true])
  }
})

test('关注公众号 is offered exactly when the column names its account, and works with what it names', async () => {
  const account = manifest.series.officialAccount
  const buttons = findAll(h.root(), byClass('follow__btn'))
  expect(buttons).toHaveLength(account ? 1 : 0)
  if (!account) return
  await h.tap(buttons[0])
  if (account.username) {
    expect(h.apiCalls).toEqual([
      { api: 'openOfficialAccountProfile', options: { username: account.username } },
    ])
  } else {
    expect(h.clipboard).toEqual([account.name])
    expect(h.toasts).toEqual([zh.accountNameCopied(account.name)])
  }
})
