/**
 * Part of the composition root, imported only by the search page, which lives in the reader's package
 * beside the bundled bodies: the bundled search file is rebuilt from them and the pinyin shipped with
 * them, once, when search first needs it. The engine built from it is kept for the session, so going
 * back to the search page does not build it again.
 */
import { bundledManifest } from '@/content/bundled/full'
import { bundledPinyin, bundledSearchWhole } from '@/content/bundled/search'
import type { Manifest } from '@/content/schema'
import { bundledSearchIndex } from '@/content/search/bundled'
import { createSearchEngine, type SearchEngine } from '@/content/search/engine'
import { validateSearchIndex } from '@/content/search/file'
import { validateManifest } from '@/content/validate'

import { bundledBodyOf } from './reader-bodies'
import { repository } from './root'

repository.provideBundledSearch(() => {
  const manifest = validateManifest(bundledManifest)
  return manifest.kind === 'ok' ? bundledSearchIndex(manifest.value, bundledBodyOf, bundledPinyin) : null
}, bundledSearchWhole)

/**
 * `loading`: the search file is on its way; titles, people, organisations and tags are searched
 * meanwhile. `full`: every body the search file has (`stale`: an older file the device had, for the
 * bodies that have not changed since). `metadata`: no search file could be had, so only titles,
 * people and tags. `retry` when that may change (the network): the page asks again when it next shows.
 */
export type SearchState =
  | { kind: 'loading'; engine: SearchEngine }
  | { kind: 'full' | 'metadata'; engine: SearchEngine; retry: boolean; stale?: boolean }

let built: { manifest: Manifest; state: SearchState } | null = null
let metadata: { manifest: Manifest; engine: SearchEngine } | null = null

/** Titles, people, organisations and tags: no search file needed. */
function metadataEngine(manifest: Manifest): SearchEngine {
  if (metadata?.manifest !== manifest)
    metadata = { manifest, engine: createSearchEngine(manifest.installments, null) }
  return metadata.engine
}

export const searchStateNow = (manifest: Manifest): SearchState =>
  built?.manifest === manifest ? built.state : { kind: 'loading', engine: metadataEngine(manifest) }

/** The engine for this manifest: full text when the search file is there, else titles and people. */
export async function loadSearch(manifest: Manifest): Promise<SearchState> {
  const known = searchStateNow(manifest)
  if (known.kind !== 'loading') return known
  const result = await repository.searchIndex()
  const valid = result.kind === 'ok' ? validateSearchIndex(result.index) : null
  if (valid?.kind === 'bad-data') repository.rejectSearch(valid.problems)
  const problem = result.kind === 'ok' ? result.stale : result
  const retry = problem?.kind === 'offline' || problem?.kind === 'timeout' || problem?.kind === 'http-error'
  const state: SearchState =
    valid?.kind === 'ok'
      ? {
          kind: 'full',
          engine: createSearchEngine(manifest.installments, valid.value),
          retry,
          stale: Boolean(problem),
        }
      : { kind: 'metadata', engine: metadataEngine(manifest), retry }
  // A network failure is not remembered: the next visit to the page tries again.
  if (!retry) built = { manifest, state }
  return state
}
