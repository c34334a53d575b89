/** Page objects over the harness: how a test finds what a reader sees and taps. */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { fixture } from '../fixtures/built'
import {
  byClass,
  classesOf,
  find,
  findAll,
  Harness,
  textOf,
  type HarnessOptions,
  type TreeNode,
} from './harness'
import { findByClass, findOneByClass, renderPage, visibleText, type WxElement } from './wxml'

export { fixture, fixtureBody } from '../fixtures/built'

/** The test-only build around the generated column (`npm run build:weapp:fixture`). */
export const FIXTURE_DIST = path.resolve(__dirname, '..', '..', 'dist', 'weapp-fixture')

export const entryByNumber = (n: number) => {
  const entry = fixture.installments.find((e) => e.number === n)
  if (!entry) throw new Error(`no installment ${n}`)
  return entry
}

/** A fresh app on the fixture build. */
export const fixtureApp = (options: HarnessOptions = {}) => new Harness({ dist: FIXTURE_DIST, ...options })

export function withText(className: string, text: string) {
  return (n: TreeNode) => classesOf(n).includes(className) && textOf(n).includes(text)
}

export const cards = (h: Harness) => findAll(h.root(), byClass('cd'))

/**
 * The fixed labels a card draws with CSS content (样例, 新, 未读; Sample, New, Unread in English),
 * read from the compiled list page's WXSS: the classes a rule needs → its label.
 */
export function cssLabels(dist: string): Array<{ needs: string[]; label: string }> {
  const wxss = readFileSync(path.join(dist, 'pages/index/index.wxss'), 'utf8')
  return [...wxss.matchAll(/((?:\.cd--\w+)+) \.cd-\w+::(?:before|after)\{[^}]*content:"([^"]+)"/g)].map(
    (m) => ({
      needs: m[1].split('.').filter(Boolean),
      label: m[2],
    }),
  )
}

/** A card's labels, in the order of its modifier classes: for each, the most specific rule it meets. */
export function cardLabels(card: TreeNode, dist: string): string[] {
  const classes = classesOf(card)
  const rules = cssLabels(dist).filter((rule) => rule.needs.every((c) => classes.includes(c)))
  return classes.flatMap((c) => {
    const best = rules
      .filter((rule) => rule.needs[rule.needs.length - 1] === c)
      .sort((a, b) => b.needs.length - a.needs.length)[0]
    return best ? [best.label] : []
  })
}
/**
 * What a reader sees: the current page as WeChat's view layer renders it, from WeChat's own WXML
 * compiler (wcc) and the page's data. The readers below take their text from it; taps still go
 * through the setData tree, which carries the event ids.
 */
export function seen(h: Harness): WxElement {
  const page = h.current()
  return renderPage(h.dist, page.route, page.data)
}
export const seenText = (h: Harness, cls: string) => visibleText(findOneByClass(seen(h), cls))

/** The cross-check every flow ends with: the view layer shows exactly the setData tree's text. */
export const sameTextBothWays = (h: Harness) => visibleText(seen(h)) === textOf(h.root())

export const cardTitles = (h: Harness) => findByClass(seen(h), 'cd-t').map(visibleText)
export const chip = (h: Harness, label: string) => find(h.root(), withText('chip', label))
export const stateTitle = (h: Harness) => seenText(h, 'state__title')
export const hasClass = (h: Harness, name: string) => findByClass(seen(h), name).length > 0

export async function openCard(h: Harness, title: string): Promise<void> {
  const card = cards(h).find((c) => textOf(c).includes(title))
  if (!card) throw new Error(`no card titled ${title}`)
  await h.tap(find(card, byClass('cd-t')))
  // Long enough for a body from the network (the harness answers in 5 ms) but no timeout.
  await h.advance(100)
}

export async function tapTab(
  h: Harness,
  url: '/pages/index/index' | '/pages/favourites/index',
): Promise<void> {
  // The tabBar is native; WeChat switches tabs itself, which the harness models as switchTab.
  h.navigate('switchTab', url)
  await h.settle()
}

export const readerTitle = (h: Harness) => seenText(h, 'reader__title')
export const readerText = (h: Harness) => seenText(h, 'reader__body')
export const favouriteButton = (h: Harness, within?: TreeNode) => find(within ?? h.root(), byClass('fb'))
export const favouriteRows = (h: Harness) => findAll(h.root(), byClass('fav'))

/** The list's search entry: it opens the search page (in the reader's package). */
export async function openSearch(h: Harness): Promise<void> {
  await h.tap(find(h.root(), byClass('search')))
  // The engine is built just after the page's first render.
  await h.advance(50)
}

/**
 * Until the search page no longer says it is downloading or preparing (a whole edition's search file
 * comes in parts, and its engine is built in slices).
 */
export async function untilSearchReady(h: Harness): Promise<string> {
  const busy = () =>
    /正在准备全文搜索|正在下载全文索引|Preparing full-text search|Downloading the search index/.test(
      visibleText(seen(h)),
    )
  for (let step = 0; step < 600 && busy(); step++) await h.advance(100)
  return visibleText(seen(h))
}

export const searchBox = (h: Harness) => find(h.root(), byClass('sbar__input'))

/** Types a query, then lets the 200 ms pause pass so it runs. */
export async function searchFor(h: Harness, query: string): Promise<void> {
  await h.input(searchBox(h), query)
  await h.advance(250)
}

export const resultTitles = (h: Harness) => findByClass(seen(h), 'sr-t').map(visibleText)
/** What is in bold inside each result's part `cls` (sr-t title, sr-w people, sr-s passage). */
export const boldIn = (h: Harness, cls: string) =>
  findByClass(seen(h), cls).map((el) => findByClass(el, 'hl').map(visibleText))
