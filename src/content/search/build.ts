import * as v from 'valibot'

import { SCHEMA_VERSION, type ManifestEntry } from '../schema'
import { check, formatIssues, type Issue } from '../validate'
import { createEngineBuilder, peopleLine, peopleLineEn, type SearchEngine } from './engine'
import { duplicateProblems, searchEntrySchema, type SearchEntry } from './file'
import { runInSlices, type Step } from './slices'

/**
 * What the build costs a character depends on the prose more than on anything else: every pair of
 * characters not seen before is a new posting list. On prose drawn from a few thousand characters, as
 * interviews are (tests/fixtures/real-size.ts), Node takes 400–750 ns a character (632,000 in 260–480
 * ms); on the generated series' few dozen sentences, about 60 ns. 20,000 characters of real prose are
 * some 8–10 ms in Node, so 40–60 ms on a phone several times slower, which leaves room under 100 ms
 * for a garbage collection landing in the slice. Larger slices went past 15 ms in Node; smaller ones
 * mostly add pauses (about 1 ms each in Node) to the total.
 */
export const DEFAULT_SLICE_CHARS = 20_000

export type BuildOptions = {
  /** Called between two slices: yields to the event loop (platform/yield.ts pauseForUi). */
  pause: () => Promise<void>
  /** The most characters of text a slice processes; an installment longer than that is a slice alone. */
  sliceChars?: number
  /** After each slice: characters processed so far, and in all. */
  onProgress?: (done: number, total: number) => void
}

export type BuildResult = { kind: 'ok'; engine: SearchEngine } | { kind: 'bad-data'; problems: string[] }

type Path = Issue['path']

/** An installment entry as read, not yet checked: where it is, and where its problems go in the list. */
type RawEntry = { value: unknown; path: Path; slot: number; checked?: SearchEntry | null }

/** Problems by slot: a part's own before its entries', entries in file order, as valibot lists them. */
type Problems = { slots: string[][]; any: boolean }

const report = (problems: Problems, slot: number, at: Path, issues: readonly Issue[]) => {
  if (!issues.length) return
  problems.slots[slot] = formatIssues(issues.map((issue) => ({ ...issue, path: [...at, ...issue.path] })))
  problems.any = true
}

/** A file's shape without its entries, so each entry can be checked in a slice of its own. */
const shapeSchema = v.object({
  schemaVersion: v.literal(SCHEMA_VERSION),
  installments: v.array(v.unknown()),
})

const NO_PARTS = 'Expected a search file, or an array of at least one part'

/** Every part's shape checked, in one go (no text is read), and every entry listed in order. */
function readParts(raw: unknown, problems: Problems): RawEntry[] {
  const parts = Array.isArray(raw)
    ? raw.map((value, k) => ({ value, at: ['parts', k] }))
    : [{ value: raw, at: [] }]
  if (!parts.length) report(problems, 0, [], [{ path: [], message: NO_PARTS }])
  const entries: RawEntry[] = []
  let slot = 0
  for (const { value, at } of parts) {
    const shape = check(shapeSchema, value)
    report(problems, slot++, at, shape.ok ? [] : shape.issues)
    const list = isRecord(value) && Array.isArray(value.installments) ? (value.installments as unknown[]) : []
    list.forEach((entry, i) => entries.push({ value: entry, path: [...at, 'installments', i], slot: slot++ }))
  }
  return entries
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

const idOf = (value: unknown) => (isRecord(value) && typeof value.id === 'string' ? value.id : null)

const charsIn = (texts: unknown): number => {
  let chars = 0
  if (Array.isArray(texts)) for (const text of texts) if (typeof text === 'string') chars += text.length
  return chars
}

/** The characters of an entry's body text, both languages, read without trusting its shape. */
const textChars = (value: unknown): number =>
  isRecord(value) ? charsIn(value.blocks) + charsIn(value.enBlocks) : 0

/** The characters of what the engine reads of a manifest entry besides its body, both languages. */
function metadataChars(entry: ManifestEntry): number {
  const { en } = entry
  return (
    entry.title.length +
    peopleLine(entry).length +
    charsIn(entry.tags) +
    (en ? (en.title?.length ?? 0) + (peopleLineEn(en)?.length ?? 0) + charsIn(en.tags) : 0)
  )
}

function checkEntry(entry: RawEntry, problems: Problems): SearchEntry | null {
  if (entry.checked !== undefined) return entry.checked
  const result = check(searchEntrySchema, entry.value)
  report(problems, entry.slot, entry.path, result.ok ? [] : result.issues)
  entry.checked = result.ok ? result.value : null
  return entry.checked
}

/**
 * The search engine for `entries` built without freezing the page: the same engine as
 * createSearchEngine, with the caller's `pause` between two slices of at most `sliceChars` characters.
 * `raw` is the parsed search file, unchecked, or its parts (search files whose installments are read
 * one after the other), so that parts read from separate files need not be joined in one go.
 *
 * Installments are taken in the manifest's order (postings need it), each entry checked just before
 * its installment is added; entries no installment names are checked after them. A problem stops the
 * build but not the checking, so every problem validateSearchIndex would report is reported, in its
 * order and words (under `parts[k].` for parts), and no engine is made. An id listed twice is seen
 * before anything is built, and then nothing is.
 */
export async function buildSearchEngine(
  entries: readonly ManifestEntry[],
  raw: unknown,
  options: BuildOptions,
): Promise<BuildResult> {
  const problems: Problems = { slots: [], any: false }
  const listed = readParts(raw, problems)
  const ids = listed.map((e) => idOf(e.value)).filter((id): id is string => id !== null)
  const doubled = duplicateProblems(ids)
  const byId = new Map<string, RawEntry>()
  for (const entry of [...listed].reverse()) {
    const id = idOf(entry.value)
    if (id !== null) byId.set(id, entry)
  }

  const builder = createEngineBuilder()
  const unnamed = new Set(listed)
  const steps: Step[] = entries.map((entry) => {
    const found = byId.get(entry.id)
    if (found) unnamed.delete(found)
    return {
      work: metadataChars(entry) + (found ? textChars(found.value) : 0),
      run() {
        const indexed = found ? checkEntry(found, problems) : null
        if (!problems.any && !doubled.length) builder.add(entry, indexed ?? undefined)
      },
    }
  })
  for (const entry of unnamed)
    steps.push({ work: textChars(entry.value), run: () => checkEntry(entry, problems) })
  const { pause, onProgress, sliceChars = DEFAULT_SLICE_CHARS } = options
  await runInSlices(steps, { budget: sliceChars, pause, onProgress })

  if (problems.any) return { kind: 'bad-data', problems: problems.slots.flat() }
  if (doubled.length) return { kind: 'bad-data', problems: doubled }
  return { kind: 'ok', engine: builder.engine() }
}
