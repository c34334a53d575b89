/**
 * The cache's files in the user data folder going wrong, on the compiled build with a content URL,
 * with WeChat's own error messages (the harness's FileSystemManager): the folder full, a file the index
 * names gone, cut short or turned into a directory, and storage full while the files are fine. The app
 * keeps working on what it can verify, and loses nothing of the reader's.
 */
import { generateSeries, uniquePhrase } from '../fixtures/generate'
import { host, keptFiles, launchedRemote, publish, REMOTE_DIST, type Kept } from './content-server'
import { searchText } from '@/i18n/search'

import { DIRECTORY, Harness, type FileEntry } from './harness'
import {
  cardTitles,
  hasClass,
  openCard,
  openSearch,
  readerText,
  readerTitle,
  resultTitles,
  searchFor,
  seen,
  stateTitle,
} from './screens'
import { findByClass, visibleText } from './wxml'

const series = generateSeries(30, 3000)
const files = publish(series)
const newest = [...series].reverse()
const offline = () => ({ fail: 'offline' as const })
const FAVOURITES_KEY = 'lre.user.favourites'
const PROGRESS_KEY = 'lre.user.progress'

/** A reader who has been here: one favourite (the newest installment) and progress in the eleventh. */
function readerData(): Map<string, unknown> {
  const [first, second] = [newest[0], newest[10]]
  const snapshot = {
    number: first.number,
    title: first.title,
    intervieweeName: first.interviewee.name,
    intervieweeRole: first.interviewee.role,
    group: first.interviewee.group,
    sample: true,
  }
  return new Map<string, unknown>([
    [FAVOURITES_KEY, JSON.stringify({ v: 1, data: [{ id: first.id, savedAt: 1, snapshot }] })],
    [
      PROGRESS_KEY,
      JSON.stringify({ v: 1, data: { [second.id]: { offset: 900, ratio: 0.4, updatedAt: 1 } } }),
    ],
  ])
}

const cacheFile = (kept: { files: Map<string, FileEntry> }, pattern: RegExp) => {
  const found = keptFiles(kept).find((f) => pattern.test(f))
  if (!found) throw new Error(`no cached file like ${pattern}`)
  return found
}
const bodyOf = (kept: { files: Map<string, FileEntry> }, id: string) =>
  cacheFile(kept, new RegExp(`/body\\.${id}\\.[a-f0-9]{12}\\.json$`))

/** Online: the list, the three newest interviews read (so kept), and the search file kept. */
async function readOnline(): Promise<Harness> {
  const app = await launchedRemote(host(files), { storage: readerData() })
  for (const entry of newest.slice(0, 3)) {
    await openCard(app, entry.title)
    app.back()
    await app.settle()
  }
  return app
}

function expectReaderDataIntact(app: Harness) {
  const before = readerData()
  expect(app.storage.get(FAVOURITES_KEY)).toBe(before.get(FAVOURITES_KEY))
  const progress = (stored: unknown) => JSON.parse(String(stored)).data as Record<string, unknown>
  expect(progress(app.storage.get(PROGRESS_KEY))).toMatchObject(progress(before.get(PROGRESS_KEY)))
}

/** Opens an interview from the list: its title when it opens, else what the page says instead. */
async function opened(app: Harness, title: string): Promise<string> {
  await openCard(app, title)
  const shown = hasClass(app, 'state__title') ? stateTitle(app) : readerTitle(app)
  if (shown === title) expect(readerText(app).length).toBeGreaterThan(1000)
  app.back()
  await app.settle()
  return shown
}

describe('a file the index names, damaged behind the app’s back', () => {
  const spoilt = (how: (files: Map<string, FileEntry>, path: string) => void) => async (online: Harness) => {
    const damaged = new Map(online.files)
    how(damaged, bodyOf(online, newest[1].id))
    return { storage: new Map(online.storage), files: damaged }
  }

  test.each<[string, (online: Harness) => Promise<Kept>]>([
    ['missing', spoilt((f, path) => f.delete(path))],
    ['cut short', spoilt((f, path) => f.set(path, String(f.get(path)).slice(0, 200)))],
    [
      'with other bytes of the same length',
      spoilt((f, path) => f.set(path, String(f.get(path)).replace('平凡', '平淡'))),
    ],
    ['a directory where the file was', spoilt((f, path) => f.set(path, DIRECTORY))],
  ])(
    '%s: offline it is not shown, the others are; online it is fetched and kept again',
    async (_name, spoil) => {
      const online = await readOnline()
      const kept = await spoil(online)
      const [first, second, third] = newest
      const away = await launchedRemote(offline, kept)
      expect(await opened(away, first.title)).toBe(first.title)
      expect(await opened(away, third.title)).toBe(third.title)
      // Never the damaged text: the page says the interview needs the network.
      expect(await opened(away, second.title)).not.toBe(second.title)
      expect(away.errors).toEqual([])
      expectReaderDataIntact(away)

      const back = await launchedRemote(host(files), away)
      expect(await opened(back, second.title)).toBe(second.title)
      await back.advance(1000)
      const again = back.files.get(bodyOf(back, second.id))
      expect(typeof again).toBe('string')
      expect(JSON.parse(String(again)).id).toBe(second.id)
      expect(back.errors).toEqual([])
    },
  )

  test('a search part cut short: offline, search keeps to what it can verify and says so', async () => {
    const online = await readOnline()
    await openSearch(online)
    const damaged = new Map(online.files)
    const part = cacheFile(online, /\/search\.[a-f0-9]{12}\.0\.[a-f0-9]{12}\.json$/)
    damaged.set(part, String(damaged.get(part)).slice(0, 1000))
    const away = await launchedRemote(offline, { storage: online.storage, files: damaged })
    await openSearch(away)
    await searchFor(away, uniquePhrase(5))
    expect(resultTitles(away)).toEqual([])
    // What the app ships still covers its own bodies; the page says the newest are not searched.
    expect(findByClass(seen(away), 'notice').map(visibleText)).toEqual([searchText.searchStale])
    await searchFor(away, series[5].interviewee.name)
    expect(resultTitles(away)).toContain(series[5].title)
    expect(away.errors).toEqual([])
    expectReaderDataIntact(away)
  })
})

test('the folder full ("the maximum size of the file storage limit is exceeded"): the edition still shows and opens online, nothing is lost, nothing throws', async () => {
  const app = new Harness({ dist: REMOTE_DIST, request: host(files), storage: readerData() })
  app.fileFault = 'full'
  await app.launch()
  await app.advance(60_000)
  expect(cardTitles(app)[0]).toBe(newest[0].title)
  expect(await opened(app, newest[2].title)).toBe(newest[2].title)
  expect(keptFiles(app)).toEqual([])
  expect(app.errors).toEqual([])
  expectReaderDataIntact(app)
})

test('a folder that holds little: the cache keeps within it, the newest read first to stay', async () => {
  const app = new Harness({ dist: REMOTE_DIST, request: host(files), storage: readerData() })
  // Room for the manifest and a few bodies, not the search file.
  app.fileLimitBytes = 120 * 1024
  await app.launch()
  await app.advance(60_000)
  for (const entry of newest.slice(0, 8)) expect(await opened(app, entry.title)).toBe(entry.title)
  const used = [...app.files.values()].reduce<number>((sum, v) => sum + Buffer.byteLength(String(v)), 0)
  expect(used).toBeLessThanOrEqual(120 * 1024)
  const away = await launchedRemote(offline, app)
  expect(await opened(away, newest[7].title)).toBe(newest[7].title)
  expect(away.errors).toEqual([])
})

test('storage full while the files are fine: what was kept still opens offline, and the reader’s data stays', async () => {
  const online = await readOnline()
  const away = new Harness({
    dist: REMOTE_DIST,
    request: offline,
    storage: online.storage,
    files: online.files,
  })
  away.storageFault = 'quota'
  await away.launch()
  await away.advance(60_000)
  for (const entry of newest.slice(0, 3)) expect(await opened(away, entry.title)).toBe(entry.title)
  expect(away.errors).toEqual([])
  expectReaderDataIntact(away)
})
