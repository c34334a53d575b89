/**
 * The full-text search, in Node, on generated series of 100 and 999 installments × 6,000 characters as
 * the CLI publishes them (publishInstallments, then the search file validated like the app does):
 *
 * - the search file's bytes, gzip bytes (level 9) and ratio to the bodies' plain text (searchSizeOf, the
 *   numbers `npm run content -- build` reports);
 * - building the engine from the manifest and the search file (what the search page does on the device);
 * - what a query costs the first results screen, `engine.search(q).first(20)`, at both sizes, runs
 *   interleaved, each after a garbage collection;
 * - the engine built in one go beside the sliced build (buildSearchEngine, real zero-timeout pauses):
 *   total time, the longest block of the event loop, and the time to a query's first results.
 *
 * Node's JIT is warm and a phone's is not, so times are smaller than on a device; the 999 ÷ 100 ratios
 * show how each grows with the series. Reported, never asserted.
 */
import { publishInstallments } from '../../scripts/content/build'
import { searchSizeOf, type SearchSize } from '../../scripts/content/search-index'
import type { ManifestEntry, Series } from '../../src/content/schema'
import { buildSearchEngine, DEFAULT_SLICE_CHARS } from '../../src/content/search/build'
import { createSearchEngine, type SearchEngine } from '../../src/content/search/engine'
import { validateSearchIndex, type SearchIndex } from '../../src/content/search/file'
import { validateManifest } from '../../src/content/validate'
import { pauseForUi } from '../../src/platform/yield'
import { fictionalName, generateInstallment, generateSeries, uniquePhrase } from '../fixtures/generate'

export const SEARCH_SIZES = [100, 999] as const
const CHARS = 6000
const SERIES: Series = {
  title: '生成的系列（虚构）',
  tagline: '用于计时',
  intro: [{ type: 'paragraph', text: '本系列为生成的样例内容。' }],
}

const gc = () => (globalThis as { gc?: () => void }).gc?.()
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const round = (n: number, digits: number) => Number(n.toFixed(digits))

function time(run: () => unknown): number {
  gc()
  const started = performance.now()
  run()
  return performance.now() - started
}

type Published = {
  count: number
  entries: ManifestEntry[]
  index: SearchIndex
  size: SearchSize
  /** The search file as published, parsed again for each sliced build. */
  text: string
}

/** A generated series published and read back as the app reads it: manifest and search file validated. */
function publish(count: number): Published {
  const { manifest, files } = publishInstallments(SERIES, generateSeries(count, CHARS))
  const checked = validateManifest(manifest)
  if (checked.kind !== 'ok') throw new Error(`manifest: ${JSON.stringify(checked)}`)
  const search = checked.value.search
  const file = search && files.get(search.path)
  if (!file) throw new Error('the published manifest names no search file')
  const index = validateSearchIndex(JSON.parse(file.toString('utf8')))
  if (index.kind !== 'ok') throw new Error(`search file: ${JSON.stringify(index)}`)
  const text = file.toString('utf8')
  return { count, entries: checked.value.installments, index: index.value, size: searchSizeOf(file), text }
}

/** Installment 43 (i = 42): in both series, with a name that no other of the first 100 has. */
const SAMPLE = 42
const name = fictionalName(SAMPLE).replace('（虚构）', '')
const initials = (syllables: readonly string[]) => syllables.map((s) => s[0]).join('')

/**
 * What the queries are, not how they behave: the common word and the title's pinyin match (nearly)
 * every installment, because every generated body mixes the same sentences and every generated title
 * ends 一段平凡而踏实的工作经历; they are there to show what such a query costs.
 */
export function searchQueries(index: SearchIndex): Array<{ query: string; text: string }> {
  const entry = index.installments[SAMPLE]
  // The title's pinyin has a syllable per ideograph, and one for the number: the word's own, by place.
  const title = generateInstallment(SAMPLE).title.replace(/[^\u4e00-\u9fff]/g, '')
  const word = '工作经历'
  const titleSyllables = entry.pinyin.title.split(' ').filter((s) => !/^\d+$/.test(s))
  const at = title.indexOf(word)
  // The name's pinyin ends with （虚构）'s "xu gou": the person's name is the syllables before it.
  const nameSyllables = entry.pinyin.name.split(' ').slice(0, name.length)
  return [
    { query: 'body-only phrase', text: uniquePhrase(SAMPLE) },
    { query: 'interviewee name', text: name },
    {
      query: `pinyin initials of a title word (${word})`,
      text: initials(titleSyllables.slice(at, at + word.length)),
    },
    { query: 'pinyin initials of the name', text: initials(nameSyllables) },
    { query: 'two words (name + common word)', text: `${name} 萃取` },
    { query: 'common word (in every body)', text: '萃取' },
  ]
}

export type SearchBench = {
  size: Array<SearchSize & { installments: number }>
  build: Array<{ installments: number; medianMs: number }>
  queries: Array<Record<string, string | number>>
}

/** `runs` timed queries per query and size; `builds` timed engine builds per size. */
export function searchBench(runs: number, builds = 5, published = SEARCH_SIZES.map(publish)): SearchBench {
  const size = published.map((p) => ({ installments: p.count, ...p.size, ratio: round(p.size.ratio, 3) }))

  const buildMs = published.map(() => [] as number[])
  for (let b = 0; b < builds; b++)
    published.forEach((p, s) => buildMs[s].push(time(() => createSearchEngine(p.entries, p.index))))
  const build = published.map((p, s) => ({ installments: p.count, medianMs: round(median(buildMs[s]), 1) }))

  const engines: SearchEngine[] = published.map((p) => createSearchEngine(p.entries, p.index))
  const queries = searchQueries(published[0].index)
  const samples = queries.map(() => engines.map(() => [] as number[]))
  for (let r = 0; r < runs; r++)
    queries.forEach(({ text }, q) => {
      // Every other round the larger series first, so neither always follows the other.
      const order = r % 2 ? [1, 0] : [0, 1]
      for (const s of order) samples[q][s].push(time(() => engines[s].search(text).first(20)))
    })
  const rows = queries.map(({ query, text }, q) => {
    const [small, large] = samples[q].map(median)
    return {
      query,
      text,
      ...Object.fromEntries(SEARCH_SIZES.map((n, s) => [`results @ ${n}`, engines[s].search(text).count])),
      ...Object.fromEntries(SEARCH_SIZES.map((n, s) => [`ms @ ${n}`, round(median(samples[q][s]), 3)])),
      '999 ÷ 100': round(large / small, 2),
    }
  })
  return { size, build, queries: rows }
}

/** One build of the engine from the parsed search file: how long, its longest block, the first results. */
type BuildTimes = { totalMs: number; longestMs: number; slices: number; firstResultsMs: number }

const firstResults = (engine: SearchEngine, query: string) => time(() => engine.search(query).first(20))

/** What the page did before: the file checked and the engine built in one block. */
function syncBuild(p: Published, query: string): BuildTimes {
  const raw: unknown = JSON.parse(p.text)
  let engine: SearchEngine | null = null
  const totalMs = time(() => {
    const index = validateSearchIndex(raw)
    if (index.kind !== 'ok') throw new Error('search file: not valid')
    engine = createSearchEngine(p.entries, index.value)
  })
  if (!engine) throw new Error('no engine')
  return { totalMs, longestMs: totalMs, slices: 1, firstResultsMs: totalMs + firstResults(engine, query) }
}

/** The same in slices, each pause a real zero timeout: the longest time the event loop waited. */
async function slicedBuild(p: Published, query: string): Promise<BuildTimes> {
  const raw: unknown = JSON.parse(p.text)
  gc()
  const slices: number[] = []
  const started = performance.now()
  let sliceStarted = started
  const pause = async () => {
    slices.push(performance.now() - sliceStarted)
    await pauseForUi()
    sliceStarted = performance.now()
  }
  const built = await buildSearchEngine(p.entries, raw, { pause })
  slices.push(performance.now() - sliceStarted)
  const totalMs = performance.now() - started
  if (built.kind !== 'ok') throw new Error(`search file: ${built.problems.join('; ')}`)
  const longestMs = Math.max(...slices)
  return {
    totalMs,
    longestMs,
    slices: slices.length,
    firstResultsMs: totalMs + firstResults(built.engine, query),
  }
}

export type SlicedBench = {
  rows: Array<Record<string, string | number>>
  ratios: Record<string, number>
}

/**
 * The one-go build beside the sliced one (buildSearchEngine, DEFAULT_SLICE_CHARS), at 100 and 999
 * installments, `runs` of each, sizes and kinds interleaved; medians. Both check the parsed file and
 * build the engine (parsing is not timed); first results add `search(q).first(20)` for a phrase in one
 * body to the build.
 */
export async function slicedBench(runs: number, published = SEARCH_SIZES.map(publish)): Promise<SlicedBench> {
  const query = uniquePhrase(SAMPLE)
  const kinds = ['sync', 'sliced'] as const
  const samples = published.map(() => ({ sync: [] as BuildTimes[], sliced: [] as BuildTimes[] }))
  for (let r = 0; r < runs; r++)
    for (const s of r % 2 ? [1, 0] : [0, 1])
      for (const kind of r % 2 ? [...kinds].reverse() : kinds)
        samples[s][kind].push(
          kind === 'sync' ? syncBuild(published[s], query) : await slicedBuild(published[s], query),
        )
  const medianOf = (s: number, kind: (typeof kinds)[number], field: keyof BuildTimes) =>
    median(samples[s][kind].map((t) => t[field]))
  const rows = published.flatMap((p, s) =>
    kinds.map((kind) => ({
      installments: p.count,
      build: kind === 'sync' ? 'one go (validate + create)' : `sliced (${DEFAULT_SLICE_CHARS} chars)`,
      totalMs: round(medianOf(s, kind, 'totalMs'), 1),
      longestBlockMs: round(medianOf(s, kind, 'longestMs'), 1),
      worstBlockMs: round(Math.max(...samples[s][kind].map((t) => t.longestMs)), 1),
      slices: medianOf(s, kind, 'slices'),
      firstResultsMs: round(medianOf(s, kind, 'firstResultsMs'), 1),
    })),
  )
  const ratio = (a: number, b: number) => round(a / b, 2)
  const ratios: Record<string, number> = {}
  for (const kind of kinds)
    for (const field of ['totalMs', 'longestMs', 'firstResultsMs'] as const)
      ratios[`${kind} ${field}: 999 ÷ 100`] = ratio(medianOf(1, kind, field), medianOf(0, kind, field))
  published.forEach((p, s) => {
    for (const field of ['totalMs', 'longestMs', 'firstResultsMs'] as const)
      ratios[`${field} @ ${p.count}: sliced ÷ sync`] = ratio(
        medianOf(s, 'sliced', field),
        medianOf(s, 'sync', field),
      )
  })
  return { rows, ratios }
}

/** Both tables on one pair of published series. */
export async function searchBenches(runs: number, builds = 5) {
  const published = SEARCH_SIZES.map(publish)
  return { ...searchBench(runs, builds, published), sliced: await slicedBench(builds, published) }
}
