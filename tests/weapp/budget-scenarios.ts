/**
 * The performance scenarios, on the compiled bundle: what each user action costs across the setData
 * bridge (calls, bytes) and the tree the view layer then renders (elements, widest element, depth),
 * taken from WeChat's own WXML compiler. Shared by the budget tests (which assert) and `npm run bench`
 * (which also times them).
 */
import { generateInstallment, generateSeries, MAX_SERIES } from '../fixtures/generate'
import type { Installment } from '../../src/content/schema'
import { host, publish, REMOTE_DIST, type Published } from './content-server'
import { byClass, find, findAll, Harness, textOf, type SetDataRecord } from './harness'
import { cards, chip, openCard, openSearch, resultTitles, searchFor, seen, withText } from './screens'
import { elementStats, findByClass, renderPage, visibleText } from './wxml'

export type Measure = {
  scenario: string
  /** Wall time of the measured part (launch to settled, or action to settled): reported, never asserted. */
  ms: number
  /** For a launch: wall time to its first setData, the first render. Reported, never asserted. */
  firstRenderMs?: number
  /** For a launch: bytes read from storage before its first render (deterministic, so asserted). */
  storageBytesBeforeFirstRender?: number
  setDataCalls: number
  bytes: number
  maxSingleBytes: number
  /** Elements, text nodes, the widest element and the depth of the tree wcc renders. */
  elements: number
  texts: number
  maxChildren: number
  depth: number
  /** The cross-check: the view layer shows exactly the text the setData tree holds. */
  sameText: boolean
  /** Custom components the view layer instantiated to render it (Taro's `comp` when too deep). */
  components: string[]
  records: SetDataRecord[]
}

function measure(scenario: string, h: Harness, from: number, ms: number): Measure {
  const records = h.setDataLog.slice(from)
  const page = h.current()
  const components: string[] = []
  const view = renderPage(REMOTE_DIST, page.route, page.data, {
    onComponent: (name) => components.push(name),
  })
  return {
    scenario,
    ms,
    setDataCalls: records.length,
    bytes: records.reduce((sum, r) => sum + r.bytes, 0),
    maxSingleBytes: Math.max(0, ...records.map((r) => r.bytes)),
    ...elementStats(view),
    sameText: visibleText(view) === textOf(h.root()),
    components,
    records,
  }
}

/** A compiled mini program with a content URL, and how its content is published for it. */
export type Build = { dist: string; publish: (list: Installment[]) => Published }
export const THIS_BUILD: Build = { dist: REMOTE_DIST, publish }

/**
 * A series of `count` installments; the first one is `firstChars` long (the long-read case) and has
 * an English translation (parallel reading doubles what it sends).
 */
export function series(count: number, firstChars = 6000, build: Build = THIS_BUILD) {
  const list = generateSeries(count)
  list[0] = generateInstallment(0, firstChars, { translated: 'all' })
  return build.publish(list)
}

/** Wall times of one launch, from its start (ms): reported by the bench, never asserted. */
export type LaunchTimes = {
  /** app.js has run: the app code is loaded and the repository made (it reads what was saved). */
  appCodeMs: number
  /** The list page's first setData. */
  firstRenderMs: number
  /** Nothing left to do: the rest of the manifest is read, the refresh has asked the network. */
  settledMs: number
}

/**
 * A warm launch with `count` installments cached: the first screen is the cached series, drawn before
 * the network answers. The cold launch before it only fills the cache.
 */
export async function warmLaunch(
  count: number,
  firstChars = 6000,
  build: Build = THIS_BUILD,
): Promise<{ h: Harness; times: LaunchTimes }> {
  const files = series(count, firstChars, build)
  const cold = new Harness({ dist: build.dist, request: host(files) })
  await cold.launch()
  await cold.advance(5000)
  const h = new Harness({ dist: build.dist, request: host(files), storage: cold.storage })
  // A launch starts on a fresh heap, not on the garbage of the cold launch (or the run) before it.
  collectGarbage()
  const { ms } = await timed(() => h.launch())
  const marks = h.launchMarks
  const [firstRender] = h.setDataMarks
  if (!marks || !firstRender) throw new Error(`the launch of ${build.dist} rendered nothing`)
  const times = {
    appCodeMs: marks.appLoaded - marks.start,
    firstRenderMs: firstRender.at - marks.start,
    settledMs: ms,
  }
  return { h, times }
}

export async function warmList(count: number, firstChars = 6000): Promise<{ h: Harness; first: Measure }> {
  const { h, times } = await warmLaunch(count, firstChars)
  const [firstRender] = h.setDataMarks
  const first = {
    ...measure(`list, first render (${count})`, h, 0, times.settledMs),
    firstRenderMs: times.firstRenderMs,
    storageBytesBeforeFirstRender: h.storageReads
      .slice(0, firstRender.storageReads)
      .reduce((sum, read) => sum + read.bytes, 0),
  }
  await h.advance(5000)
  return { h, first }
}

/** Collects garbage when node runs with --expose-gc (`npm run bench` does); otherwise nothing. */
function collectGarbage(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

export async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint()
  const value = await run()
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 }
}

export type Scenario = { name: string; run: () => Promise<Measure> }

async function after(name: string, h: Harness, act: () => Promise<unknown>): Promise<Measure> {
  const from = h.setDataLog.length
  const { ms } = await timed(act)
  return measure(name, h, from, ms)
}

export const scenarios: Scenario[] = [
  { name: 'list, first render (100)', run: async () => (await warmList(100)).first },
  { name: 'list, first render (999)', run: async () => (await warmList(MAX_SERIES)).first },
  {
    name: 'load the next 20',
    run: async () => {
      const { h } = await warmList(100)
      return after('load the next 20', h, () => h.trigger('onReachBottom'))
    },
  },
  {
    name: 'filter change',
    run: async () => {
      const { h } = await warmList(100)
      return after('filter change', h, () => h.tap(chip(h, '工程师')))
    },
  },
  {
    // A word in every title and body of the 100 (each 6,000 characters): a full first page of results.
    name: 'search, first results (100)',
    run: async () => {
      const { h } = await warmList(100)
      await openSearch(h)
      const measured = await after('search, first results (100)', h, () => searchFor(h, '生成'))
      // The budget is for a full page: twenty results, each with its passage.
      if (resultTitles(h).length !== 20 || findByClass(seen(h), 'sr-s').length !== 20)
        throw new Error('the search scenario did not draw a full page of results')
      return measured
    },
  },
  {
    name: 'toggle a favourite on the list',
    run: async () => {
      const { h } = await warmList(100)
      return after('toggle a favourite on the list', h, () => h.tap(find(cards(h)[3], byClass('fb'))))
    },
  },
  {
    name: 'reader, 20,000-character interview',
    run: async () => {
      const { h } = await warmList(100, 20000)
      const title = generateInstallment(0, 20000).title
      await h.tap(find(h.root(), byClass('order'))) // series order puts number 1 first
      return after('reader, 20,000-character interview', h, () => openCard(h, title))
    },
  },
  {
    // The reader chose parallel reading (对照) once; the long interview then opens with each block
    // followed by its English: twice the text, in stages of the same budgets.
    name: 'reader, 20,000 characters in parallel',
    run: async () => {
      const { h } = await warmList(100, 20000)
      const title = generateInstallment(0, 20000).title
      await h.tap(find(h.root(), byClass('order')))
      await openCard(h, title)
      await h.tap(find(h.root(), withText('choice__item', '对照')))
      await h.advance(5000)
      await h.pressBack()
      const measured = await after('reader, 20,000 characters in parallel', h, async () => {
        await openCard(h, title)
        await h.advance(5000)
      })
      if (findByClass(seen(h), 'b--twin').length < 100)
        throw new Error('the parallel scenario did not draw the English beside the Chinese')
      return measured
    },
  },
  {
    // The reader switches a long interview to parallel reading while reading it: the body starts again
    // from its first stage, never the whole new body in one go.
    name: 'switch a 20,000-character interview to parallel',
    run: async () => {
      const { h } = await warmList(100, 20000)
      await h.tap(find(h.root(), byClass('order')))
      await openCard(h, generateInstallment(0, 20000).title)
      await h.advance(5000)
      return after('switch a 20,000-character interview to parallel', h, async () => {
        await h.tap(find(h.root(), withText('choice__item', '对照')))
        await h.advance(5000)
      })
    },
  },
  {
    name: 'toggle a favourite in the reader',
    run: async () => {
      const { h } = await warmList(100)
      await openCard(h, cards(h).length ? generateInstallment(99).title : '')
      return after('toggle a favourite in the reader', h, () =>
        h.tap(find(find(h.root(), byClass('reader__tools')), byClass('fb'))),
      )
    },
  },
  ...(['keep an excerpt in the reader', 'remove an excerpt in the reader'] as const).map((name) => ({
    name,
    run: async () => {
      const { h } = await warmList(100)
      const installment = generateInstallment(99)
      await openCard(h, installment.title)
      const answer = installment.body.findIndex((b) => b.type === 'answer')
      const press = (label: string) => {
        h.actionSheetPicks.push(label)
        const blocks = findAll(find(h.root(), byClass('reader__body')), (n) =>
          ['b-p', 'b-q', 'b-a', 'b-quote', 'b-h', 'b-img', 'b-hr'].some((c) => byClass(c)(n)),
        )
        return h.longPress(blocks[answer])
      }
      if (name === 'keep an excerpt in the reader') return after(name, h, () => press('摘录'))
      await press('摘录')
      return after(name, h, () => press('取消摘录'))
    },
  })),
  {
    name: 'font-size change',
    run: async () => {
      const { h } = await warmList(100)
      await openCard(h, generateInstallment(99).title)
      return after('font-size change', h, () =>
        h.tap(find(h.root(), (n) => String(n.cl ?? '').includes('font__btn--large'))),
      )
    },
  },
]
