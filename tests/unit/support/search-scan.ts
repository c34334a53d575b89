/**
 * The engine's promise, checked by brute force: what a scan of every field finds, in both languages,
 * for the search tests of either (a column with no English scans as its Chinese alone).
 */
import { blockText } from '../../../scripts/content/search-index'
import type { Installment, ManifestEntry } from '@/content/schema'
import type { SearchIndex } from '@/content/search/file'
import { fold, queryWords } from '@/content/search/fold'

export function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
}

/** Every text of an installment search looks at, both languages. */
export const searchable = (i: Installment): string[] => [
  i.title,
  i.interviewee.name,
  i.interviewee.role,
  i.interviewee.organization ?? '',
  ...i.tags,
  ...i.body.map(blockText),
  i.en?.title ?? '',
  ...Object.values(i.en?.interviewee ?? {}),
  ...(i.en?.tags ?? []),
  ...(i.en?.body ?? []).map(blockText),
]

/**
 * Every word is in the folded text of a field in either language, or spells a Chinese field's
 * pinyin: the engine's promise, checked by scanning.
 */
export function scanSearch(index: SearchIndex, manifest: readonly ManifestEntry[]) {
  const byId = new Map(index.installments.map((e) => [e.id, e]))
  const line = (p: { name: string; role: string; organization?: string }) =>
    [p.name, p.role, p.organization].filter(Boolean).join(' · ')
  const docs = manifest.map((entry) => {
    const indexed = byId.get(entry.id)
    const usable = indexed && indexed.sha256 === entry.sha256 ? indexed : null
    const en = entry.en
    return {
      id: entry.id,
      texts: [
        entry.title,
        line(entry.interviewee),
        ...entry.tags,
        en?.title ?? '',
        en?.interviewee ? line(en.interviewee) : '',
        ...(en?.tags ?? []),
        ...(usable?.blocks ?? []),
        ...(usable?.enBlocks ?? []),
      ].map(fold),
      pinyin: usable
        ? [usable.pinyin.title, usable.pinyin.name, ...usable.pinyin.tags].map((p) =>
            p.split(' ').filter(Boolean),
          )
        : [],
    }
  })
  const spells = (word: string, syllables: string[]) =>
    syllables.some((_, at) => syllables.slice(at).join('').startsWith(word)) ||
    syllables
      .map((s) => s[0])
      .join('')
      .includes(word)
  const matches = (doc: (typeof docs)[number], word: string) =>
    doc.texts.some((t) => t.includes(word)) ||
    (word.length >= 2 && /^[a-z0-9]+$/.test(word) && doc.pinyin.some((s) => spells(word, s)))
  return (query: string) => {
    const words = queryWords(query)
    return docs
      .filter((doc) => words.length > 0 && words.every((w) => matches(doc, w)))
      .map((doc) => doc.id)
      .sort()
  }
}

/** A small deterministic generator, so a failure can be replayed. */
export function random(seed: number) {
  let state = seed
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % n
  }
}
