import * as storage from '@/platform/storage'

/**
 * The cache's index: the one small record in storage that names every file the cache keeps, with its
 * size and the sha256 of its text. A file is read only when the index names it and its text hashes to
 * what the index says: a write cut short, a file damaged or replaced, is never read back.
 */
export const CACHE_PREFIX = 'lre.cache.'
export const INDEX_KEY = `${CACHE_PREFIX}files`

export type FileEntry = { file: string; bytes: number; hash: string }
export type BodyEntry = FileEntry & { sha256: string; readAt: number }
export type ManifestEntryRecord = FileEntry & { base: string; etag: string | null }
export type SearchEntryRecord = { sha256: string; parts: FileEntry[] }
export type Index = {
  manifest: ManifestEntryRecord | null
  bodies: Record<string, BodyEntry>
  search: SearchEntryRecord | null
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null)
const text = (s: unknown) => (typeof s === 'string' && s !== '' ? s : null)
/** Names are ours (see cache.ts); anything else in an index was not written by us. */
const SAFE_NAME = /^[a-z0-9.-]+\.json$/

function fileEntry(raw: unknown): FileEntry | null {
  if (!isRecord(raw)) return null
  const [file, bytes, hash] = [text(raw.file), count(raw.bytes), text(raw.hash)]
  return file && SAFE_NAME.test(file) && bytes !== null && hash ? { file, bytes, hash } : null
}

/** The index as stored, keeping only well-formed entries: a damaged one must not stop a launch. */
export function readIndex(): Index {
  const raw = storage.load<unknown>(INDEX_KEY)
  const index: Index = { manifest: null, bodies: {}, search: null }
  if (!isRecord(raw)) return index
  const manifest = isRecord(raw.manifest) ? fileEntry(raw.manifest) : null
  if (manifest && isRecord(raw.manifest) && text(raw.manifest.base)) {
    const etag = text(raw.manifest.etag)
    index.manifest = { ...manifest, base: String(raw.manifest.base), etag }
  }
  if (isRecord(raw.bodies))
    for (const [id, value] of Object.entries(raw.bodies)) {
      if (!isRecord(value)) continue
      const [entry, sha256] = [fileEntry(value), text(value.sha256)]
      if (entry && sha256) index.bodies[id] = { ...entry, sha256, readAt: count(value.readAt) ?? 0 }
    }
  if (isRecord(raw.search) && text(raw.search.sha256) && Array.isArray(raw.search.parts)) {
    const parts = raw.search.parts.map(fileEntry)
    if (parts.length && parts.every((p) => p !== null))
      index.search = { sha256: String(raw.search.sha256), parts: parts as FileEntry[] }
  }
  return index
}

export const writeIndex = (index: Index): boolean => storage.save(INDEX_KEY, index)

export const searchBytes = (index: Index) =>
  index.search?.parts.reduce((sum, part) => sum + part.bytes, 0) ?? 0

export const totalBytes = (index: Index) =>
  (index.manifest?.bytes ?? 0) +
  searchBytes(index) +
  Object.values(index.bodies).reduce((sum, e) => sum + e.bytes, 0)

/** Every file name the index holds. */
export function namedFiles(index: Index): Set<string> {
  const names = new Set<string>()
  if (index.manifest) names.add(index.manifest.file)
  for (const entry of Object.values(index.bodies)) names.add(entry.file)
  for (const part of index.search?.parts ?? []) names.add(part.file)
  return names
}
