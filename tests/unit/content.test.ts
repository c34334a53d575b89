import { fixture as manifest, fixtureBody } from '../fixtures/built'
import { neighbours } from '@/content/neighbours'
import { chunk, queryEntries, PAGE_SIZE } from '@/content/query'
import { mediaUrl } from '@/content/media'
import { headOf, validateHead } from '@/content/head'
import { createRepository } from '@/content/repository'
import type { ManifestEntry } from '@/content/schema'
import { validateManifest } from '@/content/validate'

// The generated fixture column (`npm run fixtures`): fixture-001…016 in weekly steps, groups in turn
// (scientist, entrepreneur, engineer, worker), plus no. 17, an imported article older than them all
// (an engineer's).
const entries = manifest.installments as ManifestEntry[]
const bundledBodies = Object.fromEntries(entries.map((e) => [e.id, fixtureBody(e.id)]))
const numbers = (list: ManifestEntry[]) => list.map((e) => e.number)

describe('query', () => {
  test.each([
    [{ group: 'all', order: 'series' }, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]],
    [{ group: 'all', order: 'newest' }, [16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 17]],
    [{ group: 'worker', order: 'series' }, [4, 8, 12, 16]],
    [{ group: 'engineer', order: 'series' }, [3, 7, 11, 15, 17]],
  ] as const)('%j → %j', (query, expected) => {
    expect(numbers(queryEntries(entries, query))).toEqual(expected)
  })

  test('neighbours follow series order', () => {
    expect(neighbours(entries, entries[0].id)).toEqual({ previous: null, next: entries[1] })
    const last = entries.length - 1
    expect(neighbours(entries, entries[last].id)).toEqual({ previous: entries[last - 1], next: null })
    expect(neighbours(entries, 'missing')).toEqual({ previous: null, next: null })
  })

  test('chunk pages by PAGE_SIZE', () => {
    const items = Array.from({ length: 45 }, (_, i) => i)
    expect(chunk(items).map((p) => p.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 5])
    expect(chunk([])).toEqual([])
  })
})

describe('media', () => {
  const places = (packaged: string[], host: string | null, inPackage = true) => ({
    packaged: new Set(packaged),
    host,
    inPackage,
  })
  test.each([
    [
      'a packaged picture, on a page of the reader’s package',
      'media/abc12345.png',
      { kind: 'bundled' },
      places(['media/abc12345.png'], null),
      '/static/media/abc12345.png',
    ],
    [
      'a packaged picture, on a main-package page with a host',
      'media/abc12345.png',
      { kind: 'bundled' },
      places(['media/abc12345.png'], 'https://m.example.com/lre', false),
      'https://m.example.com/lre/media/abc12345.png',
    ],
    [
      'a packaged picture, on a main-package page with no host',
      'media/abc12345.png',
      { kind: 'bundled' },
      places(['media/abc12345.png'], null, false),
      null,
    ],
    [
      'a hosted picture of bundled content',
      'media/abc12345.jpg',
      { kind: 'bundled' },
      places([], 'https://m.example.com/lre/'),
      'https://m.example.com/lre/media/abc12345.jpg',
    ],
    [
      'a hosted picture with no host (offline-only build)',
      'media/abc12345.jpg',
      { kind: 'bundled' },
      places([], null),
      null,
    ],
    [
      'remote content names its own host',
      'media/abc12345.png',
      { kind: 'remote', base: 'https://cdn.example.com/lre/' },
      places([], 'https://m.example.com'),
      'https://cdn.example.com/lre/media/abc12345.png',
    ],
    [
      'an https address stands',
      'https://img.example.com/a.png',
      { kind: 'remote', base: 'https://cdn.example.com' },
      places([], null),
      'https://img.example.com/a.png',
    ],
  ] as const)('%s', (_name, src, source, where, expected) => {
    expect(mediaUrl(src, source, where)).toBe(expected)
  })
})

describe('repository', () => {
  const repo = () => createRepository({ bundled: { manifest, bodies: bundledBodies } })

  test('the catalog is the bundled content, validated', () => {
    const catalog = repo().catalog()
    expect(catalog.status === 'ready' && catalog.manifest.installments).toHaveLength(entries.length)
    expect(catalog.status === 'ready' && catalog.source).toEqual({ kind: 'bundled' })
  })

  test.each([
    ['a known id', entries[3].id, 'ok'],
    ['an unknown id', 'nope', 'not-found'],
    ['an empty id', '', 'not-found'],
  ])('installment(%s) → %s', async (_what, id, kind) => {
    expect((await repo().installment(id)).kind).toBe(kind)
  })

  test('a body that fails the schema is bad data, never a crash', async () => {
    const bad = createRepository({
      bundled: { manifest, bodies: { [entries[0].id]: { schemaVersion: 1, id: entries[0].id } } },
    })
    const result = await bad.installment(entries[0].id)
    expect(result.kind).toBe('bad-data')
  })

  test('a body whose id does not match its entry is bad data', async () => {
    const swapped = createRepository({
      bundled: { manifest, bodies: { [entries[0].id]: bundledBodies[entries[1].id] } },
    })
    expect(await swapped.installment(entries[0].id)).toEqual({
      kind: 'bad-data',
      problems: [`id: expected "${entries[0].id}"`],
    })
  })

  test('an invalid bundled manifest gives an error catalog listing the problems', () => {
    const broken = createRepository({ bundled: { manifest: { schemaVersion: 1 }, bodies: {} } })
    const catalog = broken.catalog()
    expect(catalog.status).toBe('error')
    expect(catalog.status === 'error' && catalog.problems).toEqual(
      expect.arrayContaining(['contentVersion: Required']),
    )
  })

  test('without a content URL, refresh succeeds and changes nothing', async () => {
    const r = repo()
    const seen = jest.fn()
    r.subscribe(seen)
    expect(await r.refresh()).toEqual({ kind: 'ok', changed: false })
    expect(seen).not.toHaveBeenCalled()
  })
})

describe('the first screen (head)', () => {
  const full = validateManifest(manifest)
  if (full.kind !== 'ok') throw new Error('the bundled manifest is invalid')
  const head = headOf(full.value)

  test('holds the first page in each order, and the counts of the whole series', () => {
    const firstPage = (order: 'newest' | 'series') =>
      queryEntries(full.value.installments, { group: 'all', order })
        .slice(0, PAGE_SIZE)
        .map((e) => e.id)
    const ids = head.manifest.installments.map((e) => e.id)
    expect(ids).toEqual(expect.arrayContaining([...firstPage('newest'), ...firstPage('series')]))
    expect(head.counts).toEqual({
      total: entries.length,
      samples: entries.filter((e) => e.sample).length,
    })
    expect(validateHead(JSON.parse(JSON.stringify(head)))).toEqual({ kind: 'ok', value: head })
  })

  test.each([
    ['not an object', 42, '(root)'],
    [
      'a manifest that fails its schema',
      { ...head, manifest: { ...head.manifest, contentVersion: '' } },
      'contentVersion',
    ],
    ['no counts', { manifest: head.manifest }, 'counts'],
    ['a total below the entries it holds', { ...head, counts: { total: 1, samples: 0 } }, 'counts'],
    ['more samples than installments', { ...head, counts: { total: 50, samples: 51 } }, 'counts'],
    ['counts that are not whole numbers', { ...head, counts: { total: 50.5, samples: 0 } }, 'counts'],
  ])('a head with %s is bad data', (_name, data, where) => {
    const result = validateHead(data)
    expect(result.kind).toBe('bad-data')
    expect(result.kind === 'bad-data' && result.problems.join('\n')).toContain(where)
  })
})

describe('the bundled manifest: its first screen in the main package, the rest from the reader’s package', () => {
  // More than the first screen in each order, so the head really is part of the column.
  const many = {
    ...manifest,
    installments: Array.from({ length: 60 }, (_, i) => ({
      ...entries[0],
      sample: false,
      source: undefined,
      path: `installments/many-${i + 1}.json`,
      id: `many-${i + 1}`,
      number: i + 1,
      publishedAt: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')}`,
    })),
  }
  const valid = validateManifest(many)
  if (valid.kind !== 'ok') throw new Error(valid.problems.join('\n'))
  const head = headOf(valid.value)
  const shown = head.manifest.installments.length
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
  const ids = (repo: ReturnType<typeof createRepository>) => {
    const catalog = repo.catalog()
    return catalog.status === 'ready' ? catalog.manifest.installments.length : 0
  }

  test('a launch shows the head with the whole column’s counts, then complete() reads the rest once', async () => {
    let loads = 0
    const repo = createRepository({
      bundled: { head, loadManifest: async () => (loads++, many) },
    })
    const first = repo.catalog()
    expect(first.status === 'ready' && [first.partial, first.manifest.installments.length]).toEqual([
      { total: 60, samples: 0 },
      shown,
    ])
    expect(shown).toBeLessThan(60)
    let heard = 0
    repo.subscribe(() => heard++)
    repo.complete()
    repo.complete()
    await settle()
    expect([ids(repo), loads, heard]).toEqual([60, 1, 1])
    expect(repo.entry('many-30')?.number).toBe(30)
  })

  test('when the package cannot be had, the head stays, nothing throws, and the next call tries again', async () => {
    let loads = 0
    const repo = createRepository({
      bundled: {
        head,
        loadManifest: () =>
          ++loads === 1 ? Promise.reject({ errMsg: 'require.async:fail' }) : Promise.resolve(many),
      },
    })
    repo.complete()
    await settle()
    expect([ids(repo), repo.catalog().status]).toEqual([shown, 'ready'])
    repo.complete()
    await settle()
    expect([ids(repo), loads]).toEqual([60, 2])
  })

  test.each([
    ['not a manifest', { schemaVersion: 1 }, 'the head'],
    ['the whole manifest', many, 'all 60'],
  ])('the reader’s package hands over %s: the list shows %s', (_name, data, shows) => {
    const repo = createRepository({ bundled: { head } })
    repo.provideBundledManifest(data)
    expect(ids(repo)).toBe(shows === 'the head' ? shown : 60)
  })

  test('a broken head is an error state, not a crash', () => {
    expect(createRepository({ bundled: { head: { manifest: {} } } }).catalog().status).toBe('error')
  })
})
