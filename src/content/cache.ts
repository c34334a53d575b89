import type { FileStore } from '@/platform/file-store'
import * as storage from '@/platform/storage'

import {
  CACHE_PREFIX,
  namedFiles,
  readIndex,
  totalBytes,
  writeIndex,
  type BodyEntry,
  type FileEntry,
  type Index,
} from './cache-index'
import { readLegacy, removeLegacy, type Legacy } from './cache-legacy'
import { sha256Hex } from './hash'
import { utf8Length } from './utf8'

export { CACHE_PREFIX } from './cache-index'

/**
 * The last good remote content. Bodies, the manifest and the search file are files in the user data
 * folder (WeChat allows 200 MB there, against 10 MB for storage); storage keeps small records only:
 * the index of those files, the first screen (`head`, what a launch reads) and which installments are
 * new. The reader's own data (`lre.user.*`) is never read, written or evicted here.
 */
const HEAD_KEY = `${CACHE_PREFIX}head`
/** Which installments are still "new": small and rewritten often, so apart from the manifest. */
const NEW_KEY = `${CACHE_PREFIX}new`

export type CacheBudget = { maxTotalBytes: number }
/**
 * 80 MB: two editions of 999 interviews of 6,000 characters (bodies and search file, about 40 MB)
 * fit, and well under half of WeChat's 200 MB is left for anything else the app may keep there.
 */
export const DEFAULT_BUDGET: CacheBudget = { maxTotalBytes: 80 * 1024 * 1024 }
/**
 * A search file fetched whole (from a manifest that names no parts) is kept in parts of about this
 * size, so that reading one back is a short step: read, hashed and parsed between two frames.
 */
export const SEARCH_PART_BYTES = 1024 * 1024

export type CachedManifest = { base: string; etag: string | null; manifest: unknown }
export type CachedHead = { base: string; etag: string | null; head: unknown }
/** The search file as saved: its parts in order, each a search file of some installments. */
export type CachedSearch = { parts: unknown[] }
/** A part to save: its text as published (with the hash the manifest gives, when it gives one). */
export type SearchPartText = { text: string; hash?: string }

export type ContentCache = ReturnType<typeof createContentCache>

export type CacheDeps = {
  files: FileStore
  budget?: CacheBudget
  /** The bodies a reader keeps (favourites): evicted only when nothing else is left. */
  pinned?: () => ReadonlySet<string>
  now?: () => number
}

const FAILED = Symbol('unreadable')
const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return FAILED
  }
}
const short = (hash: string) => hash.slice(0, 12)

/** The text, when it is the one the index names: as long, and hashing to the same sha256. */
const verified = (entry: FileEntry, text: string | null | undefined): text is string =>
  typeof text === 'string' && utf8Length(text) === entry.bytes && sha256Hex(text) === entry.hash

/** Items in order, cut into runs of at most `max` JSON bytes; null when one item alone is larger. */
export function splitByBytes<T>(items: readonly T[], max: number): T[][] | null {
  const parts: T[][] = []
  let current: T[] = []
  let bytes = 2
  for (const item of items) {
    const size = utf8Length(JSON.stringify(item) ?? '') + 1
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

export function createContentCache({
  files,
  budget = DEFAULT_BUDGET,
  pinned = () => new Set(),
  now = Date.now,
}: CacheDeps) {
  /**
   * Every change runs in turn: each reads the index after its own writes, so two saves never
   * overwrite each other's entries, and the sweep never sees a file between its write and its entry.
   */
  let queue: Promise<unknown> = Promise.resolve()
  let swept = false
  const inTurn = <T>(change: () => Promise<T>): Promise<T> => {
    // The sweep runs before the first change, not at launch: a launch reads the head and nothing else.
    if (!swept) {
      swept = true
      queue = queue.then(sweep, sweep).catch(() => undefined)
    }
    const run = queue.then(change, change)
    queue = run.catch(() => undefined)
    return run
  }
  /** What an older build kept in storage, served from memory until it is moved into files. */
  let legacy: Legacy | null = readLegacy()

  /** Least-recently-read first; favourites' bodies only when nothing else is left. */
  const evictOne = (index: Index, except?: string): boolean => {
    const keep = pinned()
    const [victim] = Object.keys(index.bodies)
      .filter((id) => id !== except)
      .sort((a, b) => {
        const pa = keep.has(a) ? 1 : 0
        const pb = keep.has(b) ? 1 : 0
        return pa - pb || index.bodies[a].readAt - index.bodies[b].readAt
      })
    if (!victim) return false
    void files.remove(index.bodies[victim].file)
    delete index.bodies[victim]
    return true
  }

  /**
   * Writes a file within budget: bodies make room first (`extra`: bytes written for the same save
   * and not yet in the index); when the folder itself is full, one more body goes and it tries again.
   */
  const writeFile = async (name: string, text: string, extra = 0, except?: string): Promise<boolean> => {
    const bytes = utf8Length(text)
    const index = readIndex()
    while (totalBytes(index) + extra + bytes > budget.maxTotalBytes)
      if (!evictOne(index, except)) return false
    writeIndex(index)
    let outcome = await files.write(name, text)
    if (outcome.kind === 'full') {
      const again = readIndex()
      if (evictOne(again, except) && writeIndex(again)) outcome = await files.write(name, text)
    }
    if (outcome.kind !== 'ok') void files.remove(name)
    return outcome.kind === 'ok'
  }

  /** Records a written file in the index; when storage refuses, the file goes too. */
  const commit = (change: (index: Index) => void, written: readonly string[]): boolean => {
    const index = readIndex()
    change(index)
    if (writeIndex(index)) return true
    written.forEach((name) => void files.remove(name))
    return false
  }

  const dropBody = (id: string, file: string) =>
    void inTurn(async () => {
      const index = readIndex()
      if (index.bodies[id]?.file === file) delete index.bodies[id]
      writeIndex(index)
      await files.remove(file)
    })

  /** A verified body's value, marked as just read; a file that fails its checks is dropped. */
  const acceptBody = (id: string, entry: BodyEntry, text: string | null): unknown | null => {
    const value = verified(entry, text) ? parse(text) : FAILED
    if (value === FAILED) {
      dropBody(id, entry.file)
      return null
    }
    const index = readIndex()
    // When storage is full the mark is lost, not the body.
    if (index.bodies[id]?.file === entry.file) {
      index.bodies[id].readAt = now()
      writeIndex(index)
    }
    return value
  }

  const bodyEntry = (id: string, sha256: string): BodyEntry | null => {
    const entry = readIndex().bodies[id]
    return entry && entry.sha256 === sha256 ? entry : null
  }

  const legacyBody = (id: string, sha256: string) => {
    const record = legacy?.bodies[id]
    return record && record.sha256 === sha256 ? record.body : null
  }

  const manifestOf = (base: string, text: string | null): CachedManifest | null => {
    const entry = readIndex().manifest
    if (!entry || entry.base !== base) return null
    const value = verified(entry, text) ? parse(text) : FAILED
    const record = value as Partial<CachedManifest> | typeof FAILED
    if (record !== FAILED && record && typeof record === 'object' && record.base === base)
      return { base, etag: entry.etag, manifest: record.manifest }
    void inTurn(async () => {
      const index = readIndex()
      if (index.manifest?.file === entry.file) index.manifest = null
      writeIndex(index)
      await files.remove(entry.file)
    })
    return null
  }

  /** The manifest's file, named in the index once it is written whole. */
  const writeManifest = async (record: CachedManifest): Promise<boolean> => {
    const text = JSON.stringify(record)
    const hash = sha256Hex(text)
    const file = `manifest.${short(hash)}.json`
    if (!(await writeFile(file, text))) return false
    let old: string | null = null
    const ok = commit(
      (index) => {
        old = index.manifest && index.manifest.file !== file ? index.manifest.file : null
        index.manifest = { file, bytes: utf8Length(text), hash, base: record.base, etag: record.etag }
      },
      [file],
    )
    if (old) await files.remove(old)
    return ok
  }

  const saveManifestNow = async (record: CachedManifest, head: unknown): Promise<boolean> => {
    // The old head goes first and the new one comes last: a launch never reads a head whose
    // manifest is not the one stored.
    storage.remove(HEAD_KEY)
    return (
      (await writeManifest(record)) && storage.save(HEAD_KEY, { base: record.base, etag: record.etag, head })
    )
  }

  const saveBodyNow = async (id: string, sha256: string, text: string, hash?: string) => {
    const fileHash = hash ?? sha256Hex(text)
    const file = `body.${id}.${short(fileHash)}.json`
    if (!(await writeFile(file, text, 0, id))) return false
    let old: string | null = null
    const ok = commit(
      (index) => {
        old = index.bodies[id] && index.bodies[id].file !== file ? index.bodies[id].file : null
        index.bodies[id] = { file, bytes: utf8Length(text), hash: fileHash, sha256, readAt: now() }
      },
      [file],
    )
    if (old) await files.remove(old)
    return ok
  }

  const removeSearch = async () => {
    const index = readIndex()
    const parts = index.search?.parts ?? []
    index.search = null
    writeIndex(index)
    for (const part of parts) await files.remove(part.file)
  }

  const saveSearchNow = async (sha256: string, parts: readonly SearchPartText[]): Promise<boolean> => {
    await removeSearch()
    const needed = parts.reduce((sum, part) => sum + utf8Length(part.text), 0)
    if (!parts.length || needed > budget.maxTotalBytes / 2) return false
    const written: FileEntry[] = []
    for (const [i, part] of parts.entries()) {
      const hash = part.hash ?? sha256Hex(part.text)
      const file = `search.${short(sha256)}.${i}.${short(hash)}.json`
      const extra = written.reduce((sum, w) => sum + w.bytes, 0)
      if (!(await writeFile(file, part.text, extra))) break
      written.push({ file, bytes: utf8Length(part.text), hash })
    }
    const names = written.map((w) => w.file)
    const ok =
      written.length === parts.length && commit((index) => (index.search = { sha256, parts: written }), names)
    if (!ok) for (const name of names) await files.remove(name)
    return ok
  }

  /** Moves what an older build kept in storage into files, then clears those keys. */
  const migrate = async (old: Legacy) => {
    // The head in storage stays: it is the first screen of this same manifest.
    if (old.manifest) await writeManifest(old.manifest)
    for (const [id, record] of Object.entries(old.bodies))
      await saveBodyNow(id, record.sha256, JSON.stringify(record.body))
    if (old.search) await saveSearchNow(old.search.sha256, old.search.parts)
    removeLegacy(old)
    legacy = null
  }

  /** Files no index names (a save cut short by the app closing) are dead weight. */
  const sweep = async () => {
    const named = namedFiles(readIndex())
    for (const name of await files.list()) if (!named.has(name)) await files.remove(name)
  }

  if (legacy) void inTurn(() => migrate(legacy as Legacy))

  return {
    /** The saved manifest now, where files read synchronously; undefined where they cannot. */
    loadManifestNow(base: string): CachedManifest | null | undefined {
      if (legacy?.manifest?.base === base) return legacy.manifest
      const entry = readIndex().manifest
      if (!entry || entry.base !== base) return null
      const text = files.readNow(entry.file)
      return text === undefined ? undefined : manifestOf(base, text)
    },

    async loadManifest(base: string): Promise<CachedManifest | null> {
      if (legacy?.manifest?.base === base) return legacy.manifest
      const entry = readIndex().manifest
      return entry && entry.base === base ? manifestOf(base, await files.read(entry.file)) : null
    },

    loadHead(base: string): CachedHead | null {
      const cached = storage.load<CachedHead>(HEAD_KEY)
      return cached && cached.base === base ? cached : null
    },

    /** The manifest and its first screen, as one: both are kept, or the head is not. */
    saveManifest: (record: CachedManifest, head: unknown): Promise<boolean> =>
      inTurn(() => saveManifestNow(record, head)),

    /** A head for the manifest already saved (an older build saved none). Never touches the manifest. */
    saveHead(record: CachedHead): boolean {
      return storage.save(HEAD_KEY, record)
    },

    /** A head that failed its checks is dropped, so the next launch reads the whole manifest. */
    dropHead(): void {
      storage.remove(HEAD_KEY)
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

    /** The saved body of this version, now; undefined where files cannot be read synchronously. */
    loadBodyNow(id: string, sha256: string): unknown | null | undefined {
      const old = legacyBody(id, sha256)
      if (old !== null) return old
      const entry = bodyEntry(id, sha256)
      if (!entry) return null
      const text = files.readNow(entry.file)
      return text === undefined ? undefined : acceptBody(id, entry, text)
    },

    /** The saved body if it is the version the manifest names; marks it as just read. */
    async loadBody(id: string, sha256: string): Promise<unknown | null> {
      const old = legacyBody(id, sha256)
      if (old !== null) return old
      const entry = bodyEntry(id, sha256)
      return entry ? acceptBody(id, entry, await files.read(entry.file)) : null
    },

    /** Keeps a body's text as published; `hash` when it is known to be the text's sha256. */
    saveBody: (id: string, sha256: string, text: string, hash?: string): Promise<boolean> =>
      inTurn(() => saveBodyNow(id, sha256, text, hash)),

    /** A saved search file that proved unusable goes, so the next search fetches it again. */
    dropSearch: (): Promise<void> => inTurn(removeSearch),

    /** Whether a search file of `bytes` may be kept: at most half the budget, so bodies keep the rest. */
    searchFits(bytes: number): boolean {
      return bytes <= budget.maxTotalBytes / 2
    },

    /** The most bytes of search file the cache keeps. */
    searchLimit: (): number => budget.maxTotalBytes / 2,

    hasSearch(sha256: string): boolean {
      return readIndex().search?.sha256 === sha256 || legacy?.search?.sha256 === sha256
    },

    /**
     * The saved search file, when it is the one with this sha256 (any, for null) and every part is
     * there and verified. Read part by part: each read is a step of its own.
     */
    loadSearch: (sha256: string | null): Promise<CachedSearch | null> =>
      // In turn: a search file being saved is read once it is whole, not fetched again meanwhile.
      inTurn(async () => {
        const old = legacy?.search
        if (old && (sha256 === null || old.sha256 === sha256))
          return { parts: old.parts.map((part) => JSON.parse(part.text) as unknown) }
        const record = readIndex().search
        if (!record || (sha256 !== null && record.sha256 !== sha256)) return null
        const parts: unknown[] = []
        for (const part of record.parts) {
          const text = await files.read(part.file)
          const value = verified(part, text) ? parse(text) : FAILED
          if (value === FAILED) {
            await removeSearch()
            return null
          }
          parts.push(value)
        }
        return { parts }
      }),

    /** Replaces the saved search file; kept only when every part is written and within its share. */
    saveSearch: (sha256: string, parts: readonly SearchPartText[]): Promise<boolean> =>
      inTurn(() => saveSearchNow(sha256, parts)),

    /** A search file fetched whole (a manifest from before parts), kept in parts of our own. */
    saveWholeSearch(sha256: string, index: unknown): Promise<boolean> {
      const { schemaVersion, installments } = (index ?? {}) as {
        schemaVersion?: unknown
        installments?: unknown
      }
      const runs = Array.isArray(installments) ? splitByBytes(installments, SEARCH_PART_BYTES) : null
      const parts = (runs ?? []).map((run) => ({
        text: JSON.stringify({ schemaVersion, installments: run }),
      }))
      return inTurn(() => saveSearchNow(sha256, parts))
    },

    /** Bytes the cache's files take, as the index counts them. */
    usage(): number {
      return totalBytes(readIndex())
    },

    /** Bodies no longer named by the manifest are dead weight; drop them. */
    prune: (liveIds: ReadonlySet<string>): Promise<void> =>
      inTurn(async () => {
        const index = readIndex()
        const dead = Object.keys(index.bodies).filter((id) => !liveIds.has(id))
        const files_ = dead.map((id) => index.bodies[id].file)
        dead.forEach((id) => delete index.bodies[id])
        writeIndex(index)
        for (const file of files_) await files.remove(file)
      }),

    /** Resolves when every change asked for so far is done (tests, and the benchmark). */
    settled: (): Promise<void> => inTurn(async () => undefined),
  }
}
