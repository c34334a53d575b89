import type { CachedManifest, ContentCache } from './cache'
import { headOf, validateHead, type SeriesCounts } from './head'
import { PAGE_SIZE, queryEntries } from './query'
import { MAX_SEARCH_BYTES, type Problem } from './problem'
import type { RemoteSource } from './remote'
import type { Installment, Manifest, ManifestEntry, SearchPartRef, SearchRef } from './schema'
import { validateBodyOf, validateManifest } from './validate'

export type ContentSource = { kind: 'bundled' } | { kind: 'remote'; base: string }

export type Catalog =
  | {
      status: 'ready'
      manifest: Manifest
      source: ContentSource
      newIds: ReadonlySet<string>
      /**
       * Set while only the first screen is read (the manifest holds the first page in each order):
       * the whole series' counts. `complete()` reads the rest.
       */
      partial?: SeriesCounts
    }
  | { status: 'error'; problems: string[] }

export type InstallmentResult = { kind: 'ok'; installment: Installment } | { kind: 'not-found' } | Problem

export type RefreshResult = { kind: 'ok'; changed: boolean } | Problem

/**
 * The search file for the content on screen, its bytes checked against the manifest (or bundled with
 * it); `none` when the manifest names none. Its schema is checked by the search page's package, so the
 * main package does not carry it.
 */
export type SearchIndexResult =
  | {
      kind: 'ok'
      /** The search file in parts, in order: each a search file of some of the installments. */
      parts: readonly unknown[]
      stale?: Problem
      /** Used this session but not kept for offline reading: larger than the cache's share for it. */
      notKept?: { bytes: number; limit: number }
    }
  | { kind: 'none' }
  /** One search file (a manifest from before parts) larger than the app downloads in one go. */
  | { kind: 'too-large'; bytes: number; limit: number }
  | Problem

/**
 * What went wrong getting the search file, if anything did: a fetch that failed (or, with an older
 * file serving, why it is stale). None for no file or one too large to download: nobody's fault.
 */
export function searchProblem(result: SearchIndexResult): Problem | undefined {
  if (result.kind === 'ok') return result.stale
  return result.kind === 'none' || result.kind === 'too-large' ? undefined : result
}

/** A search file fetched, and how to keep it. */
type FetchedSearch = { parts: unknown[]; keep: (cache: ContentCache) => Promise<boolean> }

export type RefreshStatus =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'ok'; at: number }
  | { kind: 'failed'; problem: Problem; at: number }

/**
 * What the app ships. The main package carries the first screen of the manifest (`head`, with the
 * series' counts) so that it does not grow with the column; the whole manifest and the bodies ride in
 * the reader's package, which hands them over when it loads (`provideBundled…`), and `loadManifest`
 * reads the whole manifest from there for pages outside it. Tests may give the whole `manifest` at once.
 */
export type BundledContent = {
  manifest?: unknown
  head?: unknown
  loadManifest?: () => Promise<unknown>
  bodies?: Readonly<Record<string, unknown>>
}

/** A failure worth the team's attention, in terms that say nothing about the reader. */
export type ContentFailure = {
  what: 'manifest' | 'body' | 'search'
  problem: Problem['kind']
  status: number | null
  contentVersion: string | null
}

export type RepositoryDeps = {
  bundled: BundledContent
  /** Present only when the build names a content URL. */
  remote?: RemoteSource | null
  cache?: ContentCache | null
  now?: () => number
  /** Told of every manifest or body that could not be used (the real-time log, in the app). */
  report?: (failure: ContentFailure) => void
}

export type Repository = {
  catalog: () => Catalog
  status: () => RefreshStatus
  entry: (id: string) => ManifestEntry | null
  installment: (id: string) => Promise<InstallmentResult>
  /** The body when the device has it (read this session, bundled, or cached), without waiting. */
  installmentNow: (id: string) => Installment | null
  refresh: () => Promise<RefreshResult>
  /** Refreshes only when the last attempt is older than `maxAgeMs` (the app coming back to the foreground). */
  refreshIfStale: (maxAgeMs: number) => Promise<RefreshResult | null>
  markSeen: (id: string) => void
  /** Reads the whole manifest if only the first screen is read yet; listeners hear of it just after. */
  complete: () => void
  /**
   * Called by the reader's subpackage, which carries the bundled bodies: `bodyOf(id)` gives one
   * (unpacked when it is asked for), undefined when the package carries none for that id.
   */
  provideBundledBodies: (bodyOf: (id: string) => unknown) => void
  /** Called by the reader's subpackage, which carries the whole bundled manifest. */
  provideBundledManifest: (manifest: unknown) => void
  /**
   * The search file the manifest names: the bundled one when it is the same, else the saved copy,
   * else the network (then saved). One fetch at a time; a failure is reported and returned.
   */
  searchIndex: (onDownload?: (done: number, total: number) => void) => Promise<SearchIndexResult>
  /**
   * Called by the search page's package, which can make the bundled search file (from the bundled
   * bodies); `load` runs the first time the file is needed. A null from it means there is none.
   */
  provideBundledSearch: (load: () => unknown, whole?: boolean) => void
  /** The search page found the file unusable: reported, forgotten, and fetched anew next time. */
  rejectSearch: (problems: string[]) => void
  subscribe: (listener: () => void) => () => void
}

const NO_IDS: ReadonlySet<string> = new Set()
/** How long a refresh, a search or a link waits for the rest of the manifest before going on. */
export const REST_WAIT_MS = 1500
/** Settles when `work` does or after REST_WAIT_MS, whichever is first; never rejects. */
const settledWithin = (work: Promise<unknown>): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, REST_WAIT_MS)
    const done = () => {
      clearTimeout(timer)
      resolve()
    }
    work.then(done, done)
  })
/**
 * The largest search file fetched behind the first screen without a reader asking: an edition of 100
 * interviews of up to 10,000 characters (3 MB). A larger one is fetched when the search page opens.
 */
export const PREFETCH_SEARCH_BYTES = 4 * 1024 * 1024
/** At most this many installments are marked new at once (three pages of the list). */
export const MAX_NEW = 3 * PAGE_SIZE

function readyCatalog(
  manifest: Manifest,
  source: ContentSource,
  newIds: ReadonlySet<string> = NO_IDS,
  partial?: SeriesCounts,
): Catalog {
  return partial
    ? { status: 'ready', manifest, source, newIds, partial }
    : { status: 'ready', manifest, source, newIds }
}

/**
 * The only door to content. The first screen comes from what the device already has (the last good
 * remote copy, else the bundled one) with no network wait; refreshes run behind it and replace it only
 * with content that was fetched, parsed, version-checked, validated and whose hashes match.
 *
 * Removals: a valid manifest is the editors' word, so an installment it no longer lists leaves the
 * list. Favourites keep a snapshot and still show. A manifest that lists nothing at all while we have
 * installments is refused as bad data: that is an accident, not an edition.
 */
export function createRepository({
  bundled,
  remote = null,
  cache = null,
  now = Date.now,
  report = () => undefined,
}: RepositoryDeps): Repository {
  const listeners = new Set<() => void>()
  /** Bodies read this session, by sha256. */
  const bodies = new Map<string, Installment>()
  let status: RefreshStatus = { kind: 'idle' }
  let lastAttemptAt = 0
  let etag: string | null = null
  let inFlight: Promise<RefreshResult> | null = null
  const given = bundled.bodies ?? {}
  let bundledBodyOf = (id: string): unknown =>
    Object.prototype.hasOwnProperty.call(given, id) ? given[id] : undefined
  let bundledSearch: unknown = undefined
  let loadBundledSearch: (() => unknown) | null = null
  /** False when the package left some bodies out: its search file is then only a fallback. */
  let bundledSearchWhole = true
  const bundledSearchNow = (): unknown => {
    // Made once: a package that can make none says so with null, and is not asked again.
    if (loadBundledSearch) {
      bundledSearch = loadBundledSearch() ?? undefined
      loadBundledSearch = null
    }
    return bundledSearch
  }
  /** The search file read this session, and the fetch under way. */
  let search: { sha256: string; found: SearchIndexResult } | null = null
  let downloadListener: (done: number, total: number) => void = () => undefined
  let searchInFlight: { sha256: string; parts: boolean; result: Promise<SearchIndexResult> } | null = null

  let bundledManifest = bundled.manifest === undefined ? null : validateManifest(bundled.manifest)
  const bundledHead = bundled.head === undefined ? null : validateHead(bundled.head)
  /** The whole bundled manifest once it is here, else its first screen, else what is wrong. */
  const bundledCatalog = (): Catalog => {
    if (bundledManifest?.kind === 'ok') return readyCatalog(bundledManifest.value, { kind: 'bundled' })
    if (!bundledManifest && bundledHead?.kind === 'ok') {
      const { manifest, counts } = bundledHead.value
      return readyCatalog(manifest, { kind: 'bundled' }, NO_IDS, counts)
    }
    const failed = bundledManifest ?? bundledHead
    return {
      status: 'error',
      problems: failed && 'problems' in failed ? failed.problems : ['bundled: no manifest'],
    }
  }
  /** The whole bundled manifest, while it is on its way from the reader's package. */
  let bundledLoading: Promise<void> | null = null
  let bundledRestDamaged = false

  const remoteSource = (): ContentSource => ({ kind: 'remote', base: remote?.base ?? '' })
  // An earlier build saved every new id; the cap applies to what it left too.
  const cachedNewIds = () => new Set(remote && cache ? cache.loadNewIds(remote.base).slice(0, MAX_NEW) : [])

  /** The whole cached manifest, validated; it also writes the head when an older build left none. */
  const catalogOf = (cached: CachedManifest | null): Catalog | null => {
    if (!remote || !cache) return null
    const valid = cached ? validateManifest(cached.manifest) : null
    if (!cached || valid?.kind !== 'ok') return null
    etag = cached.etag
    if (!cache.loadHead(remote.base))
      cache.saveHead({ base: remote.base, etag: cached.etag, head: headOf(valid.value) })
    return readyCatalog(valid.value, remoteSource(), cachedNewIds())
  }
  /** The same, now; undefined where saved files are read asynchronously only (the browser). */
  const fullFromCache = (): Catalog | null | undefined => {
    const cached = remote && cache ? cache.loadManifestNow(remote.base) : null
    return cached === undefined ? undefined : catalogOf(cached)
  }

  /** The launch reads only the first screen when it can: its cost does not grow with the series. */
  const headFromCache = (): Catalog | null => {
    const cached = remote && cache ? cache.loadHead(remote.base) : null
    if (!cached) return null
    const valid = validateHead(cached.head)
    if (valid.kind !== 'ok') {
      cache?.dropHead()
      return null
    }
    etag = cached.etag
    const { manifest, counts } = valid.value
    return readyCatalog(manifest, remoteSource(), cachedNewIds(), counts)
  }

  let catalog: Catalog = headFromCache() ?? fullFromCache() ?? bundledCatalog()

  const emit = () => listeners.forEach((listener) => listener())
  const reportProblem = (what: ContentFailure['what'], problem: Problem) =>
    report({
      what,
      problem: problem.kind,
      status: problem.kind === 'http-error' ? problem.status : null,
      contentVersion: catalog.status === 'ready' ? catalog.manifest.contentVersion : null,
    })

  /** Takes the whole bundled manifest: the catalog grows from the first screen to all of it. */
  const adoptBundledManifest = (data: unknown) => {
    const valid = validateManifest(data)
    // A damaged copy never replaces what shows: the first screen stays, and is not read again.
    if (valid.kind !== 'ok' && (bundledManifest?.kind === 'ok' || bundledHead?.kind === 'ok')) {
      bundledRestDamaged = true
      return
    }
    bundledManifest = valid
    if (catalog.status === 'ready' && catalog.source.kind === 'bundled' && catalog.partial) {
      catalog = bundledCatalog()
      void Promise.resolve().then(emit)
    }
  }

  /**
   * Reads the rest of the bundled manifest from the reader's package, once at a time; when the
   * package cannot be had (offline before it was ever downloaded) the first screen stays and the
   * next call tries again.
   */
  const completeBundled = () => {
    if (bundledManifest || bundledLoading || bundledRestDamaged || !bundled.loadManifest) return
    bundledLoading = bundled.loadManifest().then(
      (data) => {
        bundledLoading = null
        adoptBundledManifest(data)
      },
      () => {
        bundledLoading = null
      },
    )
  }

  /** Reads the rest of a partial catalog; true when that failed and only the bundled content is left. */
  const complete = (): boolean => {
    if (catalog.status !== 'ready' || !catalog.partial) return false
    if (catalog.source.kind === 'bundled') {
      completeBundled()
      return false
    }
    const full = fullFromCache()
    if (full === undefined) {
      completeRemote()
      return false
    }
    return completedWith(full)
  }

  /** The rest of the manifest on its way (the bundled or the saved one), if it is. */
  const readingRest = (): Promise<void> | null => remoteLoading ?? bundledLoading

  /** Where saved files are read asynchronously: the first screen stays until the manifest is read. */
  let remoteLoading: Promise<void> | null = null
  const completeRemote = () => {
    if (remoteLoading || !remote || !cache) return
    remoteLoading = cache.loadManifest(remote.base).then((cached) => {
      remoteLoading = null
      if (catalog.status === 'ready' && catalog.source.kind === 'remote' && catalog.partial)
        completedWith(catalogOf(cached))
    })
  }

  const completedWith = (full: Catalog | null): boolean => {
    catalog = full ?? bundledCatalog()
    if (!full) completeBundled()
    // Not during the caller's render: subscribers hear of it once that is done.
    void Promise.resolve().then(emit)
    if (full) return false
    // The saved manifest went missing or bad behind a good head: show what the app ships, and fetch
    // the whole manifest again (no ETag, so the host cannot answer 304 for what we no longer have).
    cache?.dropHead()
    etag = null
    void (inFlight ?? Promise.resolve()).then(() => refresh())
    return true
  }

  const entry = (id: string): ManifestEntry | null => {
    complete()
    return catalog.status === 'ready'
      ? (catalog.manifest.installments.find((e) => e.id === id) ?? null)
      : null
  }

  const bundledBody = (meta: ManifestEntry): InstallmentResult | null => {
    const sameVersion =
      bundledManifest?.kind === 'ok' &&
      bundledManifest.value.installments.some((e) => e.id === meta.id && e.sha256 === meta.sha256)
    const raw = sameVersion ? bundledBodyOf(meta.id) : undefined
    if (raw === undefined) return null
    const result = validateBodyOf(meta.id, raw)
    return result.kind === 'ok' ? { kind: 'ok', installment: result.value } : result
  }

  const validCached = (meta: ManifestEntry, raw: unknown): Installment | null => {
    if (raw == null) return null
    const result = validateBodyOf(meta.id, raw)
    return result.kind === 'ok' ? result.value : null
  }

  /** Bundled if it is the same version, else the cached copy, else the network (then cached). */
  const loadBody = async (meta: ManifestEntry): Promise<InstallmentResult> => {
    const local = bundledBody(meta)
    if (local) return local
    const cached = validCached(meta, await cache?.loadBody(meta.id, meta.sha256))
    if (cached) return { kind: 'ok', installment: cached }
    if (!remote) return { kind: 'not-found' }
    const fetched = await remote.body(meta)
    if (fetched.kind !== 'ok') return fetched
    // The bytes as published, whose sha256 the manifest gives: what the cache checks on every read.
    void cache?.saveBody(meta.id, meta.sha256, fetched.text, meta.sha256)
    return { kind: 'ok', installment: fetched.installment }
  }

  const adopt = (manifest: Manifest, newEtag: string | null): boolean => {
    // Without the saved manifest there is no telling what the reader has seen: nothing is marked new.
    const forgotten = complete()
    // Against the first screen alone every entry past it would look new: with no whole manifest to
    // compare, nothing is marked.
    const previous = catalog.status === 'ready' && !forgotten && !catalog.partial ? catalog.manifest : null
    const known = new Set(previous?.installments.map((e) => e.id) ?? [])
    const stillNew = catalog.status === 'ready' ? catalog.newIds : NO_IDS
    const arrived = manifest.installments.filter((e) =>
      previous ? !known.has(e.id) || stillNew.has(e.id) : false,
    )
    // The newest few carry the mark: hundreds of badges say nothing, and the set is read at launch.
    const newIds = new Set(
      queryEntries(arrived, { group: 'all', order: 'newest' })
        .slice(0, MAX_NEW)
        .map((e) => e.id),
    )
    const changed = !previous || previous.contentVersion !== manifest.contentVersion
    etag = newEtag
    if (remote) {
      catalog = readyCatalog(manifest, remoteSource(), newIds)
      void cache?.saveManifest({ base: remote.base, etag: newEtag, manifest }, headOf(manifest))
      cache?.saveNewIds(remote.base, [...newIds])
      void cache?.prune(new Set(manifest.installments.map((e) => e.id)))
    }
    return changed
  }

  /** The app ships this search file (in the search page's package, which hands it over when loaded). */
  const shipsSearch = (ref: NonNullable<Manifest['search']>) => {
    const shipped =
      bundledManifest?.kind === 'ok'
        ? bundledManifest.value.search
        : bundledHead?.kind === 'ok'
          ? bundledHead.value.manifest.search
          : undefined
    return bundledSearchWhole && shipped?.sha256 === ref.sha256
  }

  // Promise chains, not async functions: the mini program's build turns each of those into a state
  // machine, and the repository is in the main package.
  /** The parts of a search file fetched from the host: each verified, with its text to keep. */
  const fetchSearch = (ref: SearchRef, from: RemoteSource): Promise<FetchedSearch | Problem> => {
    if (ref.parts) {
      const total = ref.parts.length
      let done = 0
      downloadListener(0, total)
      const counted = (part: SearchPartRef) =>
        from.searchIndex(part).then((one) => {
          downloadListener(++done, total)
          return one
        })
      return Promise.all(ref.parts.map(counted)).then((fetched) => {
        const ok = fetched.flatMap((one) => (one.kind === 'ok' ? [one] : []))
        const failed = fetched.find((one): one is Problem => one.kind !== 'ok')
        if (failed) return failed
        return {
          parts: ok.map((one) => one.index),
          keep: (saving) =>
            saving.saveSearch(
              ref.sha256,
              ok.map((one, i) => ({ text: one.text, hash: ref.parts?.[i].sha256 })),
            ),
        }
      })
    }
    return from
      .searchIndex(ref)
      .then((fetched) =>
        fetched.kind === 'ok'
          ? { parts: [fetched.index], keep: (saving) => saving.saveWholeSearch(ref.sha256, fetched.index) }
          : fetched,
      )
  }

  const searchFrom = (ref: SearchRef): Promise<SearchIndexResult> => {
    const shipped = shipsSearch(ref) ? bundledSearchNow() : undefined
    if (shipped !== undefined) return Promise.resolve({ kind: 'ok', parts: [shipped] })
    const saved = cache ? cache.loadSearch(ref.sha256) : Promise.resolve(null)
    return saved.then((found): SearchIndexResult | Promise<SearchIndexResult> => {
      if (found) return { kind: 'ok', parts: found.parts }
      if (!remote) return { kind: 'none' }
      // One file (a manifest from before parts) is read, hashed and parsed in one go: past this size
      // that would hold the phone's one thread too long, and WeChat may not hand it over at all.
      if (!ref.parts && ref.bytes && ref.bytes > MAX_SEARCH_BYTES)
        return { kind: 'too-large', bytes: ref.bytes, limit: MAX_SEARCH_BYTES }
      return fetchSearch(ref, remote).then((fetched) => {
        if ('parts' in fetched) {
          const bytes = ref.bytes ?? 0
          // Kept when it fits; used this session either way, and the page says it is not kept.
          if (cache?.searchFits(bytes)) void fetched.keep(cache)
          return cache && !cache.searchFits(bytes)
            ? { kind: 'ok', parts: fetched.parts, notKept: { bytes, limit: cache.searchLimit() } }
            : { kind: 'ok', parts: fetched.parts }
        }
        // An older file the device has still covers every body that has not changed since.
        const older = cache ? cache.loadSearch(null) : Promise.resolve(null)
        return older.then((had): SearchIndexResult => {
          const bundledFile = had ? undefined : bundledSearchNow()
          const parts = had ? had.parts : bundledFile ? [bundledFile] : null
          return parts ? { kind: 'ok', parts, stale: fetched } : fetched
        })
      })
    })
  }

  const searchIndex = (onDownload?: (done: number, total: number) => void): Promise<SearchIndexResult> => {
    // The latest caller hears how the download goes (the search page on screen).
    if (onDownload) downloadListener = onDownload
    complete()
    // The first screen's search entry names no parts: the whole manifest, on its way, does.
    const reading = catalog.status === 'ready' && catalog.partial ? readingRest() : null
    if (reading) return settledWithin(reading).then(() => searchFor())
    return searchFor()
  }

  const searchFor = (): Promise<SearchIndexResult> => {
    const ref = catalog.status === 'ready' ? catalog.manifest.search : undefined
    if (!ref) return Promise.resolve({ kind: 'none' })
    if (search?.sha256 === ref.sha256) return Promise.resolve(search.found)
    if (searchInFlight?.sha256 !== ref.sha256 || searchInFlight.parts !== Boolean(ref.parts)) {
      const result = searchFrom(ref).then((found) => {
        const problem = searchProblem(found)
        if (problem) reportProblem('search', problem)
        else if (found.kind === 'ok') search = { sha256: ref.sha256, found }
        return found
      })
      const clear = () => {
        if (searchInFlight?.result === result) searchInFlight = null
      }
      void result.then(clear, clear)
      searchInFlight = { sha256: ref.sha256, parts: Boolean(ref.parts), result }
    }
    return searchInFlight.result
  }

  /**
   * After a refresh, behind the first screen: a search file not yet saved is fetched and saved. Not one
   * the app ships: the search page's package carries it, and the search page may just not be open yet.
   */
  const prefetchSearch = () => {
    const ref = catalog.status === 'ready' ? catalog.manifest.search : undefined
    if (!remote || !cache || !ref || catalog.status !== 'ready' || catalog.source.kind !== 'remote') return
    if (search?.sha256 === ref.sha256 || shipsSearch(ref) || cache.hasSearch(ref.sha256)) return
    // A file the cache could not keep, or one so large that fetching it unasked would spend a reader's
    // data on a search they may never make, is left for the search page to fetch when a reader asks.
    if (!ref.bytes || !cache.searchFits(ref.bytes) || ref.bytes > PREFETCH_SEARCH_BYTES) return
    void searchIndex()
  }

  const runRefresh = async (): Promise<RefreshResult> => {
    lastAttemptAt = now()
    if (!remote) {
      // Bundled content cannot change while the app runs; nothing to re-render.
      status = { kind: 'ok', at: lastAttemptAt }
      return { kind: 'ok', changed: false }
    }
    status = { kind: 'running' }
    const usingRemote = catalog.status === 'ready' && catalog.source.kind === 'remote'
    const fetched = await remote.manifest(usingRemote ? etag : null)
    // The rest of the bundled (or saved) manifest, when a page asked for it and it is on its way: what
    // arrived is judged new against the whole of it, not against the first screen, which marks nothing.
    // Waited for a short while only: a package that never comes must not hold the edition back.
    const reading = readingRest()
    if (reading) await settledWithin(reading)
    let result: RefreshResult
    if (fetched.kind === 'not-modified') result = { kind: 'ok', changed: false }
    else if (fetched.kind !== 'ok') result = fetched
    else if (fetched.manifest.installments.length === 0 && entryCount() > 0)
      result = {
        kind: 'bad-data',
        problems: ['installments: empty while the app has installments; keeping them'],
      }
    else result = { kind: 'ok', changed: adopt(fetched.manifest, fetched.etag) }
    if (result.kind !== 'ok') reportProblem('manifest', result)
    status = result.kind === 'ok' ? { kind: 'ok', at: now() } : { kind: 'failed', problem: result, at: now() }
    emit()
    if (result.kind === 'ok') prefetchSearch()
    return result
  }

  const entryCount = () =>
    catalog.status !== 'ready' ? 0 : (catalog.partial?.total ?? catalog.manifest.installments.length)

  const refresh = () => {
    // One refresh at a time: a pull-to-refresh during the launch refresh joins it.
    if (!inFlight) inFlight = runRefresh().finally(() => (inFlight = null))
    return inFlight
  }

  return {
    catalog: () => catalog,
    status: () => status,
    entry,
    complete: () => void complete(),
    refresh,
    async refreshIfStale(maxAgeMs) {
      return now() - lastAttemptAt >= maxAgeMs ? refresh() : null
    },
    async installment(id) {
      let meta = entry(id)
      // Past the first screen, while the rest of the manifest is being read: wait for it, then look
      // (the saved manifest gone bad falls back to the bundled one, which is then read in its turn).
      for (let tries = 0; !meta && tries < 2; tries++) {
        const reading = readingRest()
        if (!reading) break
        await settledWithin(reading)
        meta = entry(id)
      }
      if (!meta) return { kind: 'not-found' }
      // Keyed by hash, not id: after a refresh that changes this body, the new edition is read.
      const known = bodies.get(meta.sha256)
      if (known) return { kind: 'ok', installment: known }
      const result = await loadBody(meta)
      if (result.kind === 'ok') bodies.set(meta.sha256, result.installment)
      else if (result.kind !== 'not-found') reportProblem('body', result)
      return result
    },
    installmentNow(id) {
      const meta = entry(id)
      if (!meta) return null
      const known = bodies.get(meta.sha256)
      if (known) return known
      const local = bundledBody(meta)
      // A bundled body that fails its checks is for installment() to report, not to paper over.
      if (local && local.kind !== 'ok') return null
      const now = local ? local.installment : validCached(meta, cache?.loadBodyNow(meta.id, meta.sha256))
      if (now) bodies.set(meta.sha256, now)
      return now
    },
    provideBundledBodies(bodyOf) {
      bundledBodyOf = bodyOf
    },
    provideBundledManifest: adoptBundledManifest,
    searchIndex,
    provideBundledSearch(load, whole = true) {
      loadBundledSearch = load
      bundledSearchWhole = whole
      bundledSearch = undefined
    },
    rejectSearch(problems) {
      const ref = catalog.status === 'ready' ? catalog.manifest.search : undefined
      if (ref && search?.sha256 === ref.sha256) search = null
      void cache?.dropSearch()
      reportProblem('search', { kind: 'bad-data', problems })
    },
    markSeen(id) {
      if (catalog.status !== 'ready' || !catalog.newIds.has(id)) return
      const newIds = new Set(catalog.newIds)
      newIds.delete(id)
      catalog = { ...catalog, newIds }
      if (remote && catalog.source.kind === 'remote') cache?.saveNewIds(remote.base, [...newIds])
      emit()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
