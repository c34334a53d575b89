import type { Span } from './pinyin'

/** A piece of text, marked when it is part of a match (shown in bold). */
export type Mark = { text: string; hit: boolean }

/** Every occurrence of `word` in `folded`, not overlapping. */
export function occurrences(folded: string, word: string): Span[] {
  const spans: Span[] = []
  if (!word) return spans
  for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length))
    spans.push({ from: at, to: at + word.length })
  return spans
}

/** Sorted, with overlapping and touching spans joined. */
export function merge(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from || b.to - a.to)
  const out: Span[] = []
  for (const span of sorted) {
    const last = out[out.length - 1]
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to)
    else out.push({ ...span })
  }
  return out
}

/** `text` cut into marked and unmarked pieces, between `from` and `to`. */
export function marksOf(text: string, spans: readonly Span[], from = 0, to = text.length): Mark[] {
  const marks: Mark[] = []
  let at = from
  for (const span of merge(spans)) {
    const start = Math.max(span.from, from)
    const end = Math.min(span.to, to)
    if (end <= start) continue
    if (start > at) marks.push({ text: text.slice(at, start), hit: false })
    marks.push({ text: text.slice(start, end), hit: true })
    at = end
  }
  if (at < to) marks.push({ text: text.slice(at, to), hit: false })
  return marks
}

/**
 * Characters a snippet shows, and how many of them (a quarter) come before its first match. English
 * gets twice as many: a Latin letter is about half as wide as a Chinese character, so both fill the
 * same lines.
 */
export const SNIPPET_CHARS = 64
export const SNIPPET_CHARS_EN = 2 * SNIPPET_CHARS
export const ELLIPSIS = '…'

const isLowSurrogate = (text: string, i: number) => {
  const code = text.charCodeAt(i)
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * The passage of at most `chars` characters around the first match, with every match in it marked
 * and … where it was cut.
 */
export function snippetOf(text: string, spans: readonly Span[], chars = SNIPPET_CHARS): Mark[] {
  const first = merge(spans)[0]?.from ?? 0
  let from = Math.max(0, Math.min(first - Math.floor(chars / 4), text.length - chars))
  let to = Math.min(text.length, from + chars)
  // Never half an emoji.
  if (from > 0 && isLowSurrogate(text, from)) from--
  if (to < text.length && isLowSurrogate(text, to)) to++
  const marks = marksOf(text, spans, from, to)
  if (from > 0) marks.unshift({ text: ELLIPSIS, hit: false })
  if (to < text.length) marks.push({ text: ELLIPSIS, hit: false })
  return marks
}
