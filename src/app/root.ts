/**
 * The composition root: the one module that builds and wires things when imported. It creates the
 * content repository (bundled content, the remote source and its cache) and connects it to the one
 * fact it needs from the reader's library — which bodies are favourites, so eviction keeps them for
 * offline reading. Only app.ts and pages import it; content/ and library/ never meet anywhere else.
 */
import { useSyncExternalStore } from 'react'

import { bundledHead } from '@/content/bundled'
import { createContentCache } from '@/content/cache'
import { createRepository, type Catalog, type RefreshStatus } from '@/content/repository'
import { favouritesStore } from '@/library/favourites'
import { fileStore, type FileStore } from '@/platform/files'
import { logWarning } from '@/platform/log'

import { loadBundledManifest } from './bundled-manifest'
import { remoteSource } from './remote-source'

/** Set at build time (e.g. in .env.production); without it the app reads bundled content only. */
export const CONTENT_URL = (process.env.TARO_APP_CONTENT_URL ?? '').trim()

const favouriteIds = () => new Set(favouritesStore.get().map((f) => f.id))

/** The cache's folder of the user data folder (WeChat) or its IndexedDB database (the browser). */
const CACHE_FOLDER = 'lre-cache'
const cacheIn = (files: FileStore | null) =>
  files ? createContentCache({ files, pinned: favouriteIds }) : null

export const repository = createRepository({
  bundled: { head: bundledHead, loadManifest: loadBundledManifest },
  // The build writes the content URL in as a literal, so without one `'' && …` is a constant false to
  // webpack: the remote source and the cache (and what only they use) stay out of the main package.
  remote: process.env.TARO_APP_CONTENT_URL && CONTENT_URL ? remoteSource(CONTENT_URL) : null,
  cache: process.env.TARO_APP_CONTENT_URL && CONTENT_URL ? cacheIn(fileStore(CACHE_FOLDER)) : null,
  // The team sees in the real-time log when a publish broke: the kind of failure, never the reader's data.
  report: ({ what, ...fields }) =>
    logWarning(what === 'manifest' ? 'refresh-failed' : `${what}-failed`, fields),
})

export function useCatalog(): Catalog {
  return useSyncExternalStore(repository.subscribe, repository.catalog, repository.catalog)
}

export function useRefreshStatus(): RefreshStatus {
  return useSyncExternalStore(repository.subscribe, repository.status, repository.status)
}

/** Opening the app again after this long counts as a new visit worth a refresh. */
export const FOREGROUND_REFRESH_MS = 30 * 60 * 1000
