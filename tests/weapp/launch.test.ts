/**
 * A launch whose cost does not grow with the series, on the compiled bundle (dist/weapp-remote): the
 * first render reads the saved first screen (the head) and the rest of the manifest is read after it.
 * The head is data from storage like any other, so a bad one costs speed, never the list.
 */
import { generateSeries } from '../fixtures/generate'
import { warmList } from './budget-scenarios'
import { bundledManifest, host, publish, REMOTE_DIST } from './content-server'
import { byClass, findAll, Harness } from './harness'
import { cards, cardTitles, searchInput, seenText } from './screens'

const HEAD_KEY = 'lre.cache.head'
const MANIFEST_KEY = 'lre.cache.manifest'

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

  test('then finds and pages through installments beyond the first screen', async () => {
    await h.input(searchInput(h), '第 500 期')
    expect(cardTitles(h)).toEqual([generateSeries(999)[499].title])
    await h.input(searchInput(h), '')
    await h.trigger('onReachBottom')
    expect(cards(h)).toHaveLength(40)
    expect(h.errors).toEqual([])
  })
})

/** Launches once to fill the cache, lets `spoil` change the saved records, and launches again. */
async function relaunchAfter(spoil: (storage: Map<string, unknown>) => void): Promise<Harness> {
  const files = publish(generateSeries(120, 200))
  const cold = new Harness({ dist: REMOTE_DIST, request: host(files) })
  await cold.launch()
  await cold.advance(5000)
  const storage = new Map(cold.storage)
  spoil(storage)
  const h = new Harness({ dist: REMOTE_DIST, request: () => ({ fail: 'offline' }), storage })
  await h.launch()
  await h.advance(60_000)
  return h
}

test.each([
  ['not JSON', 'x{'],
  ['a manifest with no installments field', JSON.stringify({ v: 1, data: { base: 'x', head: {} } })],
  [
    'a head from another content address',
    JSON.stringify({ v: 1, data: { base: 'https://elsewhere.test', head: {} } }),
  ],
])('a saved head that is %s is passed over: the whole saved manifest is read instead', async (_name, bad) => {
  const h = await relaunchAfter((storage) => storage.set(HEAD_KEY, bad))
  expect(cardTitles(h)[0]).toBe(generateSeries(120, 200)[119].title)
  expect(endText(h)).toBe('正在加载更多…')
  // A good head is written again, so the next launch is fast once more.
  expect(h.storage.get(HEAD_KEY)).not.toBe(bad)
  expect(h.storage.has(HEAD_KEY)).toBe(true)
  expect(h.errors).toEqual([])
})

test('a good head whose saved manifest has gone bad: the first screen shows, then what the app ships', async () => {
  const h = await relaunchAfter((storage) => storage.set(MANIFEST_KEY, 'x{'))
  expect(cacheReadsBeforeFirstRender(h)[0]).toBe(HEAD_KEY)
  expect(cardTitles(h)).toEqual(
    expect.arrayContaining([bundledManifest.installments[bundledManifest.installments.length - 1].title]),
  )
  expect(h.storage.has(HEAD_KEY)).toBe(false)
  expect(h.errors).toEqual([])
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
