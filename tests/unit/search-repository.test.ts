/**
 * The repository's side of full-text search: which search file it hands the search page (bundled,
 * saved, or fetched and checked), how often it goes to the network for it, and what it reports.
 * The remote is the real one over a fake network serving a column published with the editors' builder.
 */
import { createContentCache, type ContentCache } from '@/content/cache'
import { sha256Hex } from '@/content/hash'
import { headOf } from '@/content/head'
import { MAX_SEARCH_BYTES } from '@/content/problem'
import { createRemoteSource, REQUEST_TIMEOUT_MS } from '@/content/remote'
import {
  createRepository,
  PREFETCH_SEARCH_BYTES,
  type ContentFailure,
  type Repository,
} from '@/content/repository'
import type { Manifest } from '@/content/schema'
import type { RawAttempt } from '@/platform/request'

import { resetStorage } from './support/fake-taro'
import { memoryFiles } from './support/memory-files'
import { published, SEARCH_INSTALLMENTS, type PublishedSeries } from './support/search-series'

jest.mock('@tarojs/taro', () => jest.requireActual('./support/fake-taro'))

const BASE = 'https://content.example.test/lre'
/** What the app ships. */
const bundled = published()
/** A later edition on the content host: one more installment, so another search file. */
const later = published([
  ...SEARCH_INSTALLMENTS,
  { ...SEARCH_INSTALLMENTS[0], id: 'search-7', number: 7, title: '第七期（虚构）' },
])

/** The content host: files by path, a switch for the network, and every path asked for. */
function host(edition: PublishedSeries) {
  const files = new Map([...edition.files].map(([path, bytes]) => [path, bytes.toString('utf8')]))
  const state = { offline: false, requests: [] as string[], files }
  const request = (url: string): Promise<RawAttempt> => {
    const path = url.slice(BASE.length + 1)
    state.requests.push(path)
    if (state.offline)
      return Promise.resolve({ kind: 'error', message: 'request:fail -101:net::ERR_INTERNET_DISCONNECTED' })
    const text = state.files.get(path)
    return Promise.resolve(
      text === undefined
        ? { kind: 'response', status: 404, text: 'Not Found', headers: {} }
        : { kind: 'response', status: 200, text, headers: {} },
    )
  }
  const remote = createRemoteSource(BASE, {
    request,
    retry: { retries: 0, delaysMs: [] },
    wait: () => Promise.resolve(),
  })
  const asked = (path: string) => state.requests.filter((p) => p === path).length
  return { state, remote, asked }
}

let clock = 0
const newCache = (maxTotalBytes = 5 * 1024 * 1024) =>
  createContentCache({ files: memoryFiles(), budget: { maxTotalBytes }, now: () => ++clock })
/** Lets every fetch already started finish (the fake network answers at once). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
/** The first of the search file's parts: what a fetch of the search file asks for first. */
const searchPath = (edition: PublishedSeries) =>
  edition.manifest.search?.parts?.[0].path ?? edition.manifest.search?.path ?? 'none'
const searchSha = (edition: PublishedSeries) => edition.manifest.search?.sha256 ?? 'none'
/** The search file as the repository hands it over: its parts, parsed, in order. */
const parsed = (edition: PublishedSeries): unknown[] =>
  (edition.manifest.search?.parts ?? []).map((part) =>
    JSON.parse(edition.files.get(part.path)!.toString('utf8')),
  )
const found = (edition: PublishedSeries) => ({ kind: 'ok', parts: parsed(edition) })

type Setup = {
  cache?: ContentCache | null
  bundledManifest?: unknown
  withRemote?: boolean
  /** The edition the device saved at an earlier launch: the catalog is remote from the start. */
  saved?: PublishedSeries
}

async function setup(
  edition: PublishedSeries,
  { cache = newCache(), bundledManifest = bundled.manifest, withRemote = true, saved }: Setup = {},
) {
  const net = host(edition)
  const report = jest.fn<void, [ContentFailure]>()
  if (saved && cache)
    await cache.saveManifest({ base: BASE, etag: null, manifest: saved.manifest }, headOf(saved.manifest))
  const repository: Repository = createRepository({
    bundled: { manifest: bundledManifest },
    remote: withRemote ? net.remote : null,
    cache,
    report,
  })
  return { ...net, cache, report, repository }
}

beforeEach(() => {
  resetStorage()
  clock = 0
})

test('the two editions name different search files', () => {
  expect(searchSha(later)).not.toBe(searchSha(bundled))
})

describe('the bundled search file', () => {
  test('is used while the bundled manifest is on screen, without the network', async () => {
    const { repository, state } = await setup(bundled)
    repository.provideBundledSearch(() => bundled.index)
    const result = await repository.searchIndex()
    expect(result).toEqual({ kind: 'ok', parts: [bundled.index] })
    expect(result.kind === 'ok' && result.parts[0]).toBe(bundled.index)
    expect(state.requests).toEqual([])
  })

  test('is used after a refresh brings a manifest naming the same search file', async () => {
    const { repository, asked, cache } = await setup(bundled)
    repository.provideBundledSearch(() => bundled.index)
    expect((await repository.refresh()).kind).toBe('ok')
    await settle()
    const result = await repository.searchIndex()
    expect(result.kind === 'ok' && result.parts[0]).toBe(bundled.index)
    expect(asked(searchPath(bundled))).toBe(0)
    // Nothing to save: the app ships it.
    await cache?.settled()
    expect(cache?.hasSearch(searchSha(bundled))).toBe(false)
  })

  test('is not used for a manifest naming another search file', async () => {
    const { repository, asked } = await setup(later, { saved: later })
    repository.provideBundledSearch(() => bundled.index)
    const result = await repository.searchIndex()
    expect(result).toEqual(found(later))
    expect(asked(searchPath(later))).toBe(1)
  })
})

describe('a search file from the content host', () => {
  test('is fetched, checked against its sha256, and saved', async () => {
    const { repository, asked, cache, report } = await setup(later, { saved: later })
    const result = await repository.searchIndex()
    expect(result).toEqual(found(later))
    expect(asked(searchPath(later))).toBe(1)
    expect(await cache?.loadSearch(searchSha(later))).toEqual({ parts: parsed(later) })
    expect(report).not.toHaveBeenCalled()
  })

  test('is fetched once: later calls are served from memory, and the next launch from the saved copy', async () => {
    const cache = newCache()
    const first = await setup(later, { cache, saved: later })
    await first.repository.searchIndex()
    const again = await first.repository.searchIndex()
    expect(again).toEqual(found(later))
    expect(first.asked(searchPath(later))).toBe(1)

    const relaunched = await setup(later, { cache })
    expect(await relaunched.repository.searchIndex()).toEqual(found(later))
    expect(relaunched.state.requests).toEqual([])
  })

  test('two calls at once share one fetch', async () => {
    const { repository, asked } = await setup(later, { saved: later })
    const [a, b] = await Promise.all([repository.searchIndex(), repository.searchIndex()])
    expect(a).toEqual(b)
    expect(a.kind).toBe('ok')
    expect(asked(searchPath(later))).toBe(1)
  })

  test('works without a cache, fetching once a session', async () => {
    const { repository, asked } = await setup(later, { cache: null })
    // Without a cache the catalog is the bundled one until a refresh.
    expect((await repository.refresh()).kind).toBe('ok')
    await repository.searchIndex()
    await repository.searchIndex()
    expect(asked(searchPath(later))).toBe(1)
  })
})

describe('a search file that cannot be had', () => {
  test('one file (a manifest from before parts) too large to download whole is never asked for: search keeps to titles and people, and says why', async () => {
    const { parts: _parts, ...whole } = later.manifest.search!
    const huge: PublishedSeries = {
      ...later,
      manifest: { ...later.manifest, search: { ...whole, bytes: MAX_SEARCH_BYTES + 1 } },
    }
    const { repository, state, report } = await setup(huge, { saved: huge })
    const result = await repository.searchIndex()
    expect(result).toEqual({ kind: 'too-large', bytes: MAX_SEARCH_BYTES + 1, limit: MAX_SEARCH_BYTES })
    expect(state.requests).toEqual([])
    // Not a fault of the host's: nothing to report.
    expect(report).not.toHaveBeenCalled()
  })

  test('in parts, a file of any size is fetched; past what the device keeps, it is used and said to be not kept', async () => {
    const bytes = later.manifest.search!.bytes!
    // An earlier launch saved the manifest; this device keeps less search file than this one.
    const files = memoryFiles()
    const earlier = createContentCache({ files })
    await earlier.saveManifest({ base: BASE, etag: null, manifest: later.manifest }, headOf(later.manifest))
    const cache = createContentCache({ files, budget: { maxTotalBytes: bytes * 1.5 } })
    const { repository, report } = await setup(later, { cache })
    const result = await repository.searchIndex()
    expect(result).toEqual({ ...found(later), notKept: { bytes, limit: bytes * 0.75 } })
    await cache.settled()
    expect(cache.hasSearch(searchSha(later))).toBe(false)
    expect(report).not.toHaveBeenCalled()
  })

  /** A manifest whose search file is `text`, named by its real sha256. */
  const servingSearch = (text: string) => {
    const sha256 = sha256Hex(text)
    const path = `search/index.${sha256.slice(0, 12)}.json`
    const manifest: Manifest = { ...later.manifest, search: { path, sha256 } }
    const files = new Map(later.files)
    files.set(path, Buffer.from(text))
    files.set('manifest.json', Buffer.from(JSON.stringify(manifest)))
    return { ...later, manifest, files, searchText: text }
  }

  test.each<
    [string, () => PublishedSeries, (net: ReturnType<typeof host>['state']) => void, Partial<ContentFailure>]
  >([
    ['offline', () => later, (net) => void (net.offline = true), { problem: 'offline', status: null }],
    [
      'not on the host',
      () => later,
      (net) => void net.files.delete(searchPath(later)),
      { problem: 'http-error', status: 404 },
    ],
    [
      'bytes that do not match the sha256',
      () => later,
      (net) => void net.files.set(searchPath(later), later.searchText.replace('镝光', '镝火')),
      { problem: 'integrity', status: null },
    ],
    [
      'not JSON',
      () => servingSearch('{"schemaVersion":1,'),
      () => undefined,
      { problem: 'bad-data', status: null },
    ],
    [
      'a newer schema',
      () => servingSearch('{"schemaVersion":2,"installments":[]}'),
      () => undefined,
      { problem: 'unsupported-version', status: null },
    ],
  ])(
    '%s: the problem is returned and reported, nothing is saved, and the next call tries again',
    async (_what, edition, breakIt, failure) => {
      const served = edition()
      const { repository, state, asked, cache, report } = await setup(served, { saved: served })
      const path = searchPath(served)
      breakIt(state)
      const result = await repository.searchIndex()
      expect(result.kind).toBe(failure.problem)
      expect(report).toHaveBeenCalledTimes(1)
      expect(report).toHaveBeenCalledWith({
        what: 'search',
        contentVersion: served.manifest.contentVersion,
        ...failure,
      })
      await cache?.settled()
      expect(cache?.hasSearch(searchSha(served))).toBe(false)

      state.offline = true
      await repository.searchIndex()
      expect(asked(path)).toBe(2)
    },
  )

  test('once the network is back, the next call fetches it', async () => {
    const { repository, state, asked, cache } = await setup(later, { saved: later })
    state.offline = true
    expect(await repository.searchIndex()).toEqual({ kind: 'offline' })
    state.offline = false
    expect(await repository.searchIndex()).toEqual(found(later))
    expect(asked(searchPath(later))).toBe(2)
    await cache?.settled()
    expect(cache?.hasSearch(searchSha(later))).toBe(true)
  })

  test.each<[string, Setup]>([
    ['a bundled manifest without one, and no content host', { withRemote: false }],
    ['a bundled manifest without one, before any refresh', {}],
  ])('none when the manifest names none: %s', async (_what, options) => {
    const { search: _search, ...withoutSearch } = bundled.manifest
    const { repository, state, report } = await setup(bundled, { ...options, bundledManifest: withoutSearch })
    expect(await repository.searchIndex()).toEqual({ kind: 'none' })
    expect(state.requests).toEqual([])
    expect(report).not.toHaveBeenCalled()
  })

  test('none when the content host publishes a manifest without one', async () => {
    const { search: _search, ...withoutSearch } = later.manifest
    const edition = { ...later, manifest: withoutSearch, files: new Map(later.files) }
    edition.files.set('manifest.json', Buffer.from(JSON.stringify(withoutSearch)))
    const { repository, state } = await setup(edition)
    expect((await repository.refresh()).kind).toBe('ok')
    await settle()
    expect(await repository.searchIndex()).toEqual({ kind: 'none' })
    expect(state.requests).toEqual(['manifest.json'])
  })

  test('without a content host, a search file neither bundled nor saved is none', async () => {
    const { repository, report } = await setup(bundled, { withRemote: false })
    expect(await repository.searchIndex()).toEqual({ kind: 'none' })
    expect(report).not.toHaveBeenCalled()
  })
})

describe('an older search file the device has', () => {
  test('serves while the new one cannot be had: returned as stale, reported, and asked for again next time', async () => {
    const cache = newCache()
    // An earlier launch saved the bundled edition's file; the host now has a later edition.
    await cache.saveWholeSearch(searchSha(bundled), JSON.parse(bundled.searchText))
    const { repository, state, asked, report } = await setup(later, { cache, saved: later })
    state.offline = true
    const result = await repository.searchIndex()
    expect(result).toEqual({ ...found(bundled), stale: { kind: 'offline' } })
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ what: 'search', problem: 'offline' }))
    // Not remembered as this edition's: online again, the new file is fetched and saved.
    state.offline = false
    expect(await repository.searchIndex()).toEqual(found(later))
    expect(asked(searchPath(later))).toBe(2)
    await cache.settled()
    expect(cache.hasSearch(searchSha(later))).toBe(true)
  })

  test('the bundled one serves when nothing is saved', async () => {
    const { repository, state } = await setup(later, { saved: later })
    repository.provideBundledSearch(() => bundled.index)
    state.offline = true
    const result = await repository.searchIndex()
    expect(result.kind === 'ok' && result.parts[0]).toBe(bundled.index)
    expect(result.kind === 'ok' && result.stale).toEqual({ kind: 'offline' })
  })
})

describe('after a refresh', () => {
  test('the search file is fetched behind the first screen, exactly once, and saved', async () => {
    const { repository, asked, cache } = await setup(later)
    expect(await repository.refresh()).toEqual({ kind: 'ok', changed: true })
    await settle()
    expect(asked(searchPath(later))).toBe(1)
    expect(await cache?.loadSearch(searchSha(later))).toEqual({ parts: parsed(later) })

    expect((await repository.refresh()).kind).toBe('ok')
    await settle()
    expect(await repository.searchIndex()).toEqual(found(later))
    expect(asked(searchPath(later))).toBe(1)
  })

  test('a search file larger than what is fetched unasked waits for the search page, which hears how the download goes', async () => {
    const parts = later.manifest.search!.parts!
    const large: PublishedSeries = {
      ...later,
      manifest: {
        ...later.manifest,
        search: { ...later.manifest.search!, bytes: PREFETCH_SEARCH_BYTES + 1 },
      },
    }
    large.files = new Map(later.files)
    large.files.set('manifest.json', Buffer.from(JSON.stringify(large.manifest)))
    const { repository, asked } = await setup(large, { cache: newCache(4 * PREFETCH_SEARCH_BYTES) })
    expect((await repository.refresh()).kind).toBe('ok')
    await settle()
    expect(asked(searchPath(later))).toBe(0)
    const heard: Array<[number, number]> = []
    expect(await repository.searchIndex((done, total) => heard.push([done, total]))).toEqual(found(later))
    expect(heard).toEqual(Array.from({ length: parts.length + 1 }, (_, i) => [i, parts.length]))
  })

  test('a saved search file is neither fetched nor read again by the refresh at the next launch', async () => {
    const cache = newCache()
    const first = await setup(later, { cache })
    await first.repository.refresh()
    await settle()
    const relaunched = await setup(later, { cache })
    // Nor read: the saved copy is megabytes, and is read only when the search page asks for it.
    const read = jest.spyOn(cache, 'loadSearch')
    await relaunched.repository.refresh()
    await settle()
    expect(relaunched.asked(searchPath(later))).toBe(0)
    expect(read).not.toHaveBeenCalled()
    expect(await relaunched.repository.searchIndex()).toEqual(found(later))
    expect(read).toHaveBeenCalledTimes(1)
  })

  test('a search file the app ships is not fetched, even before the search page has handed it over', async () => {
    const { repository, asked, cache } = await setup(bundled)
    expect((await repository.refresh()).kind).toBe('ok')
    await settle()
    expect(asked(searchPath(bundled))).toBe(0)
    await cache?.settled()
    expect(cache?.hasSearch(searchSha(bundled))).toBe(false)
    // The search page's package hands it over when it loads.
    repository.provideBundledSearch(() => bundled.index)
    const result = await repository.searchIndex()
    expect(result.kind === 'ok' && result.parts[0]).toBe(bundled.index)
    expect(asked(searchPath(bundled))).toBe(0)
  })

  test('a refresh that fails fetches nothing more', async () => {
    const { repository, state } = await setup(later)
    state.offline = true
    expect((await repository.refresh()).kind).toBe('offline')
    await settle()
    expect(state.requests).toEqual(['manifest.json'])
  })

  test('a new edition brings its own search file, not the one read before', async () => {
    const cache = newCache()
    const first = await setup(bundled, { cache, saved: bundled })
    const before = await first.repository.searchIndex()
    expect(before).toEqual(found(bundled))
    // The host now publishes the later edition.
    first.state.files.clear()
    for (const [path, bytes] of later.files) first.state.files.set(path, bytes.toString('utf8'))
    expect(await first.repository.refresh()).toEqual({ kind: 'ok', changed: true })
    expect(await first.repository.searchIndex()).toEqual(found(later))
    await cache.settled()
    expect(cache.hasSearch(searchSha(later))).toBe(true)
    await cache.settled()
    expect(cache.hasSearch(searchSha(bundled))).toBe(false)
  })
})

describe('rejectSearch', () => {
  test('reports the problems, drops the saved copy, and the next call fetches it again', async () => {
    const { repository, asked, cache, report } = await setup(later, { saved: later })
    await repository.searchIndex()
    await cache?.settled()
    expect(cache?.hasSearch(searchSha(later))).toBe(true)

    repository.rejectSearch(['installments: duplicate id "search-1"'])
    await cache?.settled()
    expect(cache?.hasSearch(searchSha(later))).toBe(false)
    expect(report).toHaveBeenCalledWith({
      what: 'search',
      problem: 'bad-data',
      status: null,
      contentVersion: later.manifest.contentVersion,
    })

    expect(await repository.searchIndex()).toEqual(found(later))
    expect(asked(searchPath(later))).toBe(2)
    await cache?.settled()
    expect(cache?.hasSearch(searchSha(later))).toBe(true)
  })
})

test('the search file is given time for its size; a manifest or body the usual wait', async () => {
  const waits = new Map<string, number | undefined>()
  const files = new Map([...later.files].map(([path, bytes]) => [path, bytes.toString('utf8')]))
  const remote = createRemoteSource(BASE, {
    request: (url, _headers, timeoutMs) => {
      const path = url.slice(BASE.length + 1)
      waits.set(path, timeoutMs)
      const text = files.get(path) ?? ''
      return Promise.resolve({ kind: 'response', status: 200, text, headers: {} })
    },
    retry: { retries: 0, delaysMs: [] },
    wait: () => Promise.resolve(),
  })
  const ref = later.manifest.search!
  await remote.searchIndex(ref)
  await remote.manifest(null)
  expect(waits.get(ref.path)).toBe(REQUEST_TIMEOUT_MS + Math.round((ref.bytes ?? 0) / 50))
  expect(waits.get(ref.path)).toBeGreaterThan(REQUEST_TIMEOUT_MS)
  // The manifest asks for no time of its own: the request's default, REQUEST_TIMEOUT_MS.
  expect(waits.has('manifest.json')).toBe(true)
  expect(waits.get('manifest.json')).toBeUndefined()
})

describe('when the package left some bodies out, its rebuilt search file is only a fallback', () => {
  test('online, the whole search file the manifest names is fetched instead', async () => {
    const { repository, asked } = await setup(bundled)
    repository.provideBundledSearch(() => bundled.index, false)
    const result = await repository.searchIndex()
    expect(result.kind).toBe('ok')
    expect(asked(searchPath(bundled))).toBe(1)
  })

  test('offline, it still searches the bodies that rode, and says the newest may be missing', async () => {
    const { repository, state } = await setup(bundled)
    state.offline = true
    repository.provideBundledSearch(() => bundled.index, false)
    const result = await repository.searchIndex()
    expect(result.kind === 'ok' && [result.parts[0], result.stale?.kind]).toEqual([bundled.index, 'offline'])
  })
})

describe('a remote build whose bundled manifest is only the first screen (the main package)', () => {
  /** A bundle whose first screen is one entry; the rest comes from `loadManifest`. */
  const firstScreenOnly = (net: ReturnType<typeof host>, loadManifest: () => Promise<unknown>) =>
    createRepository({
      bundled: {
        head: {
          manifest: { ...bundled.manifest, installments: bundled.manifest.installments.slice(0, 1) },
          counts: { total: bundled.manifest.installments.length, samples: 0 },
        },
        loadManifest,
      },
      remote: net.remote,
      cache: newCache(),
    })

  test('a refresh that returns while the rest of the bundled manifest is on its way marks what is new against all of it', async () => {
    const net = host(later)
    let deliver: (manifest: unknown) => void = () => undefined
    const repository = firstScreenOnly(net, () => new Promise((resolve) => (deliver = resolve)))
    // The list asks for the rest; the refresh's manifest comes back first.
    repository.complete()
    const refreshed = repository.refresh()
    await settle()
    deliver(bundled.manifest)
    expect((await refreshed).kind).toBe('ok')
    const catalog = repository.catalog()
    expect(catalog.status === 'ready' && [...catalog.newIds]).toEqual(['search-7'])
  })

  test('a package that never comes holds a refresh back only a moment: the edition is adopted', async () => {
    const net = host(later)
    const repository = firstScreenOnly(net, () => new Promise(() => undefined))
    repository.complete()
    expect((await repository.refresh()).kind).toBe('ok')
    const catalog = repository.catalog()
    expect(catalog.status === 'ready' && catalog.manifest.installments.length).toBe(
      later.manifest.installments.length,
    )
  })

  test('the first refresh marks nothing new, and knows the search file ships with the app', async () => {
    const net = host(bundled)
    // A first screen of one entry, so most of the column lies past it (as 60 of 100 do at the book's size).
    const repository = firstScreenOnly(net, () => new Promise(() => undefined))
    const result = await repository.refresh()
    expect(result.kind).toBe('ok')
    const catalog = repository.catalog()
    expect(catalog.status === 'ready' && [catalog.source.kind, catalog.newIds.size]).toEqual(['remote', 0])
    await settle()
    // The same search file the app ships: not fetched behind the first screen.
    expect(net.asked(searchPath(bundled))).toBe(0)
  })
})
