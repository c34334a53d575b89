import { createContentCache, SEARCH_PART_BYTES, splitByBytes, type CacheBudget } from '@/content/cache'

import { faults, memory, resetStorage } from './support/fake-taro'

jest.mock('@tarojs/taro', () => jest.requireActual('./support/fake-taro'))

const body = (id: string, size: number) => ({ id, text: 'x'.repeat(size) })
const bodyKeys = () => [...memory.keys()].filter((k) => k.startsWith('lre.cache.body.')).sort()

let clock = 0
const tick = () => ++clock
const cacheWith = (budget: CacheBudget, pinned: string[] = []) =>
  createContentCache(budget, () => new Set(pinned), tick)

beforeEach(() => {
  resetStorage()
  clock = 0
})

test('a body round-trips and is only returned for the hash it was saved with', () => {
  const cache = cacheWith({ maxKeyBytes: 10_000, maxTotalBytes: 100_000 })
  expect(cache.saveBody('a', 'h1', body('a', 10))).toBe(true)
  expect(cache.loadBody('a', 'h1')).toEqual(body('a', 10))
  expect(cache.loadBody('a', 'h2')).toBeNull()
})

test('no key over the per-key budget is written', () => {
  const cache = cacheWith({ maxKeyBytes: 1000, maxTotalBytes: 100_000 })
  expect(cache.saveBody('big', 'h', body('big', 2000))).toBe(false)
  expect(bodyKeys()).toEqual([])
})

test('the least-recently-read body is evicted first to stay within the total', () => {
  const cache = cacheWith({ maxKeyBytes: 1000, maxTotalBytes: 1700 })
  cache.saveBody('a', 'h', body('a', 500))
  cache.saveBody('b', 'h', body('b', 500))
  cache.saveBody('c', 'h', body('c', 500))
  cache.loadBody('a', 'h') // a is now more recent than b
  cache.saveBody('d', 'h', body('d', 500))
  expect(bodyKeys()).toEqual(['lre.cache.body.a', 'lre.cache.body.c', 'lre.cache.body.d'])
  expect(cache.usage()).toBeLessThanOrEqual(1700)
})

test("favourites' bodies are evicted last", () => {
  const cache = cacheWith({ maxKeyBytes: 1000, maxTotalBytes: 1700 }, ['a'])
  cache.saveBody('a', 'h', body('a', 500))
  cache.saveBody('b', 'h', body('b', 500))
  cache.saveBody('c', 'h', body('c', 500))
  cache.saveBody('d', 'h', body('d', 500))
  expect(bodyKeys()).toEqual(['lre.cache.body.a', 'lre.cache.body.c', 'lre.cache.body.d'])
})

test("eviction never touches the reader's data", () => {
  memory.set('lre.user.favourites', '{"v":1,"data":[]}')
  memory.set('lre.user.progress', '{"v":1,"data":{}}')
  const cache = cacheWith({ maxKeyBytes: 1000, maxTotalBytes: 600 })
  for (const id of ['a', 'b', 'c']) cache.saveBody(id, 'h', body(id, 500))
  cache.prune(new Set())
  expect(memory.get('lre.user.favourites')).toBe('{"v":1,"data":[]}')
  expect(memory.get('lre.user.progress')).toBe('{"v":1,"data":{}}')
})

test('a quota error evicts and retries once, then carries on without caching', () => {
  const cache = cacheWith({ maxKeyBytes: 1000, maxTotalBytes: 100_000 })
  cache.saveBody('a', 'h', body('a', 100))
  const original = memory.set.bind(memory)
  let refusals = 1
  jest.spyOn(memory, 'set').mockImplementation((key, value) => {
    if (String(key).startsWith('lre.cache.body.') && refusals-- > 0)
      throw new Error('exceed storage max size')
    return original(key, value)
  })
  expect(cache.saveBody('b', 'h', body('b', 100))).toBe(true)
  expect(bodyKeys()).toEqual(['lre.cache.body.b'])
  jest.restoreAllMocks()

  faults.write = true
  expect(cache.saveBody('c', 'h', body('c', 100))).toBe(false)
  expect(cache.loadBody('c', 'h')).toBeNull()
})

test('the manifest is cached per content base', () => {
  const cache = cacheWith({ maxKeyBytes: 10_000, maxTotalBytes: 100_000 })
  cache.saveManifest({ base: 'https://a.example', etag: '"1"', manifest: { m: 1 } }, { h: 1 })
  cache.saveNewIds('https://a.example', ['x'])
  expect(cache.loadManifest('https://a.example')).toEqual({
    base: 'https://a.example',
    etag: '"1"',
    manifest: { m: 1 },
  })
  expect(cache.loadNewIds('https://a.example')).toEqual(['x'])
  expect(cache.loadManifest('https://b.example')).toBeNull()
  expect(cache.loadNewIds('https://b.example')).toEqual([])
})

describe('the manifest and its first screen (head) are saved as one', () => {
  const record = (m: number) => ({ base: 'https://a.example', etag: `"${m}"`, manifest: { m } })

  test('both are read back for their base, and only for it', () => {
    const cache = cacheWith({ maxKeyBytes: 10_000, maxTotalBytes: 100_000 })
    expect(cache.saveManifest(record(1), { h: 1 })).toBe(true)
    expect(cache.loadHead('https://a.example')).toEqual({
      base: 'https://a.example',
      etag: '"1"',
      head: { h: 1 },
    })
    expect(cache.loadHead('https://b.example')).toBeNull()
  })

  test.each([
    ['a manifest over the per-key budget', { maxKeyBytes: 150, maxTotalBytes: 100_000 }, 'none'],
    ['a storage that is full', { maxKeyBytes: 10_000, maxTotalBytes: 100_000 }, 'quota'],
  ] as const)('%s: neither the new nor the old pair stays', (_name, budget, fault) => {
    const cache = cacheWith(budget)
    expect(cache.saveManifest(record(1), { h: 1 })).toBe(true)
    if (fault === 'quota') faults.write = true
    expect(cache.saveManifest({ ...record(2), manifest: { m: 'x'.repeat(200) } }, { h: 2 })).toBe(false)
    faults.write = false
    expect([cache.loadManifest('https://a.example'), cache.loadHead('https://a.example')]).toEqual([
      null,
      null,
    ])
  })

  test('the per-key budget applies to each key, not to the pair', () => {
    const cache = cacheWith({ maxKeyBytes: 150, maxTotalBytes: 100_000 })
    const manifest = { ...record(1), manifest: { m: 'x'.repeat(60) } }
    expect(cache.saveManifest(manifest, { h: 'y'.repeat(60) })).toBe(true)
    expect(cache.loadManifest('https://a.example')).toEqual(manifest)
  })

  test('saveHead adds a head beside the stored manifest and counts it in the budget', () => {
    const cache = cacheWith({ maxKeyBytes: 10_000, maxTotalBytes: 100_000 })
    cache.saveManifest(record(1), { h: 1 })
    cache.dropHead()
    const before = cache.usage()
    const head = { base: 'https://a.example', etag: '"1"', head: { h: 'again' } }
    expect(cache.saveHead(head)).toBe(true)
    expect(cache.loadHead('https://a.example')).toEqual(head)
    expect(cache.loadManifest('https://a.example')).toEqual(record(1))
    expect(cache.usage()).toBeGreaterThan(before)
  })

  test('dropHead leaves the manifest, so the next launch reads it whole', () => {
    const cache = cacheWith({ maxKeyBytes: 10_000, maxTotalBytes: 100_000 })
    cache.saveManifest(record(1), { h: 1 })
    cache.dropHead()
    expect(cache.loadHead('https://a.example')).toBeNull()
    expect(cache.loadManifest('https://a.example')).toEqual(record(1))
  })
})

test.each([
  ['null entries', { manifestBytes: 10, bodies: { a: null, b: { bytes: 5, readAt: 1 } } }],
  [
    'entries without numbers',
    { manifestBytes: 'x', bodies: { a: { bytes: 'big' }, b: { bytes: 5, readAt: 1 } } },
  ],
  ['no bodies', { manifestBytes: 10 }],
  ['not an object', 7],
])('an index with %s is read as far as it goes, and saving still works', (_name, index) => {
  memory.set('lre.cache.index', JSON.stringify(index))
  const cache = cacheWith({ maxKeyBytes: 10_000, maxTotalBytes: 100_000 })
  expect(() => cache.usage()).not.toThrow()
  expect(cache.saveManifest({ base: 'https://a.example', etag: null, manifest: {} }, {})).toBe(true)
  expect(cache.saveBody('c', 'h', body('c', 10))).toBe(true)
})

test('prune drops bodies the manifest no longer names', () => {
  const cache = cacheWith({ maxKeyBytes: 1000, maxTotalBytes: 100_000 })
  cache.saveBody('keep', 'h', body('keep', 10))
  cache.saveBody('gone', 'h', body('gone', 10))
  cache.prune(new Set(['keep']))
  expect(bodyKeys()).toEqual(['lre.cache.body.keep'])
})

describe('the search file, saved in parts', () => {
  const BIG = { maxKeyBytes: 900 * 1024, maxTotalBytes: 10 * 1024 * 1024 }
  const sha = (c: string) => c.repeat(64)
  /** A search file of `count` installments of about `chars` Chinese characters (3 UTF-8 bytes) each. */
  const searchFile = (count: number, chars: number, tag = 'a') => ({
    schemaVersion: 1,
    installments: Array.from({ length: count }, (_, i) => ({
      id: `${tag}-${i}`,
      sha256: sha('0'),
      pinyin: { title: 'biao ti', name: 'xing ming', tags: [] },
      blocks: ['', `第${i}期：${'稀'.repeat(chars)}`],
    })),
  })
  const searchKeys = () => [...memory.keys()].filter((k) => k.startsWith('lre.cache.search')).sort()
  const partKeys = () => searchKeys().filter((k) => /^lre\.cache\.search\.\d+$/.test(k))
  const bytesOf = (key: string) => Buffer.byteLength(String(memory.get(key)))

  test('a file larger than one part is saved in several, each within a part, and read back equal', () => {
    const cache = cacheWith(BIG)
    const file = searchFile(6, 50_000)
    expect(Buffer.byteLength(JSON.stringify(file))).toBeGreaterThan(SEARCH_PART_BYTES)
    expect(cache.saveSearch(sha('a'), file)).toBe(true)
    expect(partKeys().length).toBeGreaterThan(1)
    for (const key of partKeys()) expect(bytesOf(key)).toBeLessThanOrEqual(SEARCH_PART_BYTES)
    expect(cache.hasSearch(sha('a'))).toBe(true)
    expect(cache.loadSearch(sha('a'))).toEqual(file)
    expect(cache.usage()).toBeGreaterThanOrEqual(searchKeys().reduce((sum, key) => sum + bytesOf(key), 0))
  })

  test('a save cut short (the app killed between parts) is not read, and the next save clears its parts', () => {
    const cache = cacheWith(BIG)
    const original = memory.set.bind(memory)
    // The record naming the parts is written first; the process dies after the second part.
    let killed = false
    jest.spyOn(memory, 'set').mockImplementation((key, value) => {
      if (killed) return memory
      if (key === 'lre.cache.search.2') {
        killed = true
        return memory
      }
      return original(key, value)
    })
    const dying = searchFile(6, 50_000)
    cache.saveSearch(sha('a'), dying)
    jest.restoreAllMocks()
    expect(cache.hasSearch(sha('a'))).toBe(false)
    expect(cache.loadSearch(sha('a'))).toBeNull()
    expect(partKeys()).toEqual(['lre.cache.search.0', 'lre.cache.search.1'])
    // A smaller file later: nothing of the one cut short is left behind.
    expect(cache.saveSearch(sha('b'), searchFile(1, 100))).toBe(true)
    expect(partKeys()).toEqual(['lre.cache.search.0'])
    expect(cache.loadSearch(sha('b'))).toEqual(searchFile(1, 100))
  })

  test('a file for another sha256 is not read', () => {
    const cache = cacheWith(BIG)
    cache.saveSearch(sha('a'), searchFile(6, 50_000))
    expect(cache.hasSearch(sha('b'))).toBe(false)
    expect(cache.loadSearch(sha('b'))).toBeNull()
  })

  test.each<[string, (key: string) => void]>([
    ['missing', (key) => memory.delete(key)],
    ['not JSON', (key) => memory.set(key, '[{"id":')],
    ['not a list', (key) => memory.set(key, '{"installments":[]}')],
  ])('a part that is %s: the file is not read', (_what, damage) => {
    const cache = cacheWith(BIG)
    cache.saveSearch(sha('a'), searchFile(6, 50_000))
    damage(partKeys()[1])
    expect(cache.loadSearch(sha('a'))).toBeNull()
  })

  test('a record written without its parts (a save cut short) is not read', () => {
    const cache = cacheWith(BIG)
    cache.saveSearch(sha('a'), searchFile(6, 50_000))
    for (const key of partKeys()) memory.delete(key)
    expect(cache.loadSearch(sha('a'))).toBeNull()
  })

  test.each<[string, CacheBudget, number, number]>([
    ['larger than the whole budget', { maxKeyBytes: 900 * 1024, maxTotalBytes: 500_000 }, 6, 50_000],
    ['one installment larger than a part', BIG, 1, 200_000],
    ['parts larger than a key may be', { maxKeyBytes: 100_000, maxTotalBytes: BIG.maxTotalBytes }, 6, 50_000],
  ])('a file %s: nothing readable is written, and usage stays true', (_what, budget, count, chars) => {
    const cache = cacheWith(budget)
    const kept: Record<string, number> = {}
    for (const id of ['a', 'b', 'c']) {
      const before = cache.usage()
      cache.saveBody(id, 'h', body(id, 20_000))
      kept[id] = cache.usage() - before
    }
    expect(cache.saveSearch(sha('a'), searchFile(count, chars))).toBe(false)
    expect(cache.loadSearch(sha('a'))).toBeNull()
    expect(cache.hasSearch(sha('a'))).toBe(false)
    expect(searchKeys()).toEqual([])
    // A file that could never fit makes no room for itself: every body is still there, and counted.
    expect(bodyKeys()).toEqual(['lre.cache.body.a', 'lre.cache.body.b', 'lre.cache.body.c'])
    expect(cache.usage()).toBe(kept.a + kept.b + kept.c)
    for (const id of ['a', 'b', 'c']) expect(cache.loadBody(id, 'h')).toEqual(body(id, 20_000))
  })

  // A budget whose half (the most a search file may take) holds the 600 KB files below.
  const ROOMY = { maxKeyBytes: 900 * 1024, maxTotalBytes: 1_300_000 }

  test('a file that fits only with room made, then meets a full storage: nothing readable, usage true', () => {
    const cache = cacheWith(ROOMY)
    const ids = ['a', 'b', 'c', 'd', 'e']
    const kept: Record<string, number> = {}
    for (const id of ids) {
      const before = cache.usage()
      cache.saveBody(id, 'h', body(id, 150_000))
      kept[id] = cache.usage() - before
    }
    const original = memory.set.bind(memory)
    jest.spyOn(memory, 'set').mockImplementation((key, value) => {
      if (key === 'lre.cache.search.1') throw new Error('exceed storage max size')
      return original(key, value)
    })
    expect(cache.saveSearch(sha('a'), searchFile(4, 50_000))).toBe(false)
    jest.restoreAllMocks()
    expect(cache.loadSearch(sha('a'))).toBeNull()
    expect(searchKeys()).toEqual([])
    // Bodies evicted to make room are gone; what the cache counts is exactly what it still holds.
    const left = bodyKeys().map((key) => key.replace('lre.cache.body.', ''))
    expect(left.length).toBeLessThan(ids.length)
    expect(cache.usage()).toBe(left.reduce((sum, id) => sum + kept[id], 0))
    for (const id of left) expect(cache.loadBody(id, 'h')).toEqual(body(id, 150_000))
  })

  test('room is made from the bodies read least recently, favourites last', () => {
    const cache = cacheWith(ROOMY, ['a'])
    for (const id of ['a', 'b', 'c', 'd', 'e']) cache.saveBody(id, 'h', body(id, 150_000))
    cache.loadBody('b', 'h') // b is now the most recently read
    // About 600 KB of search file beside 750 KB of bodies in 1.3 MB: the oldest unpinned body goes.
    expect(cache.saveSearch(sha('a'), searchFile(4, 50_000))).toBe(true)
    expect(bodyKeys()).toEqual([
      'lre.cache.body.a',
      'lre.cache.body.b',
      'lre.cache.body.d',
      'lre.cache.body.e',
    ])
    expect(cache.usage()).toBeLessThanOrEqual(ROOMY.maxTotalBytes)
    expect(cache.loadSearch(sha('a'))).toEqual(searchFile(4, 50_000))
  })

  test('when nothing else is left, favourites make room too', () => {
    const cache = cacheWith(ROOMY, ['a', 'b'])
    for (const id of ['a', 'b']) cache.saveBody(id, 'h', body(id, 400_000))
    expect(cache.saveSearch(sha('a'), searchFile(4, 50_000))).toBe(true)
    expect(bodyKeys()).toEqual(['lre.cache.body.b'])
  })

  test('a file larger than half the budget is not saved, and makes no room', () => {
    const cache = cacheWith({ maxKeyBytes: 900 * 1024, maxTotalBytes: 1_000_000 })
    cache.saveBody('a', 'h', body('a', 100_000))
    expect(cache.searchFits(600_000)).toBe(false)
    expect(cache.searchFits(500_000)).toBe(true)
    expect(cache.saveSearch(sha('a'), searchFile(4, 50_000))).toBe(false)
    expect(searchKeys()).toEqual([])
    expect(bodyKeys()).toEqual(['lre.cache.body.a'])
  })

  test('dropSearch removes every part and the record, and gives the bytes back', () => {
    const cache = cacheWith(BIG)
    cache.saveBody('a', 'h', body('a', 100))
    const before = cache.usage()
    cache.saveSearch(sha('a'), searchFile(6, 50_000))
    expect(cache.usage()).toBeGreaterThan(before)
    cache.dropSearch()
    expect(searchKeys()).toEqual([])
    expect(cache.loadSearch(sha('a'))).toBeNull()
    expect(cache.usage()).toBe(before)
    expect(cache.loadBody('a', 'h')).toEqual(body('a', 100))
  })

  test('a new file replaces the old one: no part of it is left, and usage counts the new one only', () => {
    const small = searchFile(1, 1000, 'new')
    const alone = cacheWith(BIG)
    alone.saveSearch(sha('b'), small)
    const usageAlone = alone.usage()
    const keysAlone = searchKeys()
    resetStorage()

    const cache = cacheWith(BIG)
    cache.saveSearch(sha('a'), searchFile(6, 50_000))
    expect(partKeys().length).toBeGreaterThan(1)
    expect(cache.saveSearch(sha('b'), small)).toBe(true)
    expect(searchKeys()).toEqual(keysAlone)
    expect(cache.loadSearch(sha('a'))).toBeNull()
    expect(cache.loadSearch(sha('b'))).toEqual(small)
    expect(cache.usage()).toBe(usageAlone)
  })

  test('a file that is not a search file is not saved', () => {
    const cache = cacheWith(BIG)
    for (const bad of [null, 'text', {}, { installments: 'none' }])
      expect(cache.saveSearch(sha('a'), bad)).toBe(false)
    expect(searchKeys()).toEqual([])
  })
})

describe('splitByBytes', () => {
  const items = Array.from({ length: 30 }, (_, i) => ({ id: i, text: '稀土'.repeat(i * 7) }))
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value))

  const largest = Math.max(...items.map(bytes))

  test.each([1, 1.5, 3, 100])('at most %f × the largest item a part, in order, none lost', (times) => {
    const max = Math.ceil(largest * times) + 3
    const parts = splitByBytes(items, max)
    expect(parts).not.toBeNull()
    for (const part of parts ?? []) {
      expect(part.length).toBeGreaterThan(0)
      expect(bytes(part)).toBeLessThanOrEqual(max)
    }
    expect((parts ?? []).flat()).toEqual(items)
  })

  test('null when one item alone is larger than a part; nothing for nothing', () => {
    expect(splitByBytes(items, bytes(items[29]))).toBeNull()
    expect(splitByBytes(items, largest + 3)).not.toBeNull()
    expect(splitByBytes([], 100)).toEqual([])
  })
})
