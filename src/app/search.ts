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
import type { Problem } from '@/content/problem'
import { searchProblem } from '@/content/repository'
import { buildSearchEngine } from '@/content/search/build'
import { createSearchEngine, type SearchEngine } from '@/content/search/engine'
import { pauseForUi } from '@/platform/yield'
import { validateManifest } from '@/content/validate'

import { bundledBodyOf } from './reader-bodies'
import { repository } from './root'

repository.provideBundledSearch(() => {
  const manifest = validateManifest(bundledManifest)
  return manifest.kind === 'ok' ? bundledSearchIndex(manifest.value, bundledBodyOf, bundledPinyin) : null
}, bundledSearchWhole)

/**
 * `loading`: the search file is on its way, or its engine is being built (`progress`, 0–1); titles,
 * people, organisations and tags are searched meanwhile. `full`: every body the search file has
 * (`stale`: an older file the device had, for the bodies that have not changed since; `notKept`: used
 * now, but too large for the device to keep for offline search). `metadata`: no search file, so only
 * titles, people and tags, and `why`. `retry` when that may change (the network): the page asks again
 * when it next shows.
 */
export type SearchState =
  | {
      kind: 'loading'
      engine: SearchEngine
      /** How far the engine is built, 0–1, once it is being built. */
      progress: number | null
      /** The search file's parts downloaded so far, while they download. */
      download?: { done: number; total: number }
    }
  | {
      kind: 'full'
      engine: SearchEngine
      retry: boolean
      stale?: boolean
      notKept?: { bytes: number; limit: number }
    }
  | { kind: 'metadata'; engine: SearchEngine; retry: boolean; why: MetadataOnly }

/** Why only titles, people and tags are searched. */
export type MetadataOnly =
  | { kind: 'offline' }
  /** The host answered, but not with the file (an HTTP error). */
  | { kind: 'host' }
  | { kind: 'none' }
  | { kind: 'broken' }
  | { kind: 'too-large'; bytes: number; limit: number }

let built: { manifest: Manifest; state: SearchState } | null = null
let metadata: { manifest: Manifest; engine: SearchEngine } | null = null

/** Titles, people, organisations and tags: no search file needed. */
function metadataEngine(manifest: Manifest): SearchEngine {
  if (metadata?.manifest !== manifest)
    metadata = { manifest, engine: createSearchEngine(manifest.installments, null) }
  return metadata.engine
}

export const searchStateNow = (manifest: Manifest): SearchState =>
  built?.manifest === manifest
    ? built.state
    : { kind: 'loading', engine: metadataEngine(manifest), progress: null }

const isNetwork = (problem: Problem | undefined) =>
  problem?.kind === 'offline' || problem?.kind === 'timeout' || problem?.kind === 'http-error'

/**
 * The engine for this manifest: full text when the search file is there, else titles and people.
 * The engine is built a slice at a time (see buildSearchEngine), so the page answers touches while
 * a whole edition is indexed; `onProgress` hears how far it is.
 */
export async function loadSearch(
  manifest: Manifest,
  onProgress: (state: SearchState) => void = () => undefined,
): Promise<SearchState> {
  const known = searchStateNow(manifest)
  if (known.kind !== 'loading') return known
  const engine = metadataEngine(manifest)
  const result = await repository.searchIndex((done, total) =>
    onProgress({ kind: 'loading', engine, progress: null, download: { done, total } }),
  )
  const problem = searchProblem(result)
  const retry = isNetwork(problem)
  let state: SearchState
  if (result.kind === 'ok') {
    let shown = -1
    const building = await buildSearchEngine(manifest.installments, result.parts, {
      pause: pauseForUi,
      onProgress: (done, total) => {
        const percent = Math.floor((100 * done) / Math.max(total, 1))
        if (percent === shown) return
        shown = percent
        onProgress({ kind: 'loading', engine, progress: percent / 100 })
      },
    })
    if (building.kind === 'bad-data') repository.rejectSearch(building.problems)
    state =
      building.kind === 'ok'
        ? { kind: 'full', engine: building.engine, retry, stale: Boolean(problem), notKept: result.notKept }
        : { kind: 'metadata', engine, retry: true, why: { kind: 'broken' } }
  } else {
    const why: MetadataOnly =
      result.kind === 'too-large'
        ? { kind: 'too-large', bytes: result.bytes, limit: result.limit }
        : result.kind === 'none'
          ? { kind: 'none' }
          : problem?.kind === 'http-error'
            ? { kind: 'host' }
            : retry
              ? { kind: 'offline' }
              : { kind: 'broken' }
    // A file that proved unusable is fetched anew (the repository forgot it): the next visit asks.
    state = { kind: 'metadata', engine, retry: retry || why.kind === 'broken', why }
  }
  // A network failure, or a file to fetch anew, is not remembered: the next visit to the page tries again.
  if (!state.retry) built = { manifest, state }
  return state
}
