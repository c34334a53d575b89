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
  type ManifestEntryRecord,
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
  const writeFile = (name: string, text: string, extra = 0, except?: string): Promise<boolean> => {
    const bytes = utf8Length(text)
    const index = readIndex()
    while (totalBytes(index) + extra + bytes > budget.maxTotalBytes)
      if (!evictOne(index, except)) return Promise.resolve(false)
    writeIndex(index)
    return files
      .write(name, text)
      .then((outcome) => {
        if (outcome.kind !== 'full') return outcome
        const again = readIndex()
        return evictOne(again, except) && writeIndex(again) ? files.write(name, text) : outcome
      })
      .then((outcome) => {
        // A file the index names (the same text written again) stays: only a stray is removed.
        if (outcome.kind !== 'ok' && !namedFiles(readIndex()).has(name)) void files.remove(name)
        return outcome.kind === 'ok'
      })
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
    void inTurn(() => {
      const index = readIndex()
      if (index.bodies[id]?.file === file) delete index.bodies[id]
      writeIndex(index)
      return files.remove(file)
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

  /** The manifest `entry` names, from the text read for that entry (not whatever is named since). */
  const manifestOf = (entry: ManifestEntryRecord, text: string | null): CachedManifest | null => {
    const { base } = entry
    const value = verified(entry, text) ? parse(text) : FAILED
    const record = value as Partial<CachedManifest> | typeof FAILED
    if (record !== FAILED && record && typeof record === 'object' && record.base === base)
      return { base, etag: entry.etag, manifest: record.manifest }
    void inTurn(() => {
      const index = readIndex()
      if (index.manifest?.file === entry.file) index.manifest = null
      writeIndex(index)
      return files.remove(entry.file)
    })
    return null
  }

  /**
   * Names a written file in the index (`change` returns the file it replaces, if another), then removes
   * the one it replaced; when storage refuses, the new file goes instead.
   */
  const commitReplacing = (file: string, change: (index: Index) => string | null): Promise<boolean> => {
    let old: string | null = null
    const ok = commit(
      (index) => {
        const replaced = change(index)
        old = replaced && replaced !== file ? replaced : null
      },
      [file],
    )
    return (old ? files.remove(old) : Promise.resolve()).then(() => ok)
  }

  /** The manifest's file, named in the index once it is written whole. */
  const writeManifest = (record: CachedManifest): Promise<boolean> => {
    const text = JSON.stringify(record)
    const hash = sha256Hex(text)
    const file = `manifest.${short(hash)}.json`
    const record_ = { file, bytes: utf8Length(text), hash, base: record.base, etag: record.etag }
    // The same manifest again (a host that sends no ETag): named already, so nothing to write.
    if (readIndex().manifest?.hash === hash)
      return Promise.resolve(commit((index) => (index.manifest = record_), []))
    return writeFile(file, text).then(
      (written) =>
        written &&
        commitReplacing(file, (index) => {
          const replaced = index.manifest?.file ?? null
          index.manifest = record_
          return replaced
        }),
    )
  }

  // The old head goes first and the new one comes last: a launch never reads a head whose manifest is
  // not the one stored.
  const saveManifestNow = (record: CachedManifest, head: unknown): Promise<boolean> => {
    storage.remove(HEAD_KEY)
    return writeManifest(record).then(
      (ok) => ok && storage.save(HEAD_KEY, { base: record.base, etag: record.etag, head }),
    )
  }

  const saveBodyNow = (id: string, sha256: string, text: string, hash?: string): Promise<boolean> => {
    const fileHash = hash ?? sha256Hex(text)
    const file = `body.${id}.${short(fileHash)}.json`
    const known = readIndex().bodies[id]
    // The same body again: named already, so it is only marked as read.
    if (known?.hash === fileHash && known.sha256 === sha256)
      return Promise.resolve(commit((index) => (index.bodies[id] = { ...known, readAt: now() }), []))
    return writeFile(file, text, 0, id).then(
      (written) =>
        written &&
        commitReplacing(file, (index) => {
          const replaced = index.bodies[id]?.file ?? null
          index.bodies[id] = { file, bytes: utf8Length(text), hash: fileHash, sha256, readAt: now() }
          return replaced
        }),
    )
  }

  const removeAll = (names: readonly string[]) =>
    Promise.all(names.map((name) => files.remove(name))).then(() => undefined)

  const removeSearch = (): Promise<void> => {
    const index = readIndex()
    const parts = index.search?.parts ?? []
    index.search = null
    writeIndex(index)
    return removeAll(parts.map((part) => part.file))
  }

  /** Writes the parts one after another; every part written, or none kept. */
  const saveSearchNow = (sha256: string, parts: readonly SearchPartText[]): Promise<boolean> => {
    const needed = parts.reduce((sum, part) => sum + utf8Length(part.text), 0)
    const written: FileEntry[] = []
    const writeNext = (i: number): Promise<boolean> => {
      if (i === parts.length) return Promise.resolve(true)
      const { text, hash = sha256Hex(text) } = parts[i]
      const file = `search.${short(sha256)}.${i}.${short(hash)}.json`
      const extra = written.reduce((sum, w) => sum + w.bytes, 0)
      return writeFile(file, text, extra).then((ok) => {
        if (!ok) return false
        written.push({ file, bytes: utf8Length(text), hash })
        return writeNext(i + 1)
      })
    }
    return removeSearch()
      .then(() => parts.length > 0 && needed <= budget.maxTotalBytes / 2 && writeNext(0))
      .then((all) => {
        const names = written.map((w) => w.file)
        const ok = all && commit((index) => (index.search = { sha256, parts: written }), names)
        return ok || removeAll(names).then(() => false)
      })
  }

  /** Moves what an older build kept in storage into files, then clears those keys. */
  const migrate = (old: Legacy): Promise<void> => {
    // The head in storage stays: it is the first screen of this same manifest.
    const steps: Array<() => Promise<unknown>> = [
      () => (old.manifest ? writeManifest(old.manifest) : Promise.resolve()),
      ...Object.entries(old.bodies).map(
        ([id, record]) =>
          () =>
            saveBodyNow(id, record.sha256, JSON.stringify(record.body)),
      ),
      () => (old.search ? saveSearchNow(old.search.sha256, old.search.parts) : Promise.resolve()),
    ]
    const results: unknown[] = []
    return steps
      .reduce<Promise<unknown>>(
        (done, step) => done.then(step).then((moved) => void results.push(moved)),
        Promise.resolve(),
      )
      .then(() => {
        // Anything not moved (the folder full, no IndexedDB) stays in storage, served from memory
        // this session, and is tried again at the next launch.
        if (results.some((moved) => moved === false)) return
        removeLegacy(old)
        legacy = null
      })
  }

  /** Files no index names (a save cut short by the app closing) are dead weight. */
  const sweep = (): Promise<void> =>
    files.list().then((names) => {
      const named = namedFiles(readIndex())
      return removeAll(names.filter((name) => !named.has(name)))
    })

  const found = legacy
  if (found) void inTurn(() => migrate(found))

  return {
    /** The saved manifest now, where files read synchronously; undefined where they cannot. */
    loadManifestNow(base: string): CachedManifest | null | undefined {
      if (legacy?.manifest?.base === base) return legacy.manifest
      const entry = readIndex().manifest
      if (!entry || entry.base !== base) return null
      const text = files.readNow(entry.file)
      return text === undefined ? undefined : manifestOf(entry, text)
    },

    loadManifest(base: string): Promise<CachedManifest | null> {
      if (legacy?.manifest?.base === base) return Promise.resolve(legacy.manifest)
      const entry = readIndex().manifest
      if (!entry || entry.base !== base) return Promise.resolve(null)
      return files.read(entry.file).then((text) => manifestOf(entry, text))
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
    loadBody(id: string, sha256: string): Promise<unknown | null> {
      const old = legacyBody(id, sha256)
      if (old !== null) return Promise.resolve(old)
      const entry = bodyEntry(id, sha256)
      if (!entry) return Promise.resolve(null)
      return files.read(entry.file).then((text) => acceptBody(id, entry, text))
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
      inTurn(() => {
        const old = legacy?.search
        if (old && (sha256 === null || old.sha256 === sha256))
          return Promise.resolve({ parts: old.parts.map((part) => JSON.parse(part.text) as unknown) })
        const record = readIndex().search
        if (!record || (sha256 !== null && record.sha256 !== sha256)) return Promise.resolve(null)
        // Part by part, each read a step of its own; one that fails its checks drops the whole file.
        const parts: unknown[] = []
        const readNext = (i: number): Promise<CachedSearch | null> => {
          if (i === record.parts.length) return Promise.resolve({ parts })
          const part = record.parts[i]
          return files.read(part.file).then((text) => {
            const value = verified(part, text) ? parse(text) : FAILED
            if (value === FAILED) return removeSearch().then(() => null)
            parts.push(value)
            return readNext(i + 1)
          })
        }
        return readNext(0)
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
      inTurn(() => {
        const index = readIndex()
        const dead = Object.keys(index.bodies).filter((id) => !liveIds.has(id))
        const names = dead.map((id) => index.bodies[id].file)
        dead.forEach((id) => delete index.bodies[id])
        writeIndex(index)
        return removeAll(names)
      }),

    /** Resolves when every change asked for so far is done (tests, and the benchmark). */
    settled: (): Promise<void> => inTurn(() => Promise.resolve()),
  }
}
