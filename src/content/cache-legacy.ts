import * as storage from '@/platform/storage'

import { CACHE_PREFIX } from './cache-index'
import type { CachedManifest, SearchPartText } from './cache'

/**
 * What builds before the file cache kept in storage: the manifest, each body under its own key, and
 * the search file in parts. Read once at launch so that it can be moved into files (and served from
 * memory meanwhile); the keys go once it is moved. Favourites, excerpts and progress live under
 * `lre.user.*` and are not touched.
 */
const OLD_MANIFEST = `${CACHE_PREFIX}manifest`
const OLD_INDEX = `${CACHE_PREFIX}index`
const OLD_SEARCH = `${CACHE_PREFIX}search`
const oldBody = (id: string) => `${CACHE_PREFIX}body.${id}`
const oldSearchPart = (i: number) => `${CACHE_PREFIX}search.${i}`

export type Legacy = {
  manifest: CachedManifest | null
  bodies: Record<string, { sha256: string; body: unknown }>
  search: { sha256: string; parts: SearchPartText[] } | null
  /** Every key to clear once moved. */
  keys: string[]
}

type OldSearch = { sha256?: unknown; parts?: unknown; schemaVersion?: unknown; complete?: unknown }

function oldSearch(keys: string[]): Legacy['search'] {
  const record = storage.load<OldSearch>(OLD_SEARCH)
  const count = record && Number.isInteger(record.parts) ? Number(record.parts) : 0
  for (let i = 0; i < count; i++) keys.push(oldSearchPart(i))
  if (!record || record.complete !== true || typeof record.sha256 !== 'string' || !count) return null
  const parts: SearchPartText[] = []
  for (let i = 0; i < count; i++) {
    const installments = storage.load<unknown[]>(oldSearchPart(i))
    if (!Array.isArray(installments)) return null
    parts.push({ text: JSON.stringify({ schemaVersion: record.schemaVersion, installments }) })
  }
  return { sha256: record.sha256, parts }
}

/** The older build's cache, or null when there is none (every launch after the first). */
export function readLegacy(): Legacy | null {
  const index = storage.load<{ bodies?: Record<string, unknown> }>(OLD_INDEX)
  const manifest = storage.load<CachedManifest>(OLD_MANIFEST)
  const searchRecord = storage.load<unknown>(OLD_SEARCH)
  if (!index && !manifest && !searchRecord) return null
  const keys = [OLD_INDEX, OLD_MANIFEST, OLD_SEARCH]
  const bodies: Legacy['bodies'] = {}
  for (const id of Object.keys(index?.bodies ?? {})) {
    keys.push(oldBody(id))
    const record = storage.load<{ sha256?: unknown; body?: unknown }>(oldBody(id))
    if (record && typeof record.sha256 === 'string' && record.body !== undefined)
      bodies[id] = { sha256: record.sha256, body: record.body }
  }
  const valid = manifest && typeof manifest.base === 'string' ? manifest : null
  return { manifest: valid, bodies, search: oldSearch(keys), keys }
}

export function removeLegacy(legacy: Legacy): void {
  for (const key of legacy.keys) storage.remove(key)
}
