import type { ContentCache } from './cache'
import type { Problem } from './problem'
import type { RemoteSource } from './remote'
import type { Installment, Manifest, ManifestEntry } from './schema'
import { validateBodyOf, validateManifest } from './validate'

export type ContentSource = { kind: 'bundled' } | { kind: 'remote'; base: string }

export type Catalog =
  | { status: 'ready'; manifest: Manifest; source: ContentSource; newIds: ReadonlySet<string> }
  | { status: 'error'; problems: string[] }

export type InstallmentResult = { kind: 'ok'; installment: Installment } | { kind: 'not-found' } | Problem

export type RefreshResult = { kind: 'ok'; changed: boolean } | Problem

export type RefreshStatus =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'ok'; at: number }
  | { kind: 'failed'; problem: Problem; at: number }

/** Bodies may arrive later than the manifest: they ship in the reader's subpackage. */
export type BundledContent = { manifest: unknown; bodies?: Readonly<Record<string, unknown>> }

export type RepositoryDeps = {
  bundled: BundledContent
  /** Present only when the build names a content URL. */
  remote?: RemoteSource | null
  cache?: ContentCache | null
  now?: () => number
}

export type Repository = {
  catalog: () => Catalog
  status: () => RefreshStatus
  entry: (id: string) => ManifestEntry | null
  installment: (id: string) => Promise<InstallmentResult>
  refresh: () => Promise<RefreshResult>
  /** Refreshes only when the last attempt is older than `maxAgeMs` (the app coming back to the foreground). */
  refreshIfStale: (maxAgeMs: number) => Promise<RefreshResult | null>
  markSeen: (id: string) => void
  /** Called by the reader's subpackage, which carries the bundled bodies. */
  provideBundledBodies: (bodies: Readonly<Record<string, unknown>>) => void
  subscribe: (listener: () => void) => () => void
}

const NO_IDS: ReadonlySet<string> = new Set()

function readyCatalog(
  manifest: Manifest,
  source: ContentSource,
  newIds: ReadonlySet<string> = NO_IDS,
): Catalog {
  return { status: 'ready', manifest, source, newIds }
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
}: RepositoryDeps): Repository {
  const listeners = new Set<() => void>()
  /** Bodies read this session, by sha256. */
  const bodies = new Map<string, Installment>()
  let status: RefreshStatus = { kind: 'idle' }
  let lastAttemptAt = 0
  let etag: string | null = null
  let inFlight: Promise<RefreshResult> | null = null
  let bundledBodies: Readonly<Record<string, unknown>> = bundled.bodies ?? {}

  const bundledManifest = validateManifest(bundled.manifest)
  const bundledCatalog: Catalog =
    bundledManifest.kind === 'ok'
      ? readyCatalog(bundledManifest.value, { kind: 'bundled' })
      : { status: 'error', problems: bundledManifest.problems }

  const fromCache = (): Catalog | null => {
    if (!remote || !cache) return null
    const cached = cache.loadManifest(remote.base)
    const valid = cached ? validateManifest(cached.manifest) : null
    if (!cached || valid?.kind !== 'ok') return null
    etag = cached.etag
    return readyCatalog(
      valid.value,
      { kind: 'remote', base: remote.base },
      new Set(cache.loadNewIds(remote.base)),
    )
  }

  let catalog: Catalog = fromCache() ?? bundledCatalog

  const emit = () => listeners.forEach((listener) => listener())
  const entry = (id: string): ManifestEntry | null =>
    catalog.status === 'ready' ? (catalog.manifest.installments.find((e) => e.id === id) ?? null) : null

  const bundledBody = (meta: ManifestEntry): InstallmentResult | null => {
    const sameVersion =
      bundledManifest.kind === 'ok' &&
      bundledManifest.value.installments.some((e) => e.id === meta.id && e.sha256 === meta.sha256)
    const raw = sameVersion ? bundledBodies[meta.id] : undefined
    if (raw === undefined) return null
    const result = validateBodyOf(meta.id, raw)
    return result.kind === 'ok' ? { kind: 'ok', installment: result.value } : result
  }

  const cachedBody = (meta: ManifestEntry): Installment | null => {
    const raw = cache?.loadBody(meta.id, meta.sha256)
    if (raw == null) return null
    const result = validateBodyOf(meta.id, raw)
    return result.kind === 'ok' ? result.value : null
  }

  /** Bundled if it is the same version, else the cached copy, else the network (then cached). */
  const loadBody = async (meta: ManifestEntry): Promise<InstallmentResult> => {
    const local = bundledBody(meta)
    if (local) return local
    const cached = cachedBody(meta)
    if (cached) return { kind: 'ok', installment: cached }
    if (!remote) return { kind: 'not-found' }
    const fetched = await remote.body(meta)
    if (fetched.kind === 'ok') cache?.saveBody(meta.id, meta.sha256, fetched.installment)
    return fetched
  }

  const adopt = (manifest: Manifest, newEtag: string | null): boolean => {
    const previous = catalog.status === 'ready' ? catalog.manifest : null
    const known = new Set(previous?.installments.map((e) => e.id) ?? [])
    const stillNew = catalog.status === 'ready' ? catalog.newIds : NO_IDS
    const newIds = new Set(
      manifest.installments
        .map((e) => e.id)
        .filter((id) => (previous ? !known.has(id) || stillNew.has(id) : false)),
    )
    const changed = !previous || previous.contentVersion !== manifest.contentVersion
    etag = newEtag
    if (remote) {
      catalog = readyCatalog(manifest, { kind: 'remote', base: remote.base }, newIds)
      cache?.saveManifest({ base: remote.base, etag: newEtag, manifest })
      cache?.saveNewIds(remote.base, [...newIds])
      cache?.prune(new Set(manifest.installments.map((e) => e.id)))
    }
    return changed
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
    let result: RefreshResult
    if (fetched.kind === 'not-modified') result = { kind: 'ok', changed: false }
    else if (fetched.kind !== 'ok') result = fetched
    else if (fetched.manifest.installments.length === 0 && entryCount() > 0)
      result = {
        kind: 'bad-data',
        problems: ['installments: empty while the app has installments; keeping them'],
      }
    else result = { kind: 'ok', changed: adopt(fetched.manifest, fetched.etag) }
    status = result.kind === 'ok' ? { kind: 'ok', at: now() } : { kind: 'failed', problem: result, at: now() }
    emit()
    return result
  }

  const entryCount = () => (catalog.status === 'ready' ? catalog.manifest.installments.length : 0)

  const refresh = () => {
    // One refresh at a time: a pull-to-refresh during the launch refresh joins it.
    if (!inFlight) inFlight = runRefresh().finally(() => (inFlight = null))
    return inFlight
  }

  return {
    catalog: () => catalog,
    status: () => status,
    entry,
    refresh,
    async refreshIfStale(maxAgeMs) {
      return now() - lastAttemptAt >= maxAgeMs ? refresh() : null
    },
    async installment(id) {
      const meta = entry(id)
      if (!meta) return { kind: 'not-found' }
      // Keyed by hash, not id: after a refresh that changes this body, the new edition is read.
      const known = bodies.get(meta.sha256)
      if (known) return { kind: 'ok', installment: known }
      const result = await loadBody(meta)
      if (result.kind === 'ok') bodies.set(meta.sha256, result.installment)
      return result
    },
    provideBundledBodies(bodies) {
      bundledBodies = bodies
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
