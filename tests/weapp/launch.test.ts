/**
 * A launch whose cost does not grow with the series, on the compiled bundle (dist/weapp-remote): the
 * first render reads the saved first screen (the head) and the rest of the manifest is read after it.
 * The head is data from storage like any other, so a bad one costs speed, never the list.
 */
import { generateSeries } from '../fixtures/generate'
import { warmList } from './budget-scenarios'
import { bundledManifest, CONTENT_BASE, host, newInstallment, publish, REMOTE_DIST } from './content-server'
import { byClass, findAll, Harness, textOf, type FileEntry, type Responder } from './harness'
import { cards, cardTitles, openSearch, resultTitles, searchFor, seenText } from './screens'

const HEAD_KEY = 'lre.cache.head'
/** The saved manifest's file, in the user data folder. */
const manifestFile = (files: Map<string, FileEntry>) => {
  const found = [...files.keys()].find((f) => /\/lre-cache\/manifest\.[a-f0-9]{12}\.json$/.test(f))
  if (!found) throw new Error('no saved manifest')
  return found
}

const cacheReadsBeforeFirstRender = (h: Harness) =>
  h.storageReads
    .slice(0, h.setDataMarks[0].storageReads)
    .map((r) => r.key)
    .filter((key) => key.startsWith('lre.cache.'))

const endText = (h: Harness) => seenText(h, 'list__end')

describe('a warm launch with 999 installments cached', () => {
  let h: Harness
  beforeAll(async () => {
    h = (await warmList(999)).h
  })

  test('reads only the first screen before the first render, never the whole manifest', () => {
    expect(cacheReadsBeforeFirstRender(h)).toEqual([HEAD_KEY, 'lre.cache.new'])
  })

  test('shows the newest 20 and counts the whole series', () => {
    expect(cardTitles(h)).toEqual(
      generateSeries(999)
        .reverse()
        .slice(0, 20)
        .map((i) => i.title),
    )
    expect(seenText(h, 'series__meta')).toContain('999')
    expect(endText(h)).toBe('正在加载更多…')
  })

  test('then pages through installments beyond the first screen, and search finds them', async () => {
    await h.trigger('onReachBottom')
    expect(cards(h)).toHaveLength(40)
    await openSearch(h)
    await searchFor(h, '第 500 期')
    expect(resultTitles(h)[0]).toBe(generateSeries(999)[499].title)
    expect(h.errors).toEqual([])
  })
})

/** Launches once to fill the cache, lets `spoil` change the saved records, and launches again. */
async function relaunchAfter(
  spoil: (storage: Map<string, unknown>, files: Map<string, FileEntry>) => void,
  respond: Responder = () => ({ fail: 'offline' }),
): Promise<Harness> {
  const cold = new Harness({ dist: REMOTE_DIST, request: host(publish(series)) })
  await cold.launch()
  await cold.advance(5000)
  const storage = new Map(cold.storage)
  const files = new Map(cold.files)
  spoil(storage, files)
  const h = new Harness({ dist: REMOTE_DIST, request: respond, storage, files })
  await h.launch()
  await h.advance(60_000)
  return h
}

const series = generateSeries(120, 200)
const headRecord = (head: unknown) => JSON.stringify({ base: CONTENT_BASE, etag: null, head })
const savedHead = (storage: Map<string, unknown>) =>
  (JSON.parse(String(storage.get(HEAD_KEY))) as { head: { manifest: unknown; counts: unknown } }).head

test.each([
  ['not JSON', () => 'x{'],
  ['not a head at all', () => headRecord(42)],
  [
    'a head whose manifest is not valid',
    (saved: ReturnType<typeof savedHead>) => headRecord({ ...saved, manifest: { installments: [] } }),
  ],
  [
    'a head whose counts are fewer than the entries it holds',
    (saved: ReturnType<typeof savedHead>) => headRecord({ ...saved, counts: { total: 3, samples: 0 } }),
  ],
  [
    'a head from another content address',
    (saved: ReturnType<typeof savedHead>) =>
      JSON.stringify({ base: 'https://elsewhere.test', etag: null, head: saved }),
  ],
])('a saved head that is %s is passed over: the whole saved manifest is read instead', async (_name, bad) => {
  let planted = ''
  const h = await relaunchAfter((storage) => {
    planted = bad(savedHead(storage))
    storage.set(HEAD_KEY, planted)
  })
  expect(cardTitles(h)[0]).toBe(series[119].title)
  expect(seenText(h, 'series__meta')).toContain('120')
  expect(endText(h)).toBe('正在加载更多…')
  // A good head is written again, so the next launch is fast once more.
  expect(h.storage.get(HEAD_KEY)).not.toBe(planted)
  expect(savedHead(h.storage)).toMatchObject({ counts: { total: 120 } })
  expect(h.errors).toEqual([])
})

describe('a good head whose saved manifest has gone bad', () => {
  test('offline: the first screen shows, then what the app ships, and nothing throws', async () => {
    const h = await relaunchAfter((_storage, files) => files.set(manifestFile(files), 'x{'))
    expect(cacheReadsBeforeFirstRender(h)[0]).toBe(HEAD_KEY)
    expect(cardTitles(h)).toEqual(
      expect.arrayContaining([bundledManifest.installments[bundledManifest.installments.length - 1].title]),
    )
    expect(h.storage.has(HEAD_KEY)).toBe(false)
    expect(h.errors).toEqual([])
  })

  test('online: the whole manifest is fetched again, with no ETag to answer 304 to', async () => {
    const h = await relaunchAfter(
      (_storage, files) => files.set(manifestFile(files), 'x{'),
      host(publish(series)),
    )
    expect(cardTitles(h)[0]).toBe(series[119].title)
    expect(h.requests.some((r) => r.url.endsWith('/manifest.json') && !r.header['If-None-Match'])).toBe(true)
    expect(h.errors).toEqual([])
  })
})

test('an update adopted while only the first screen is read marks only what is really new', async () => {
  const extra = newInstallment(121)
  const h = await relaunchAfter(
    (storage) => storage.delete('lre.cache.new'), // the reader has seen everything so far
    host(publish([...series, extra])),
  )
  expect(findAll(h.root(), byClass('cd--n')).map((card) => textOf(card))).toEqual([
    expect.stringContaining(extra.title),
  ])
})

test('an update that brings hundreds of installments marks only the newest 60 as new', async () => {
  const h = await relaunchAfter(() => undefined)
  const marked = () => findAll(h.root(), byClass('cd--n')).length
  for (let page = 0; page < 4; page++) await h.trigger('onReachBottom')
  expect(cards(h)).toHaveLength(100)
  expect(marked()).toBe(60)
  expect(
    findAll(h.root(), byClass('cd'))
      .slice(0, 60)
      .every((c) => String(c.cl).includes('cd--n')),
  ).toBe(true)
})
