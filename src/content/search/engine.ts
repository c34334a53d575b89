import type { ManifestEntry } from '../schema'
import type { SearchEntry, SearchIndex } from './file'
import { fold, queryWords } from './fold'
import { marksOf, occurrences, snippetOf, type Mark } from './marks'
import { isPinyinQuery, matchPinyin, syllableRanges, type Span } from './pinyin'
import { contains, createPostings, intersect, union, type Postings } from './postings'

export type { Mark }
export type Field = 'title' | 'people' | 'tags' | 'body'
/** Where a match counts most: a title beats a name, a name a tag, a tag the body. */
const RANK: Record<Field, number> = { title: 0, people: 1, tags: 2, body: 3 }

/** One installment that matches every word of the query. */
export type SearchHit = {
  entry: ManifestEntry
  /** The best field any word matched in. */
  field: Field
  /** Matches in all fields together. */
  hits: number
  title: Mark[]
  people: Mark[]
  /** The tags, when a word matched one. */
  tags: Mark[] | null
  /** The best passage of the body, when a word matched there, and the block it is in. */
  snippet: Mark[] | null
  block: number | null
}

/** Every installment that matched, ranked; each result's marks are made when it is first shown. */
export type SearchResults = { count: number; first: (n: number) => SearchHit[] }

export type SearchEngine = {
  search: (query: string) => SearchResults
  /** Installments whose body is searched (an index entry for another edition of a body is not). */
  bodies: number
  installments: number
}

type Segment = {
  field: Field
  text: string
  /** The body block this is, for body text. */
  block: number | null
  /** The pinyin of the characters from offset 0 (the name in "name · role"), when it has some. */
  syllables: readonly string[] | null
  pinyinText: string
}

/**
 * An installment as searched: its fields' folded text in one string, NUL between fields (no query
 * holds one, so no match spans two), and where each field starts in it.
 */
type Doc = { entry: ManifestEntry; segments: Segment[]; folded: string; starts: number[] }

const SEPARATOR = '\u0000'
const syllablesOf = (pinyin: string | undefined) => (pinyin ? pinyin.split(' ').filter(Boolean) : null)

function segment(
  field: Field,
  text: string,
  block: number | null = null,
  pinyin?: string,
  pinyinText = text,
): Segment {
  return { field, text, block, syllables: syllablesOf(pinyin), pinyinText }
}

export function peopleLine(entry: ManifestEntry): string {
  const { name, role, organization } = entry.interviewee
  return [name, role, organization].filter(Boolean).join(' · ')
}

function docOf(entry: ManifestEntry, indexed: SearchEntry | undefined): Doc {
  const pinyin = indexed?.pinyin
  const segments = [
    segment('title', entry.title, null, pinyin?.title),
    segment('people', peopleLine(entry), null, pinyin?.name, entry.interviewee.name),
    ...entry.tags.map((tag, i) => segment('tags', tag, null, pinyin?.tags[i])),
  ]
  indexed?.blocks.forEach((text, block) => {
    if (text) segments.push(segment('body', text, block))
  })
  const starts: number[] = []
  let at = 0
  for (const seg of segments) {
    starts.push(at)
    at += seg.text.length + SEPARATOR.length
  }
  return { entry, segments, starts, folded: fold(segments.map((seg) => seg.text).join(SEPARATOR)) }
}

/** Where the query matched in one installment, segment by segment: the spans, and how many words. */
type Match = { doc: Doc; spans: Map<number, Span[]>; words: Map<number, number> }

const addTo = <T>(map: Map<number, T[]>, key: number, values: readonly T[]) => {
  const list = map.get(key)
  if (list) list.push(...values)
  else map.set(key, [...values])
}

/** The characters a pinyin match spells; the whole name or field when they cannot be lined up. */
function pinyinSpan(seg: Segment, spelled: Span): Span {
  const ranges = syllableRanges(seg.pinyinText, seg.syllables?.length ?? 0)
  return ranges
    ? { from: ranges[spelled.from].from, to: ranges[spelled.to].to }
    : { from: 0, to: seg.pinyinText.length }
}

/** Every word's matches in `doc` (one scoreDoc found), for the marks and passage of a shown result. */
function matchDoc(doc: Doc, words: readonly string[]): Match {
  const spans = new Map<number, Span[]>()
  const wordsIn = new Map<number, number>()
  for (const word of words) {
    const segmentsHit = new Set<number>()
    let s = 0
    for (const span of occurrences(doc.folded, word)) {
      while (s + 1 < doc.starts.length && doc.starts[s + 1] <= span.from) s++
      const start = doc.starts[s]
      addTo(spans, s, [{ from: span.from - start, to: span.to - start }])
      segmentsHit.add(s)
    }
    if (isPinyinQuery(word))
      doc.segments.forEach((seg, i) => {
        // A Latin word written in the field is matched as written, not once more as its pinyin.
        const spelled = seg.syllables && !segmentsHit.has(i) ? matchPinyin(word, seg.syllables) : null
        if (!spelled) return
        addTo(spans, i, [pinyinSpan(seg, spelled)])
        segmentsHit.add(i)
      })
    for (const i of segmentsHit) wordsIn.set(i, (wordsIn.get(i) ?? 0) + 1)
  }
  return { doc, spans, words: wordsIn }
}

/** The body passage with the most of the query's words, then the most matches, then the earliest. */
function bestPassage(match: Match): number {
  let best = -1
  for (const [i, spans] of match.spans) {
    if (match.doc.segments[i].field !== 'body') continue
    const words = match.words.get(i) ?? 0
    const bestWords = best < 0 ? -1 : (match.words.get(best) ?? 0)
    const bestSpans = best < 0 ? -1 : (match.spans.get(best)?.length ?? 0)
    if (
      words > bestWords ||
      (words === bestWords && (spans.length > bestSpans || (spans.length === bestSpans && i < best)))
    )
      best = i
  }
  return best
}

const NO_SPANS: Span[] = []

/** What a result shows: built only for the results on screen; its rank and count from scoreDoc. */
function hitOf({ field, hits }: Scored, match: Match): SearchHit {
  const { segments } = match.doc
  const spansOf = (i: number) => match.spans.get(i) ?? NO_SPANS
  const tagMarks = segments.flatMap((seg, i) =>
    seg.field === 'tags' ? [{ marks: marksOf(seg.text, spansOf(i)), hit: spansOf(i).length > 0 }] : [],
  )
  const tags = tagMarks.some((t) => t.hit)
    ? tagMarks.flatMap((t, i) => (i ? [{ text: '、', hit: false }, ...t.marks] : t.marks))
    : null
  const best = bestPassage(match)
  return {
    entry: match.doc.entry,
    field,
    hits,
    title: marksOf(segments[0].text, spansOf(0)),
    people: marksOf(segments[1].text, spansOf(1)),
    tags,
    snippet: best >= 0 ? snippetOf(segments[best].text, spansOf(best)) : null,
    block: best >= 0 ? segments[best].block : null,
  }
}

/** An installment's rank for a query: its best field and how many matches, counted, nothing built. */
type Scored = { doc: Doc; field: Field; hits: number }
type Word = { word: string; inText: readonly number[]; spelled: readonly number[] }

/** The field of the segment that holds offset `at` of the folded text. */
function fieldAt(doc: Doc, at: number): Field {
  let low = 0
  let high = doc.starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (doc.starts[mid] <= at) low = mid
    else high = mid - 1
  }
  return doc.segments[low].field
}

/**
 * Whether `word` is written in segment `i` (its folded text). Searched backwards from the segment's
 * end: segments with pinyin come first, so this never reads the body.
 */
function writtenIn(doc: Doc, i: number, word: string): boolean {
  const start = doc.starts[i]
  return doc.folded.lastIndexOf(word, start + doc.segments[i].text.length - word.length) >= start
}

function scoreDoc(doc: Doc, d: number, words: readonly Word[]): Scored | null {
  let field: Field = 'body'
  let hits = 0
  for (const { word, inText, spelled } of words) {
    let found: Field | null = null
    // Text first: the first occurrence is in the best field, since fields come title first.
    let at = contains(inText, d) ? doc.folded.indexOf(word) : -1
    if (at >= 0) found = fieldAt(doc, at)
    for (; at >= 0; at = doc.folded.indexOf(word, at + word.length)) hits++
    if (contains(spelled, d))
      doc.segments.forEach((seg, i) => {
        if (!seg.syllables || writtenIn(doc, i, word) || !matchPinyin(word, seg.syllables)) return
        hits++
        if (found === null || RANK[seg.field] < RANK[found]) found = seg.field
      })
    if (found === null) return null
    if (RANK[found] < RANK[field]) field = found
  }
  return { doc, field, hits }
}

const byRank = (a: Scored, b: Scored) =>
  RANK[a.field] - RANK[b.field] || b.hits - a.hits || b.doc.entry.number - a.doc.entry.number

const NONE: number[] = []
const NO_RESULTS: SearchResults = { count: 0, first: () => [] }

/** The installments' docs and postings as far as they are built; the engine searches them as they are. */
type Built = { docs: Doc[]; text: Postings; pinyin: Postings }

/**
 * Adds installments one at a time, in the manifest's order (postings need ascending doc numbers), so
 * that the build can be cut into slices between two calls (build.ts); createSearchEngine adds them
 * all in one go. An index entry counts only for the body edition it was made from, so a stale file
 * never points a reader at a passage that is no longer there.
 */
export type EngineBuilder = {
  add: (entry: ManifestEntry, indexed: SearchEntry | undefined) => void
  engine: () => SearchEngine
}

export function createEngineBuilder(): EngineBuilder {
  const built: Built = { docs: [], text: createPostings(), pinyin: createPostings() }
  return {
    add(entry, indexed) {
      const doc = docOf(entry, indexed && indexed.sha256 === entry.sha256 ? indexed : undefined)
      const d = built.docs.push(doc) - 1
      built.text.add(d, doc.folded.split(SEPARATOR))
      built.pinyin.add(
        d,
        doc.segments.flatMap((seg) =>
          seg.syllables?.length ? [seg.syllables.join(''), seg.syllables.map((s) => s[0]).join('')] : [],
        ),
      )
    },
    engine: () => engineOf(built),
  }
}

function engineOf({ docs, text, pinyin }: Built): SearchEngine {
  return {
    bodies: docs.filter((d) => d.segments.some((s) => s.field === 'body')).length,
    installments: docs.length,
    search(query) {
      const words = queryWords(query).map((word) => {
        const inText = text.candidates(word)
        const spelled = isPinyinQuery(word) ? pinyin.candidates(word) : NONE
        return { word, inText, spelled, any: spelled.length ? union(inText, spelled) : inText }
      })
      if (!words.length) return NO_RESULTS
      // Only installments that may hold every word are read; the rarest word bounds the work. Each is
      // ranked by counting alone: marks and passages are made only for the results shown.
      const scored: Scored[] = []
      for (const d of intersect(words.map((w) => w.any))) {
        const score = scoreDoc(docs[d], d, words)
        if (score) scored.push(score)
      }
      scored.sort(byRank)
      const shown: SearchHit[] = []
      const plain = words.map((w) => w.word)
      return {
        count: scored.length,
        first(n) {
          for (let i = shown.length; i < Math.min(n, scored.length); i++)
            shown.push(hitOf(scored[i], matchDoc(scored[i].doc, plain)))
          return shown.slice(0, n)
        },
      }
    },
  }
}

/**
 * Full-text search over the manifest's installments and, where the search file has them, their
 * bodies, built in one go (buildSearchEngine in build.ts builds the same engine in slices). Without a
 * search file (`index` null) it searches titles, people and tags only.
 */
export function createSearchEngine(
  entries: readonly ManifestEntry[],
  index: SearchIndex | null,
): SearchEngine {
  const indexed = new Map((index?.installments ?? []).map((e) => [e.id, e]))
  const builder = createEngineBuilder()
  for (const entry of entries) builder.add(entry, indexed.get(entry.id))
  return builder.engine()
}
