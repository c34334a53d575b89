import { createContentCache, SEARCH_PART_BYTES, splitByBytes, type CacheBudget } from '@/content/cache'
import { sha256Hex } from '@/content/hash'

import { faults, memory, resetStorage } from './support/fake-taro'
import { memoryFiles, type MemoryFiles } from './support/memory-files'

jest.mock('@tarojs/taro', () => jest.requireActual('./support/fake-taro'))

const body = (id: string, size: number) => JSON.stringify({ id, text: 'x'.repeat(size) })
const INDEX_KEY = 'lre.cache.files'

let clock = 0
let files: MemoryFiles
const tick = () => ++clock
const cacheWith = (budget: CacheBudget, pinned: string[] = [], store: MemoryFiles = files) =>
  createContentCache({ files: store, budget, pinned: () => new Set(pinned), now: tick })
const bodyFiles = () => [...files.files.keys()].filter((name) => name.startsWith('body.')).sort()
const bodyIds = () => bodyFiles().map((name) => name.split('.')[1])
const BIG: CacheBudget = { maxTotalBytes: 10 * 1024 * 1024 }

beforeEach(() => {
  resetStorage()
  clock = 0
  files = memoryFiles()
})

describe('bodies', () => {
  test('a body round-trips as its text, only for the version it was saved for', async () => {
    const cache = cacheWith(BIG)
    expect(await cache.saveBody('a', 'h1', body('a', 10))).toBe(true)
    expect(await cache.loadBody('a', 'h1')).toEqual(JSON.parse(body('a', 10)))
    expect(cache.loadBodyNow('a', 'h1')).toEqual(JSON.parse(body('a', 10)))
    expect(await cache.loadBody('a', 'h2')).toBeNull()
  })

  test('where files are read asynchronously only, loadBodyNow says so with undefined', async () => {
    const store = memoryFiles({ sync: false })
    const cache = cacheWith(BIG, [], store)
    await cache.saveBody('a', 'h', body('a', 10))
    expect(cache.loadBodyNow('a', 'h')).toBeUndefined()
    expect(await cache.loadBody('a', 'h')).toEqual(JSON.parse(body('a', 10)))
  })

  test('the least-recently-read body is evicted first to stay within the total', async () => {
    const cache = cacheWith({ maxTotalBytes: 1700 })
    for (const id of ['a', 'b', 'c']) await cache.saveBody(id, 'h', body(id, 500))
    await cache.loadBody('a', 'h') // a is now more recent than b
    await cache.saveBody('d', 'h', body('d', 500))
    await cache.settled()
    expect(bodyIds()).toEqual(['a', 'c', 'd'])
    expect(cache.usage()).toBeLessThanOrEqual(1700)
  })

  test("favourites' bodies are evicted last", async () => {
    const cache = cacheWith({ maxTotalBytes: 1700 }, ['a'])
    for (const id of ['a', 'b', 'c', 'd']) await cache.saveBody(id, 'h', body(id, 500))
    await cache.settled()
    expect(bodyIds()).toEqual(['a', 'c', 'd'])
  })

  test("eviction and pruning never touch the reader's data", async () => {
    memory.set('lre.user.favourites', '{"v":1,"data":[]}')
    memory.set('lre.user.progress', '{"v":1,"data":{}}')
    const cache = cacheWith({ maxTotalBytes: 600 })
    for (const id of ['a', 'b', 'c']) await cache.saveBody(id, 'h', body(id, 500))
    await cache.prune(new Set())
    expect(memory.get('lre.user.favourites')).toBe('{"v":1,"data":[]}')
    expect(memory.get('lre.user.progress')).toBe('{"v":1,"data":{}}')
    expect(bodyFiles()).toEqual([])
  })

  test('prune drops bodies the manifest no longer names, files and all', async () => {
    const cache = cacheWith(BIG)
    await cache.saveBody('keep', 'h', body('keep', 10))
    await cache.saveBody('gone', 'h', body('gone', 10))
    await cache.prune(new Set(['keep']))
    expect(bodyIds()).toEqual(['keep'])
    expect(await cache.loadBody('gone', 'h')).toBeNull()
  })

  test('a body saved again replaces its old file', async () => {
    const cache = cacheWith(BIG)
    await cache.saveBody('a', 'h1', body('a', 10))
    await cache.saveBody('a', 'h2', body('a', 20))
    expect(bodyFiles()).toHaveLength(1)
    expect(await cache.loadBody('a', 'h2')).toEqual(JSON.parse(body('a', 20)))
  })
})

describe('failures: the cache keeps what it can verify and loses nothing of the reader', () => {
  const damage = (how: (name: string) => void) => async () => {
    memory.set('lre.user.favourites', '{"v":1,"data":["a"]}')
    const cache = cacheWith(BIG)
    await cache.saveBody('a', 'h', body('a', 100))
    how(bodyFiles()[0])
    expect(cache.loadBodyNow('a', 'h')).toBeNull()
    expect(await cache.loadBody('a', 'h')).toBeNull()
    await cache.settled()
    // The entry goes, so the next read fetches it again; a new save works.
    expect(JSON.parse(String(memory.get(INDEX_KEY))).bodies).toEqual({})
    expect(await cache.saveBody('a', 'h', body('a', 100))).toBe(true)
    expect(await cache.loadBody('a', 'h')).toEqual(JSON.parse(body('a', 100)))
    expect(memory.get('lre.user.favourites')).toBe('{"v":1,"data":["a"]}')
  }

  test.each([
    ['a file cut short', (name: string) => files.files.set(name, files.files.get(name)!.slice(0, 50))],
    ['a file the index names, missing', (name: string) => files.files.delete(name)],
    [
      'a file of the same length with other bytes',
      (name: string) => files.files.set(name, files.files.get(name)!.replace('x', 'y')),
    ],
    [
      'a directory where the file should be',
      (name: string) => {
        files.files.delete(name)
        files.directories.add(name)
      },
    ],
  ])('%s is never read back', (_name, how) => damage(how)())

  test('the folder full: one body makes room and the write is tried again', async () => {
    const cache = cacheWith(BIG)
    await cache.saveBody('a', 'h', body('a', 100))
    files.limit = files.files.get(bodyFiles()[0])!.length + 10
    expect(await cache.saveBody('b', 'h', body('b', 100))).toBe(true)
    expect(bodyIds()).toEqual(['b'])
  })

  test('the folder full with nothing to evict: not kept, nothing named, nothing thrown', async () => {
    const cache = cacheWith(BIG)
    files.fault = 'full'
    expect(await cache.saveBody('a', 'h', body('a', 100))).toBe(false)
    expect(await cache.loadBody('a', 'h')).toBeNull()
    expect(files.files.size).toBe(0)
  })

  test('storage full while the file is fine: saved files still read; a new one is not half-kept', async () => {
    const cache = cacheWith(BIG)
    await cache.saveBody('a', 'h', body('a', 100))
    faults.write = true
    // Reading cannot record when it was read; the body still comes back.
    expect(await cache.loadBody('a', 'h')).toEqual(JSON.parse(body('a', 100)))
    // The index cannot name a new file, so the file goes too.
    expect(await cache.saveBody('b', 'h', body('b', 100))).toBe(false)
    await cache.settled()
    expect(bodyIds()).toEqual(['a'])
  })

  test.each([
    ['null entries', { bodies: { a: null, b: { file: 'body.b.x.json', bytes: 5, hash: 'x', sha256: 'h' } } }],
    [
      'entries without numbers',
      { manifest: { file: 'm.json', bytes: 'x' }, bodies: { a: { bytes: 'big' } } },
    ],
    [
      'a name that is not ours',
      { bodies: { a: { file: '../../etc.json', bytes: 5, hash: 'x', sha256: 'h' } } },
    ],
    ['no bodies', { search: 3 }],
    ['not an object', 7],
  ])('an index with %s is read as far as it goes, and saving still works', async (_name, index) => {
    memory.set(INDEX_KEY, JSON.stringify(index))
    const cache = cacheWith(BIG)
    expect(() => cache.usage()).not.toThrow()
    expect(await cache.loadBody('b', 'h')).toBeNull()
    expect(await cache.saveManifest({ base: 'https://a.example', etag: null, manifest: {} }, {})).toBe(true)
    expect(await cache.saveBody('c', 'h', body('c', 10))).toBe(true)
  })
})

describe('the manifest and its first screen (head)', () => {
  const record = (m: number) => ({ base: 'https://a.example', etag: `"${m}"`, manifest: { m } })

  test('both are read back for their base, and only for it', async () => {
    const cache = cacheWith(BIG)
    cache.saveNewIds('https://a.example', ['x'])
    expect(await cache.saveManifest(record(1), { h: 1 })).toBe(true)
    expect(cache.loadHead('https://a.example')).toEqual({
      base: 'https://a.example',
      etag: '"1"',
      head: { h: 1 },
    })
    expect(cache.loadManifestNow('https://a.example')).toEqual(record(1))
    expect(await cache.loadManifest('https://a.example')).toEqual(record(1))
    expect(cache.loadNewIds('https://a.example')).toEqual(['x'])
    expect([cache.loadHead('https://b.example'), cache.loadManifestNow('https://b.example')]).toEqual([
      null,
      null,
    ])
    expect(cache.loadNewIds('https://b.example')).toEqual([])
  })

  test('a manifest that cannot be written leaves no head for it', async () => {
    const cache = cacheWith(BIG)
    await cache.saveManifest(record(1), { h: 1 })
    files.fault = 'full'
    expect(await cache.saveManifest(record(2), { h: 2 })).toBe(false)
    expect(cache.loadHead('https://a.example')).toBeNull()
    // The older manifest is still whole, and a launch reads it.
    expect(cache.loadManifestNow('https://a.example')).toEqual(record(1))
  })

  test('the same manifest saved again when the folder is full: the saved one and its head stay', async () => {
    const cache = cacheWith(BIG)
    await cache.saveManifest(record(1), { h: 1 })
    files.fault = 'full'
    expect(await cache.saveManifest(record(1), { h: 1 })).toBe(true)
    expect(cache.loadManifestNow('https://a.example')).toEqual(record(1))
    expect(cache.loadHead('https://a.example')?.head).toEqual({ h: 1 })
  })

  test('a manifest file damaged is dropped, not read', async () => {
    const cache = cacheWith(BIG)
    await cache.saveManifest(record(1), { h: 1 })
    const name = [...files.files.keys()].find((n) => n.startsWith('manifest.'))!
    files.files.set(name, '{"base":')
    expect(cache.loadManifestNow('https://a.example')).toBeNull()
    await cache.settled()
    expect(files.files.has(name)).toBe(false)
  })

  test('dropHead leaves the manifest, so the next launch reads it whole', async () => {
    const cache = cacheWith(BIG)
    await cache.saveManifest(record(1), { h: 1 })
    cache.dropHead()
    expect(cache.loadHead('https://a.example')).toBeNull()
    expect(cache.loadManifestNow('https://a.example')).toEqual(record(1))
    expect(cache.saveHead({ base: 'https://a.example', etag: '"1"', head: { h: 9 } })).toBe(true)
    expect(cache.loadHead('https://a.example')?.head).toEqual({ h: 9 })
  })
})

describe('the search file, kept in parts', () => {
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
  const partsOf = (file: ReturnType<typeof searchFile>, per: number) =>
    Array.from({ length: Math.ceil(file.installments.length / per) }, (_, i) => {
      const text = JSON.stringify({ ...file, installments: file.installments.slice(i * per, (i + 1) * per) })
      return { text, hash: sha256Hex(text) }
    })
  const searchFiles = () => [...files.files.keys()].filter((n) => n.startsWith('search.')).sort()

  test('parts as published are kept as they are and read back in order', async () => {
    const cache = cacheWith(BIG)
    const parts = partsOf(searchFile(6, 100), 2)
    expect(await cache.saveSearch(sha('a'), parts)).toBe(true)
    expect(searchFiles()).toHaveLength(3)
    expect(cache.hasSearch(sha('a'))).toBe(true)
    expect(await cache.loadSearch(sha('a'))).toEqual({ parts: parts.map((p) => JSON.parse(p.text)) })
    expect(await cache.loadSearch(null)).not.toBeNull()
    expect(await cache.loadSearch(sha('b'))).toBeNull()
  })

  test('a whole file is kept in parts of at most SEARCH_PART_BYTES, read back equal', async () => {
    const cache = cacheWith(BIG)
    const file = searchFile(6, 100_000)
    expect(await cache.saveWholeSearch(sha('a'), file)).toBe(true)
    expect(searchFiles().length).toBeGreaterThan(1)
    for (const name of searchFiles())
      expect(Buffer.byteLength(files.files.get(name)!)).toBeLessThanOrEqual(SEARCH_PART_BYTES)
    const saved = await cache.loadSearch(sha('a'))
    const installments = (saved?.parts as { installments: unknown[] }[]).flatMap((p) => p.installments)
    expect(installments).toEqual(file.installments)
  })

  test('a part cut short: the search file is not read back, and goes', async () => {
    const cache = cacheWith(BIG)
    await cache.saveSearch(sha('a'), partsOf(searchFile(6, 100), 2))
    const second = searchFiles()[1]
    files.files.set(second, files.files.get(second)!.slice(0, 100))
    expect(await cache.loadSearch(sha('a'))).toBeNull()
    expect(cache.hasSearch(sha('a'))).toBe(false)
    expect(searchFiles()).toEqual([])
  })

  test('a save cut short (the folder full halfway) names nothing and leaves no part behind', async () => {
    const cache = cacheWith(BIG)
    const parts = partsOf(searchFile(6, 1000), 2)
    files.limit = Buffer.byteLength(parts[0].text) + 10
    expect(await cache.saveSearch(sha('a'), parts)).toBe(false)
    expect(cache.hasSearch(sha('a'))).toBe(false)
    expect(searchFiles()).toEqual([])
  })

  test('a file over half the budget is not kept and evicts nothing', async () => {
    const cache = cacheWith({ maxTotalBytes: 200_000 })
    await cache.saveBody('a', 'h', body('a', 1000))
    expect(cache.searchFits(150_000)).toBe(false)
    expect(await cache.saveWholeSearch(sha('a'), searchFile(2, 30_000))).toBe(false)
    expect(bodyIds()).toEqual(['a'])
  })

  test("room for it is made from the bodies read longest ago, favourites' last", async () => {
    const cache = cacheWith({ maxTotalBytes: 400_000 }, ['a'])
    for (const id of ['a', 'b', 'c', 'd']) await cache.saveBody(id, 'h', body(id, 80_000))
    expect(await cache.saveWholeSearch(sha('a'), searchFile(2, 30_000))).toBe(true)
    expect(bodyIds()).toEqual(['a', 'd'])
    expect(cache.usage()).toBeLessThanOrEqual(400_000)
  })
})

describe('what an older build kept in storage', () => {
  const manifest = { base: 'https://a.example', etag: '"1"', manifest: { m: 1 } }
  const legacy = () => {
    memory.set('lre.user.favourites', '{"v":1,"data":["a"]}')
    memory.set('lre.user.progress', '{"v":1,"data":{"a":0.5}}')
    memory.set('lre.cache.manifest', JSON.stringify(manifest))
    memory.set('lre.cache.head', JSON.stringify({ base: 'https://a.example', etag: '"1"', head: { h: 1 } }))
    memory.set(
      'lre.cache.index',
      JSON.stringify({ manifestBytes: 10, bodies: { a: { bytes: 5, readAt: 1 } } }),
    )
    memory.set('lre.cache.body.a', JSON.stringify({ sha256: 'ha', body: { id: 'a', text: '旧' } }))
    memory.set(
      'lre.cache.search',
      JSON.stringify({ sha256: 's'.repeat(64), parts: 1, schemaVersion: 1, complete: true }),
    )
    memory.set('lre.cache.search.0', JSON.stringify([{ id: 'a', blocks: ['旧'] }]))
  }

  test('is served at once, moved into files, and its keys cleared; the reader’s data untouched', async () => {
    legacy()
    const cache = cacheWith(BIG)
    expect(cache.loadManifestNow('https://a.example')).toEqual(manifest)
    expect(cache.loadBodyNow('a', 'ha')).toEqual({ id: 'a', text: '旧' })
    await cache.settled()
    expect([...memory.keys()].sort()).toEqual([
      'lre.cache.files',
      'lre.cache.head',
      'lre.user.favourites',
      'lre.user.progress',
    ])
    expect(memory.get('lre.user.favourites')).toBe('{"v":1,"data":["a"]}')
    expect(memory.get('lre.user.progress')).toBe('{"v":1,"data":{"a":0.5}}')
    const again = cacheWith(BIG)
    expect(again.loadManifestNow('https://a.example')).toEqual(manifest)
    expect(await again.loadBody('a', 'ha')).toEqual({ id: 'a', text: '旧' })
    expect(await again.loadSearch('s'.repeat(64))).toEqual({
      parts: [{ schemaVersion: 1, installments: [{ id: 'a', blocks: ['旧'] }] }],
    })
  })
})

test('what an older build kept stays in storage when it cannot be moved (the folder full), and is still served', async () => {
  memory.set(
    'lre.cache.manifest',
    JSON.stringify({ base: 'https://a.example', etag: null, manifest: { m: 1 } }),
  )
  memory.set('lre.cache.index', JSON.stringify({ bodies: {} }))
  files.fault = 'full'
  const cache = cacheWith(BIG)
  await cache.settled()
  expect(memory.has('lre.cache.manifest')).toBe(true)
  expect(cache.loadManifestNow('https://a.example')?.manifest).toEqual({ m: 1 })
})

test('files no index names (a save cut short by the app closing) are swept at launch', async () => {
  files.files.set('body.orphan.0123456789ab.json', '{}')
  const cache = cacheWith(BIG)
  await cache.saveBody('a', 'h', body('a', 10))
  await cache.settled()
  expect(bodyIds()).toEqual(['a'])
})

test.each([
  ['fits in one part', [1, 2, 3], 100, [[1, 2, 3]]],
  ['cut where the next would not fit', ['aaaa', 'bbbb', 'cccc'], 16, [['aaaa', 'bbbb'], ['cccc']]],
  ['one item alone too large', ['x'.repeat(50)], 16, null],
  ['nothing', [], 16, []],
])('splitByBytes: %s', (_name, items, max, expected) => {
  expect(splitByBytes(items as unknown[], max)).toEqual(expected)
})
