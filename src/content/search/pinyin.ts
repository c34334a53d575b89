/**
 * Pinyin matching for titles, names and tags. The CLI wrote each field's toneless syllables
 * ("cui qu cao"); here a Latin query matches them in full from any syllable's start ("cuiqu",
 * "quca") or as initials ("cqc"). Nothing here knows Chinese: the syllables came with the content.
 */
export type Span = { from: number; to: number }

const LATIN = /^[a-z0-9]+$/
/** One letter matches too much pinyin to help. */
const MIN_PINYIN = 2

export const isPinyinQuery = (word: string) => word.length >= MIN_PINYIN && LATIN.test(word)

/** Syllables i..j (inclusive) that the word spells, in full or as initials; null when none. */
export function matchPinyin(word: string, syllables: readonly string[]): Span | null {
  if (!isPinyinQuery(word) || syllables.length === 0) return null
  for (let i = 0; i < syllables.length; i++) {
    let rest = word
    for (let j = i; j < syllables.length && rest; j++) {
      const s = syllables[j]
      if (rest.length <= s.length) {
        if (s.startsWith(rest)) return { from: i, to: j }
        break
      }
      if (!rest.startsWith(s)) break
      rest = rest.slice(s.length)
    }
  }
  const initials = syllables.map((s) => s[0]).join('')
  const at = initials.indexOf(word)
  return at >= 0 ? { from: at, to: at + word.length - 1 } : null
}

const IDEOGRAPH = /[\u3007\u3400-\u9fff\uf900-\ufaff]/
const LETTER_OR_DIGIT = /[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/

/**
 * The characters of `text` that each syllable stands for, the way the CLI tokenised it: one per
 * ideograph, one per run of other characters holding a letter or digit. Null when the count differs
 * (a character without pinyin): then the whole field is marked.
 */
export function syllableRanges(text: string, syllables: number): Span[] | null {
  const ranges: Span[] = []
  // The letters and digits of the current run of non-ideographs: the part worth marking.
  let run: Span | null = null
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (IDEOGRAPH.test(ch)) {
      if (run) ranges.push(run)
      run = null
      ranges.push({ from: i, to: i + 1 })
    } else if (LETTER_OR_DIGIT.test(ch)) run = run ? { from: run.from, to: i + 1 } : { from: i, to: i + 1 }
    else if (/\s/.test(ch) && run) {
      // The CLI splits Latin runs at spaces too ("Elon Musk" is two syllables).
      ranges.push(run)
      run = null
    }
  }
  if (run) ranges.push(run)
  return ranges.length === syllables ? ranges : null
}
