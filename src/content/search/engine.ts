import type { ContentLang, EntryEn, ManifestEntry } from '../schema'
import type { SearchEntry, SearchIndex } from './file'
import { fold, queryWords } from './fold'
import { marksOf, occurrences, snippetOf, SNIPPET_CHARS, SNIPPET_CHARS_EN, type Mark } from './marks'
import { isPinyinQuery, matchPinyin, syllableRanges, type Span } from './pinyin'
import { contains, createPostings, intersect, union, type Postings } from './postings'

export type { Mark }
export type Field = 'title' | 'people' | 'tags' | 'body'
/** The language of a text searched: the Chinese original, or its English (`en` in the contract). */
/**
 * Where a match counts most: a title beats a name, a name a tag, a tag the body, in either language
 * (an English title is a title).
 */
const RANK: Record<Field, number> = { title: 0, people: 1, tags: 2, body: 3 }

/**
 * One installment that matches every word of the query, counted once whichever languages it matched
 * in. Every field is searched in Chinese and, where the installment has it, in English, whatever the
 * interface's language: the English title, people line and tags of the manifest entry's `en`, and the
 * English body blocks of the search file (`enBlocks`).
 *
 * The Chinese title and people line are always there, marked where they matched. Each English field
 * is there, marked, only when a word matched in it (null otherwise, or when the entry has no English
 * for it), so `titleEn ?? title` shows the title in the language the match was found in. A field can
 * match in both languages; then both are marked.
 */
export type SearchHit = {
  entry: ManifestEntry
  /** The best field any word matched in, in either language. */
  field: Field
  /** Matches in all fields together, in both languages. */
  hits: number
  /** The Chinese title and people line (name · role · organization). */
  title: Mark[]
  people: Mark[]
  /** The Chinese tags, joined with 、, when a word matched one. */
  tags: Mark[] | null
  /** The English title and people line (`entry.en`), when a word matched there. */
  titleEn: Mark[] | null
  peopleEn: Mark[] | null
  /** The English tags, joined with ", ", when a word matched one. */
  tagsEn: Mark[] | null
  /**
   * The best passage of the body in either language, when a word matched there; the block it is in
   * (the same index in `body` and `en.body`, which line up); and the language of that block.
   */
  snippet: Mark[] | null
  block: number | null
  snippetLang: ContentLang | null
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
  lang: ContentLang
  text: string
  /** The body block this is, for body text. */
  block: number | null
  /** The pinyin of the characters from offset 0 (the name in "name · role"), when it has some. */
  syllables: readonly string[] | null
  pinyinText: string
}

/**
 * An installment as searched: its fields' folded text in one string, NUL between fields (no query
 * holds one, so no match spans two), and where each field starts in it. Fields come in the order they
 * rank (each field's English right after its Chinese; body blocks in order, each block's Chinese then
 * its English), so the first occurrence of a word is in the best field it is in.
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
  return { field, lang: 'zh', text, block, syllables: syllablesOf(pinyin), pinyinText }
}

/** English text: no pinyin. */
const english = (field: Field, text: string, block: number | null = null): Segment => ({
  field,
  lang: 'en',
  text,
  block,
  syllables: null,
  pinyinText: text,
})

type Person = { name: string; role: string; organization?: string }
const lineOf = ({ name, role, organization }: Person) =>
  [name, role, organization].filter(Boolean).join(' · ')

/** The people line searched and shown: "name · role · organization". */
export const peopleLine = (entry: ManifestEntry): string => lineOf(entry.interviewee)

/** The same line in English, from the entry's `en`; null when it has no English interviewee. */
export const peopleLineEn = (en: EntryEn | undefined): string | null =>
  en?.interviewee ? lineOf(en.interviewee) : null

function docOf(entry: ManifestEntry, indexed: SearchEntry | undefined): Doc {
  const pinyin = indexed?.pinyin
  const { en } = entry
  const peopleEn = peopleLineEn(en)
  const segments = [
    segment('title', entry.title, null, pinyin?.title),
    ...(en?.title ? [english('title', en.title)] : []),
    segment('people', peopleLine(entry), null, pinyin?.name, entry.interviewee.name),
    ...(peopleEn ? [english('people', peopleEn)] : []),
    ...entry.tags.map((tag, i) => segment('tags', tag, null, pinyin?.tags[i])),
    ...(en?.tags ?? []).map((tag) => english('tags', tag)),
  ]
  const enBlocks = indexed?.enBlocks
  indexed?.blocks.forEach((text, block) => {
    if (text) segments.push(segment('body', text, block))
    const enText = enBlocks?.[block]
    if (enText) segments.push(english('body', enText, block))
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
/** How long a passage each language shows (marks.ts). */
const SNIPPET_LENGTH: Record<ContentLang, number> = { zh: SNIPPET_CHARS, en: SNIPPET_CHARS_EN }
/** How each language lists tags. */
const TAG_SEPARATOR: Record<ContentLang, string> = { zh: '、', en: ', ' }

/** What a result shows: built only for the results on screen; its rank and count from scoreDoc. */
function hitOf({ field, hits }: Scored, match: Match): SearchHit {
  const { segments } = match.doc
  const spansOf = (i: number) => match.spans.get(i) ?? NO_SPANS
  const indexOf = (f: Field, lang: ContentLang) =>
    segments.findIndex((seg) => seg.field === f && seg.lang === lang)
  /** A field's marks: always for the Chinese title and people, when a word matched for the rest. */
  const marksIn = (f: 'title' | 'people', lang: ContentLang, always: boolean) => {
    const i = indexOf(f, lang)
    return i >= 0 && (always || spansOf(i).length) ? marksOf(segments[i].text, spansOf(i)) : null
  }
  const tagsIn = (lang: ContentLang) => {
    const tagMarks = segments.flatMap((seg, i) =>
      seg.field === 'tags' && seg.lang === lang
        ? [{ marks: marksOf(seg.text, spansOf(i)), hit: spansOf(i).length > 0 }]
        : [],
    )
    return tagMarks.some((t) => t.hit)
      ? tagMarks.flatMap((t, i) => (i ? [{ text: TAG_SEPARATOR[lang], hit: false }, ...t.marks] : t.marks))
      : null
  }
  const best = bestPassage(match)
  return {
    entry: match.doc.entry,
    field,
    hits,
    title: marksIn('title', 'zh', true) ?? [],
    people: marksIn('people', 'zh', true) ?? [],
    tags: tagsIn('zh'),
    titleEn: marksIn('title', 'en', false),
    peopleEn: marksIn('people', 'en', false),
    tagsEn: tagsIn('en'),
    snippet:
      best >= 0 ? snippetOf(segments[best].text, spansOf(best), SNIPPET_LENGTH[segments[best].lang]) : null,
    block: best >= 0 ? segments[best].block : null,
    snippetLang: best >= 0 ? segments[best].lang : null,
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
 * Full-text search over the manifest's installments (in Chinese and, where the entry has `en`, in
 * English) and, where the search file has them, their bodies (with `enBlocks`, in both languages),
 * built in one go (buildSearchEngine in build.ts builds the same engine in slices). Without a
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
