/**
 * Editions the size of the book and past it, on the compiled build with a content URL, under WeChat's
 * own limits (storage: 10 MB, 1 MB a key; the user data folder: 200 MB): read online, relaunch with
 * no network on what the app kept, and search for a phrase in a body never opened. What a reader sees
 * is read from the tree WeChat's compiler renders.
 */
import { deepPhraseIndex, generateSeries, uniquePhrase } from '../fixtures/generate'
import { keptFiles, publish, REMOTE_DIST } from './content-server'
import { Harness } from './harness'
import { readOnline } from './reading-session'
import { openCard, openSearch, readerTitle, resultTitles, searchFor, untilSearchReady } from './screens'

const MiB = 1024 * 1024
/** The cache's own budget for its files (DEFAULT_BUDGET in src/content/cache.ts). */
const CACHE_BUDGET = 80 * MiB

type Edition = { count: number; chars: number }

const bytesOf = (h: Harness) =>
  keptFiles(h).reduce((sum, f) => sum + Buffer.byteLength(String(h.files.get(f))), 0)

describe.each<Edition>([
  { count: 100, chars: 10_000 },
  { count: 999, chars: 6_000 },
])('an edition of $count interviews of $chars characters', (edition) => {
  let online: Harness
  let read: string[]

  beforeAll(async () => {
    ;({ online, read } = await readOnline(publish(generateSeries(edition.count, edition.chars))))
  }, 600_000)

  test('online, the whole search file is had, and kept in files within the budget', () => {
    expect(online.errors).toEqual([])
    const parts = keptFiles(online).filter((f) => f.includes('/search.'))
    expect(parts.length).toBeGreaterThan(edition.count === 999 ? 10 : 1)
    expect(bytesOf(online)).toBeLessThanOrEqual(CACHE_BUDGET)
    // Storage keeps small records only: none of the text.
    const stored = [...online.storage.entries()].filter(([k]) => k.startsWith('lre.cache.'))
    for (const [, value] of stored) expect(Buffer.byteLength(JSON.stringify(value))).toBeLessThan(MiB / 2)
  })

  test('relaunched offline: the five read interviews open, and a phrase from a body never opened is found', async () => {
    const offline = new Harness({ dist: REMOTE_DIST, storage: online.storage, files: online.files })
    await offline.launch()
    await offline.advance(1000)
    const deep = deepPhraseIndex(edition.chars)
    const phrase = uniquePhrase(deep)
    await openSearch(offline)
    await searchFor(offline, phrase)
    const page = await untilSearchReady(offline)
    expect(resultTitles(offline)).toEqual([`生成的第 ${deep + 1} 期：一段平凡而踏实的工作经历`])
    // Nothing says search is less than whole, let alone "temporarily".
    expect(page).not.toMatch(/暂时|只搜索标题/)
    offline.back()
    await offline.settle()
    for (const title of read) {
      await openCard(offline, title)
      expect(readerTitle(offline)).toBe(title)
      offline.back()
      await offline.settle()
    }
    expect(offline.errors).toEqual([])
  }, 300_000)
})
