import { useSyncExternalStore } from 'react'

import { favouritesStore } from '@/library/favourites'

import { bundledManifest } from './bundled'
import { createContentCache } from './cache'
import { createRemoteSource } from './remote'
import { createRepository, type Catalog, type RefreshStatus } from './repository'

/** Set at build time (e.g. in .env.production); without it the app reads bundled content only. */
const CONTENT_URL = (process.env.TARO_APP_CONTENT_URL ?? '').trim()

/**
 * Wiring, in one place: the repository, its remote source and cache, and the one fact content needs
 * from the reader's library — which bodies are favourites, so eviction keeps them for offline reading.
 */
export const repository = createRepository({
  bundled: { manifest: bundledManifest },
  remote: CONTENT_URL ? createRemoteSource(CONTENT_URL) : null,
  cache: CONTENT_URL
    ? createContentCache(undefined, () => new Set(favouritesStore.get().map((f) => f.id)))
    : null,
})

export function useCatalog(): Catalog {
  return useSyncExternalStore(repository.subscribe, repository.catalog, repository.catalog)
}

export function useRefreshStatus(): RefreshStatus {
  return useSyncExternalStore(repository.subscribe, repository.status, repository.status)
}

/** Opening the app again after this long counts as a new visit worth a refresh. */
export const FOREGROUND_REFRESH_MS = 30 * 60 * 1000
