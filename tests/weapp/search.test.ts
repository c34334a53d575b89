/**
 * Full-text search on the compiled mini program, around the generated fixture column (its bundled
 * search file ships in the search page's subpackage). What a reader sees is read from the tree that
 * WeChat's own WXML compiler renders. The search and reader pages are subpackage pages, as in WeChat.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { plainText } from '@/content/inline'
import type { SearchIndex } from '@/content/search/file'
import { searchText } from '@/i18n/search'

import { FIXTURE_BUNDLED } from '../fixtures/built'
import { fixtureNickname } from '../fixtures/series'
import {
  bundledBodies,
  host,
  keptSearchParts,
  launchedRemote,
  newInstallment,
  publish,
  searchFile,
} from './content-server'
import { byClass, find, findAll, Harness, textOf } from './harness'
import {
  boldIn,
  fixture,
  fixtureApp,
  fixtureBody,
  openSearch,
  resultTitles,
  searchBox,
  searchFor,
  seen,
  sameTextBothWays,
  stateTitle,
  withText,
} from './screens'
import { attr, findAllElements, findByClass, findByTag, visibleText } from './wxml'

const all = fixture.installments
const byNumber = (n: number) => {
  const entry = all.find((e) => e.number === n)
  if (!entry) throw new Error(`no installment ${n}`)
  return entry
}
const fixtureSearchFile = (): SearchIndex => {
  const ref = fixture.search
  if (!ref) throw new Error('the fixture column names no search file')
  return JSON.parse(readFileSync(path.join(FIXTURE_BUNDLED, ref.path), 'utf8')) as SearchIndex
}

/** The body block that holds `phrase`, by index, as the reader numbers blocks. */
function blockHolding(id: string, phrase: string): number {
  const index = fixtureBody(id).body.findIndex((b) => 'text' in b && plainText(b.text).includes(phrase))
  if (index < 0) throw new Error(`${id} has no block with ${phrase}`)
  return index
}

const eventOf = (log: { entry: unknown }) => (log.entry as { event?: string }).event

let h: Harness

beforeEach(async () => {
  h = fixtureApp()
  await h.launch()
  await openSearch(h)
})

afterEach(() => {
  expect(h.errors).toEqual([])
  expect(sameTextBothWays(h)).toBe(true)
})

describe('the search page', () => {
  test('opens from the list, in its own package, with a hint and no notice', () => {
    expect(h.current().route).toBe('pages/reader/search/index')
    const page = visibleText(seen(h))
    expect(page).toContain(searchText.searchHint)
    expect(page).toContain(searchText.searchPinyinHint)
    expect(findByClass(seen(h), 'notice')).toEqual([])
  })

  test('a phrase that is only in a body finds its installment, with the passage and the phrase in bold', async () => {
    const target = byNumber(3)
    const phrase = fixtureNickname(3)
    // Nowhere but in that body: not in any title, name, tag or summary.
    expect(all.filter((e) => JSON.stringify(e).includes(phrase))).toEqual([])
    await searchFor(h, phrase)
    expect(resultTitles(h)).toEqual([target.title])
    expect(boldIn(h, 'sr-s')).toEqual([[phrase]])
    expect(visibleText(findByClass(seen(h), 'sr-s')[0])).toContain(`叫“${phrase}”`)
    expect(visibleText(findByClass(seen(h), 'sr')[0])).toContain(searchText.matchCount(1))
    expect(visibleText(findByClass(seen(h), 'results__count')[0])).toBe(searchText.searchFound(1))
  })

  test.each([
    ['a title word', (n: number) => byNumber(n).title.slice(0, 3)],
    ['an interviewee', (n: number) => byNumber(n).interviewee.name],
    ['an organisation', (n: number) => byNumber(n).interviewee.organization ?? ''],
    ['a tag', (n: number) => byNumber(n).tags[0]],
  ])('search by %s finds the installment that has it, first', async (_what, query) => {
    await searchFor(h, query(1))
    expect(resultTitles(h)[0]).toBe(byNumber(1).title)
  })

  test('pinyin initials of a title word find the title, and mark the characters they spell', async () => {
    const entry = byNumber(1)
    const indexed = fixtureSearchFile().installments.find((e) => e.id === entry.id)
    const initials = (indexed?.pinyin.title ?? '')
      .split(' ')
      .slice(0, 3)
      .map((s) => s[0])
      .join('')
    expect(initials).toMatch(/^[a-z]{3}$/)
    await searchFor(h, initials)
    expect(resultTitles(h)[0]).toBe(entry.title)
    expect(boldIn(h, 'sr-t')[0]).toEqual([entry.title.slice(0, 3)])
  })

  test('several words must all match, in any field', async () => {
    const entry = byNumber(2)
    await searchFor(h, `${entry.interviewee.name}  ${fixtureNickname(2)}`)
    expect(resultTitles(h)).toEqual([entry.title])
    await searchFor(h, `${byNumber(1).interviewee.name} ${fixtureNickname(2)}`)
    expect(resultTitles(h)).toEqual([])
    expect(stateTitle(h)).toBe(searchText.searchNoResultTitle)
  })

  test('tapping a body hit opens the reader at that block, marked for a moment; back keeps the query', async () => {
    const entry = byNumber(6)
    const phrase = fixtureNickname(6)
    await searchFor(h, phrase)
    const before = resultTitles(h)
    await h.tap(find(h.root(), byClass('sr')))
    await h.advance(100)
    expect(h.current().route).toBe('pages/reader/index')
    const block = blockHolding(entry.id, phrase)
    // The block is on screen under its anchor, marked, with the phrase in bold, and scrolled to.
    const anchored = findAllElements(seen(h), (el) => attr(el, 'id') === `b-${block}`)
    expect(anchored).toHaveLength(1)
    expect(String(attr(anchored[0], 'class'))).toContain('b--hit')
    expect(findByClass(anchored[0], 'b-mark').map(visibleText)).toEqual([phrase])
    expect(h.scrolledToSelectors).toEqual([`#b-${block}`])
    // Not the saved reading position: the passage is where the reader asked to go.
    expect(h.scrolledTo).toEqual([])
    await h.advance(3000)
    // Landed on the first try (pictures above keep their boxes, so nothing moves it); then unmarked.
    expect(h.scrolledToSelectors).toEqual([`#b-${block}`])
    expect(findByClass(seen(h), 'b--hit')).toEqual([])
    expect(findByClass(seen(h), 'b-mark')).toEqual([])
    h.back()
    await h.settle()
    expect(h.current().route).toBe('pages/reader/search/index')
    expect(resultTitles(h)).toEqual(before)
  })

  test('a match that runs from plain into bold text is marked in the reader across both', async () => {
    // Every fixture body opens with "…其中有**加粗的话**…".
    const phrase = '其中有加粗'
    await searchFor(h, phrase)
    expect(resultTitles(h).length).toBeGreaterThan(0)
    expect(boldIn(h, 'sr-s')[0]).toEqual([phrase])
    await h.tap(find(h.root(), byClass('sr')))
    await h.advance(100)
    const [anchored] = findByClass(seen(h), 'b--hit')
    expect(findByClass(anchored, 'b-mark').map(visibleText).join('')).toBe(phrase)
    expect(findByClass(anchored, 'b-mark')).toHaveLength(2)
  })

  test('a search opened with a query in the link (?q=) runs it at once', async () => {
    const entry = byNumber(4)
    const direct = fixtureApp()
    await direct.launch(`/pages/reader/search/index?q=${encodeURIComponent(fixtureNickname(4))}`)
    await direct.advance(50)
    expect(resultTitles(direct)).toEqual([entry.title])
    expect(direct.errors).toEqual([])
  })

  test('typing runs one search per pause: each keystroke sends only the box, then one setData brings results', async () => {
    const box = searchBox(h)
    const mark = h.setDataLog.length
    for (const partial of ['黄', '黄龙', '黄龙号']) {
      const before = h.setDataLog.length
      await h.input(box, partial)
      await h.advance(50)
      // The box's value (which Taro's input sends back in any case) and its clear button; no results.
      const sent = h.setDataLog.slice(before)
      expect(sent.length).toBeLessThanOrEqual(1)
      expect(sent.every((r) => r.bytes < 400)).toBe(true)
    }
    expect(resultTitles(h)).toEqual([])
    const typed = h.setDataLog.length
    expect(typed - mark).toBeLessThanOrEqual(3)
    await h.advance(200)
    expect(h.setDataLog.length).toBe(typed + 1)
    expect(resultTitles(h)).toEqual([byNumber(2).title])
  })

  test.each([
    ['a 500-character query', '稀'.repeat(250) + 'x'.repeat(250)],
    ['regex metacharacters', '.*+?^${}()|[]\\'],
    ['an emoji', '😀'],
    ['a lone surrogate', '\ud83d'],
  ])('%s finds nothing, throws nothing, and the box keeps working', async (_what, query) => {
    await searchFor(h, query)
    expect(resultTitles(h)).toEqual([])
    expect(stateTitle(h)).toBe(searchText.searchNoResultTitle)
    await searchFor(h, fixtureNickname(5))
    expect(resultTitles(h)).toEqual([byNumber(5).title])
  })

  test('only spaces is no query: the hint shows, not "nothing found"', async () => {
    await searchFor(h, '   　 ')
    expect(resultTitles(h)).toEqual([])
    expect(visibleText(seen(h))).toContain(searchText.searchHint)
  })

  test('clearing the box empties the results and the box', async () => {
    await searchFor(h, fixtureNickname(5))
    expect(resultTitles(h)).toHaveLength(1)
    await h.tap(find(h.root(), byClass('sbar__clear')))
    expect(resultTitles(h)).toEqual([])
    expect(textOf(h.root())).toContain(searchText.searchHint)
    expect(findAll(h.root(), byClass('sbar__clear'))).toEqual([])
    const [input] = findByTag(seen(h), 'wx-input')
    expect(attr(input, 'value') ?? '').toBe('')
  })

  test('the clear button is labelled for screen readers', async () => {
    await searchFor(h, '故事')
    const clear = find(h.root(), byClass('sbar__clear'))
    expect(h.attr(clear, 'aria-label')).toBe(searchText.clearSearch)
    expect(h.attr(clear, 'aria-role')).toBe('button')
  })
})

/**
 * On the build with a content URL: the search file of an edition the bundle does not have is fetched
 * behind the first screen and saved; when it cannot be had, search falls back to titles and people.
 */
describe('a remote edition', () => {
  const extra = newInstallment(40)
  const files = () => publish([...bundledBodies(), extra])

  const notice = (app: Harness) => findByClass(seen(app), 'notice').map(visibleText)

  /** A launch whose fetch of the search file failed (the connection dropped just then). */
  async function launchedWithoutSearchFile() {
    const published = files()
    const network = { searchFileReachable: false }
    const app = await launchedRemote(
      host(published, (file) =>
        !network.searchFileReachable && file === searchFile(published) ? { fail: 'offline' } : undefined,
      ),
    )
    return { published, network, app }
  }

  test('its search file, saved behind the first screen, searches its bodies offline later', async () => {
    const online = await launchedRemote(host(files()))
    expect(keptSearchParts(online)).toHaveLength(1)
    const offline = await launchedRemote(() => ({ fail: 'offline' }), online)
    await openSearch(offline)
    await searchFor(offline, '矿物和脉石')
    expect(resultTitles(offline)).toEqual([extra.title])
    expect(notice(offline)).toEqual([])
    expect(offline.errors).toEqual([])
  })

  test('while the search file downloads, a query shows the preparing state, then its results', async () => {
    // The search file could not be fetched ahead (the connection dropped just then); now it can.
    const { published, network, app } = await launchedWithoutSearchFile()
    expect(keptSearchParts(app)).toEqual([])
    network.searchFileReachable = true
    const before = app.requests.length
    await app.tap(find(app.root(), byClass('search')))
    // Sent with the keyboard's search key before the file has arrived: titles and people first.
    await app.dispatch('confirm', searchBox(app), { value: extra.interviewee.name })
    expect(resultTitles(app)).toContain(extra.title)
    expect(notice(app)).toEqual([searchText.searchPreparingMore])
    // A phrase only a body has waits for the file.
    await app.input(searchBox(app), '矿物和脉石')
    await app.dispatch('confirm', searchBox(app), { value: '矿物和脉石' })
    expect(app.requests.slice(before).map((r) => r.url)).toEqual([
      `https://content.example.test/lre/${searchFile(published)}`,
    ])
    expect(stateTitle(app)).toBe(searchText.searchPreparing)
    await app.advance(100)
    expect(resultTitles(app)).toEqual([extra.title])
    expect(notice(app)).toEqual([])
    expect(app.errors).toEqual([])
  })

  test('when the network kept the search file away, the page asks again the next time it shows', async () => {
    const { network, app } = await launchedWithoutSearchFile()
    await openSearch(app)
    await app.advance(20_000)
    // The bundled search file serves for the bodies it has; the new installment by its title and people.
    expect(notice(app)).toEqual([searchText.searchStale])
    await searchFor(app, '矿物和脉石')
    expect(resultTitles(app)).toEqual([])
    await searchFor(app, extra.interviewee.name)
    expect(resultTitles(app)).toContain(extra.title)
    network.searchFileReachable = true
    await app.tap(find(app.root(), withText('sr', extra.title)))
    await app.advance(100)
    app.back()
    await app.advance(100)
    expect(notice(app)).toEqual([])
    await searchFor(app, '矿物和脉石')
    expect(resultTitles(app)).toEqual([extra.title])
    expect(app.errors).toEqual([])
  })

  test('offline after a newer edition: the older saved search file still searches the bodies that did not change', async () => {
    // A launch saved this edition's search file; the host then published one more installment.
    const first = await launchedRemote(host(files()))
    const newer = newInstallment(41)
    const published = publish([...bundledBodies(), extra, newer])
    let online = true
    const later = await launchedRemote(
      host(published, (file) =>
        !online || file === searchFile(published) ? { fail: 'offline' } : undefined,
      ),
      first,
    )
    online = false
    await openSearch(later)
    await later.advance(20_000)
    expect(notice(later)).toEqual([searchText.searchStale])
    // The body of an installment the old file covers is found; the new one by its title only.
    await searchFor(later, '矿物和脉石')
    expect(resultTitles(later)).toEqual([extra.title])
    await searchFor(later, newer.title)
    expect(resultTitles(later)).toContain(newer.title)
    expect(later.errors).toEqual([])
  })

  test('offline, with a corrupt saved search file: it is never read; the bundled one serves the bodies it has, and it says so', async () => {
    const online = await launchedRemote(host(files()))
    // Damaged on disk: the same length, other bytes.
    const damaged = new Map(online.files)
    const [part] = keptSearchParts(online)
    damaged.set(part, String(damaged.get(part)).replace('矿物', '矿石'))
    const offline = await launchedRemote(() => ({ fail: 'offline' }), {
      storage: online.storage,
      files: damaged,
    })
    await openSearch(offline)
    await offline.advance(1000)
    expect(notice(offline)).toEqual([searchText.searchStale])
    // The new installment by its people; its body's phrase neither as saved nor as damaged.
    await searchFor(offline, extra.interviewee.name)
    expect(resultTitles(offline)).toContain(extra.title)
    for (const phrase of ['矿物和脉石', '矿石和脉石']) {
      await searchFor(offline, phrase)
      expect(resultTitles(offline)).toEqual([])
    }
    // A bundled body is still found by its text.
    await searchFor(offline, fixtureNickname(7))
    expect(resultTitles(offline).length).toBeGreaterThan(0)
    // The damaged copy is gone (the next search online fetches it again).
    expect(keptSearchParts(offline)).toEqual([])
    expect(offline.errors).toEqual([])
  })

  test('a search file whose bytes do not match the manifest is refused and never saved; the bundled one serves, and search says so', async () => {
    const published = files()
    const tampered = host(published, (file) =>
      file === searchFile(published)
        ? { statusCode: 200, data: String(published.get(file)).replace('矿物', '矿石') }
        : undefined,
    )
    const app = await launchedRemote(tampered)
    expect(keptSearchParts(app)).toEqual([])
    await openSearch(app)
    await app.advance(20_000)
    expect(notice(app)).toEqual([searchText.searchStale])
    // Its text (矿石 for 矿物) is never searched; the installment is still found by its title.
    await searchFor(app, '矿石和脉石')
    expect(resultTitles(app)).toEqual([])
    await searchFor(app, extra.title.slice(0, 6))
    expect(resultTitles(app)).toContain(extra.title)
    expect(app.realtimeLogs.map(eventOf)).toContain('search-failed')
    expect(app.errors).toEqual([])
  })
})
