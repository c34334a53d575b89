import * as storage from '@/platform/storage'

import { utf8Length } from './utf8'

/**
 * The last good remote content, kept in storage within a budget. Keys live under `lre.cache.*`,
 * apart from the reader's own data (`lre.user.*`), which nothing here ever reads, writes or evicts.
 */
export const CACHE_PREFIX = 'lre.cache.'
const MANIFEST_KEY = `${CACHE_PREFIX}manifest`
/** The first screen of the cached manifest (see head.ts): what a launch reads. */
const HEAD_KEY = `${CACHE_PREFIX}head`
const INDEX_KEY = `${CACHE_PREFIX}index`
/** Which installments are still "new": small and rewritten often, so apart from the manifest. */
const NEW_KEY = `${CACHE_PREFIX}new`
const bodyKey = (id: string) => `${CACHE_PREFIX}body.${id}`
/** The search file, in parts: a column's worth of text is more than WeChat allows one key. */
const SEARCH_KEY = `${CACHE_PREFIX}search`
const searchPartKey = (i: number) => `${CACHE_PREFIX}search.${i}`
/** Well under a key's limit even where storage counts two bytes a character. */
export const SEARCH_PART_BYTES = 384 * 1024

export type CacheBudget = { maxKeyBytes: number; maxTotalBytes: number }
/** Below WeChat's 1 MB a key and well below its 10 MB in all, leaving room for the reader's data. */
export const DEFAULT_BUDGET: CacheBudget = { maxKeyBytes: 900 * 1024, maxTotalBytes: 5 * 1024 * 1024 }

export type CachedManifest = { base: string; etag: string | null; manifest: unknown }
export type CachedHead = { base: string; etag: string | null; head: unknown }
type BodyRecord = { sha256: string; body: unknown }
type IndexEntry = { bytes: number; readAt: number }
type Index = {
  manifestBytes: number
  headBytes: number
  searchBytes: number
  bodies: Record<string, IndexEntry>
}
/**
 * Written before the parts (so a save cut short still names them, and the next save removes them) and
 * again after them, complete: a search file is read only when it was saved whole.
 */
type SearchRecord = { sha256: string; parts: number; schemaVersion: unknown; complete?: boolean }
export type CachedSearch = { schemaVersion: unknown; installments: unknown[] }

export type ContentCache = ReturnType<typeof createContentCache>

function byteLength(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '')
}

/** Items in order, cut into runs of at most `max` JSON bytes; null when one item alone is larger. */
export function splitByBytes<T>(items: readonly T[], max: number): T[][] | null {
  const parts: T[][] = []
  let current: T[] = []
  let bytes = 2
  for (const item of items) {
    const size = byteLength(item) + 1
    if (size + 2 > max) return null
    if (current.length && bytes + size > max) {
      parts.push(current)
      current = []
      bytes = 2
    }
    current.push(item)
    bytes += size
  }
  if (current.length) parts.push(current)
  return parts
}

export function createContentCache(
  budget: CacheBudget = DEFAULT_BUDGET,
  pinned: () => ReadonlySet<string> = () => new Set(),
  now: () => number = Date.now,
) {
  /** The index as stored, keeping only well-formed entries: a damaged one must not stop a launch. */
  const readIndex = (): Index => {
    const raw = storage.load<Partial<Index>>(INDEX_KEY)
    const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0)
    const bodies: Record<string, IndexEntry> = {}
    if (raw && typeof raw === 'object' && raw.bodies && typeof raw.bodies === 'object') {
      for (const [id, entry] of Object.entries(raw.bodies as Record<string, unknown>)) {
        if (entry && typeof entry === 'object') {
          const { bytes, readAt } = entry as Partial<IndexEntry>
          bodies[id] = { bytes: count(bytes), readAt: count(readAt) }
        }
      }
    }
    return {
      manifestBytes: count(raw?.manifestBytes),
      headBytes: count(raw?.headBytes),
      searchBytes: count(raw?.searchBytes),
      bodies,
    }
  }
  const writeIndex = (index: Index) => storage.save(INDEX_KEY, index)
  const total = (index: Index) =>
    index.manifestBytes +
    index.headBytes +
    index.searchBytes +
    Object.values(index.bodies).reduce((sum, e) => sum + e.bytes, 0)

  /** Least-recently-read first; favourites' bodies only when nothing else is left. */
  const evictionOrder = (index: Index): string[] => {
    const keep = pinned()
    return Object.keys(index.bodies).sort((a, b) => {
      const pa = keep.has(a) ? 1 : 0
      const pb = keep.has(b) ? 1 : 0
      return pa - pb || index.bodies[a].readAt - index.bodies[b].readAt
    })
  }

  const evictOne = (index: Index, except?: string): boolean => {
    const victim = evictionOrder(index).find((id) => id !== except)
    if (!victim) return false
    storage.remove(bodyKey(victim))
    delete index.bodies[victim]
    return true
  }

  /**
   * Writes within budget: makes room for `bytes` first, and on a quota error evicts and retries once.
   * `keyBytes` is this key's own size, when `bytes` also counts another key written with it.
   */
  const writeWithin = (
    key: string,
    value: unknown,
    bytes: number,
    index: Index,
    except?: string,
    keyBytes = bytes,
  ): boolean => {
    if (keyBytes > budget.maxKeyBytes) return false
    while (total(index) + bytes > budget.maxTotalBytes) if (!evictOne(index, except)) return false
    if (storage.save(key, value)) return true
    return evictOne(index, except) && storage.save(key, value)
  }

  const removeSearch = (index: Index) => {
    const record = storage.load<SearchRecord>(SEARCH_KEY)
    storage.remove(SEARCH_KEY)
    const parts = record && Number.isInteger(record.parts) ? record.parts : 0
    for (let i = 0; i < parts; i++) storage.remove(searchPartKey(i))
    index.searchBytes = 0
  }

  return {
    loadManifest(base: string): CachedManifest | null {
      const cached = storage.load<CachedManifest>(MANIFEST_KEY)
      return cached && cached.base === base ? cached : null
    },

    loadHead(base: string): CachedHead | null {
      const cached = storage.load<CachedHead>(HEAD_KEY)
      return cached && cached.base === base ? cached : null
    },

    /**
     * The manifest and its first screen, as one: the old head is removed first and the new one written
     * last, so a launch never reads a head whose manifest is not the one stored. Both fit, or neither stays.
     */
    saveManifest(record: CachedManifest, head: unknown): boolean {
      const index = readIndex()
      const headRecord: CachedHead = { base: record.base, etag: record.etag, head }
      const [manifestBytes, headBytes] = [byteLength(record), byteLength(headRecord)]
      index.manifestBytes = 0
      index.headBytes = 0
      storage.remove(HEAD_KEY)
      const ok =
        headBytes <= budget.maxKeyBytes &&
        writeWithin(MANIFEST_KEY, record, manifestBytes + headBytes, index, undefined, manifestBytes) &&
        storage.save(HEAD_KEY, headRecord)
      index.manifestBytes = ok ? manifestBytes : 0
      index.headBytes = ok ? headBytes : 0
      if (!ok) {
        storage.remove(MANIFEST_KEY)
        storage.remove(HEAD_KEY)
      }
      writeIndex(index)
      return ok
    },

    /**
     * A head for the manifest already stored (left by a build that saved none, or after a bad one was
     * dropped), so the next launch reads the first screen only. Never touches the manifest.
     */
    saveHead(record: CachedHead): boolean {
      const headBytes = byteLength(record)
      if (headBytes > budget.maxKeyBytes || !storage.save(HEAD_KEY, record)) return false
      const index = readIndex()
      index.headBytes = headBytes
      writeIndex(index)
      return true
    },

    /** A head that failed its checks is dropped, so the next launch reads the whole manifest. */
    dropHead(): void {
      storage.remove(HEAD_KEY)
      const index = readIndex()
      index.headBytes = 0
      writeIndex(index)
    },

    loadNewIds(base: string): string[] {
      const saved = storage.load<{ base: string; ids: unknown }>(NEW_KEY)
      return saved && saved.base === base && Array.isArray(saved.ids)
        ? saved.ids.filter((id) => typeof id === 'string')
        : []
    },

    saveNewIds(base: string, ids: readonly string[]): boolean {
      return storage.save(NEW_KEY, { base, ids })
    },

    /** The cached body if it is the version the manifest names; marks it as just read. */
    loadBody(id: string, sha256: string): unknown | null {
      const record = storage.load<BodyRecord>(bodyKey(id))
      if (!record || record.sha256 !== sha256) return null
      const index = readIndex()
      if (index.bodies[id]) {
        index.bodies[id].readAt = now()
        writeIndex(index)
      }
      return record.body
    },

    saveBody(id: string, sha256: string, body: unknown): boolean {
      const index = readIndex()
      const record: BodyRecord = { sha256, body }
      const bytes = byteLength(record)
      delete index.bodies[id]
      const ok = writeWithin(bodyKey(id), record, bytes, index, id)
      if (ok) index.bodies[id] = { bytes, readAt: now() }
      writeIndex(index)
      return ok
    },

    /** A saved search file that proved unusable goes, so the next search fetches it again. */
    dropSearch(): void {
      const index = readIndex()
      removeSearch(index)
      writeIndex(index)
    },

    /**
     * Whether a search file of `bytes` may be saved: at most half the budget, so it never pushes out
     * every body (favourites' included) to make room.
     */
    searchFits(bytes: number): boolean {
      return bytes <= budget.maxTotalBytes / 2
    },

    /** Whether the search file with this sha256 is saved, without reading it. */
    hasSearch(sha256: string): boolean {
      const record = storage.load<SearchRecord>(SEARCH_KEY)
      return record?.sha256 === sha256 && record.complete === true
    },

    /**
     * The saved search file, when it is the one with this sha256 (any, for null) and every part of it
     * is there.
     */
    loadSearch(sha256: string | null): CachedSearch | null {
      const record = storage.load<SearchRecord>(SEARCH_KEY)
      if (
        !record?.complete ||
        (sha256 !== null && record.sha256 !== sha256) ||
        !Number.isInteger(record.parts)
      )
        return null
      const installments: unknown[] = []
      for (let i = 0; i < record.parts; i++) {
        const part = storage.load<unknown[]>(searchPartKey(i))
        if (!Array.isArray(part)) return null
        installments.push(...part)
      }
      return { schemaVersion: record.schemaVersion, installments }
    },

    /**
     * Replaces the saved search file. Bodies the reader has not opened lately make room for it; it is
     * kept only when every part fits (one installment's text must fit a part).
     */
    saveSearch(sha256: string, search: unknown): boolean {
      const installments = (search as Partial<CachedSearch> | null)?.installments
      if (!Array.isArray(installments)) return false
      const index = readIndex()
      removeSearch(index)
      const parts = splitByBytes(installments, SEARCH_PART_BYTES) ?? []
      const sizes = parts.map(byteLength)
      const { schemaVersion } = search as CachedSearch
      const record: SearchRecord = { sha256, parts: parts.length, schemaVersion }
      const saved: SearchRecord = { ...record, complete: true }
      // A file that cannot fit even with every body gone evicts nothing: bodies (favourites' too)
      // would otherwise go for a save that fails, again after every refresh that fetches it anew.
      const needed = sizes.reduce((sum, bytes) => sum + bytes, byteLength(saved))
      // And it takes at most half the budget (see searchFits), so bodies keep the other half.
      const fits =
        parts.length > 0 &&
        sizes.every((bytes) => bytes <= budget.maxKeyBytes) &&
        needed <= budget.maxTotalBytes / 2 &&
        index.manifestBytes + index.headBytes + needed <= budget.maxTotalBytes
      let written = 0
      // The record names the parts before they are written, so a save cut short is cleared by the next.
      if (fits && storage.save(SEARCH_KEY, record))
        for (const part of parts) {
          if (!writeWithin(searchPartKey(written), part, sizes[written], index)) break
          index.searchBytes += sizes[written]
          written++
        }
      const ok = fits && written === parts.length && storage.save(SEARCH_KEY, saved)
      if (ok) index.searchBytes += byteLength(saved)
      else removeSearch(index)
      writeIndex(index)
      return ok
    },

    /** Bytes the cache accounts for, manifest and bodies together. */
    usage(): number {
      return total(readIndex())
    },

    /** Bodies no longer named by the manifest are dead weight; drop them. */
    prune(liveIds: ReadonlySet<string>): void {
      const index = readIndex()
      for (const id of Object.keys(index.bodies)) {
        if (!liveIds.has(id)) {
          storage.remove(bodyKey(id))
          delete index.bodies[id]
        }
      }
      writeIndex(index)
    },
  }
}
