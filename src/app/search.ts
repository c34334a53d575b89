/**
 * Part of the composition root, imported only by the search page: the bundled search file travels in
 * the search subpackage and is handed to the repository when that package loads. The engine built
 * from it is kept for the session, so going back to the search page does not build it again.
 */
import { bundledSearchIndex } from '@/content/bundled/search'
import type { Manifest } from '@/content/schema'
import { createSearchEngine, type SearchEngine } from '@/content/search/engine'
import { validateSearchIndex } from '@/content/search/file'

import { repository } from './root'

repository.provideBundledSearch(bundledSearchIndex)

/** `metadata`: no search file could be had, so only titles, people, organisations and tags are searched. */
export type SearchState =
  { kind: 'loading' } | { kind: 'full'; engine: SearchEngine } | { kind: 'metadata'; engine: SearchEngine }

let built: { manifest: Manifest; state: SearchState } | null = null

export const searchStateNow = (manifest: Manifest): SearchState =>
  built?.manifest === manifest ? built.state : { kind: 'loading' }

/** The engine for this manifest: full text when the search file is there, else titles and people. */
export async function loadSearch(manifest: Manifest): Promise<SearchState> {
  const known = searchStateNow(manifest)
  if (known.kind !== 'loading') return known
  const result = await repository.searchIndex()
  const valid = result.kind === 'ok' ? validateSearchIndex(result.index) : null
  if (valid?.kind === 'bad-data') repository.rejectSearch(valid.problems)
  const state: SearchState =
    valid?.kind === 'ok'
      ? { kind: 'full', engine: createSearchEngine(manifest.installments, valid.value) }
      : { kind: 'metadata', engine: createSearchEngine(manifest.installments, null) }
  built = { manifest, state }
  return state
}
