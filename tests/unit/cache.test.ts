import { createContentCache, type CacheBudget } from '@/content/cache'

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
