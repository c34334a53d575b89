/**
 * Which installments hold which pairs of characters: built on the device from the search file's text
 * (publishing the pairs would make the file several times larger than the text). A word of two or
 * more characters can only be in an installment that has every pair it is made of, so a query reads
 * a handful of short lists instead of scanning every body.
 */
export type Postings = {
  /** Adds every character and pair of characters in `text` to installment `doc` (docs come in order). */
  add: (doc: number, text: string) => void
  /** Installments that may hold `word` (a superset, in ascending order); every one that does is there. */
  candidates: (word: string) => number[]
}

function push(map: Map<number, number[]>, key: number, doc: number): void {
  const list = map.get(key)
  if (!list) map.set(key, [doc])
  else if (list[list.length - 1] !== doc) list.push(doc)
}

function contains(sorted: readonly number[], value: number): boolean {
  let low = 0
  let high = sorted.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    if (sorted[mid] === value) return true
    if (sorted[mid] < value) low = mid + 1
    else high = mid - 1
  }
  return false
}

/** Shortest list first, each later one only looked up: the cost follows the rarest pair, not the series. */
export function intersect(lists: ReadonlyArray<readonly number[]>): number[] {
  if (lists.length === 0) return []
  const [shortest, ...rest] = [...lists].sort((a, b) => a.length - b.length)
  return shortest.filter((doc) => rest.every((list) => contains(list, doc)))
}

export function union(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j]
    if (i < a.length && a[i] === next) i++
    if (j < b.length && b[j] === next) j++
    out.push(next)
  }
  return out
}

const NONE: number[] = []

/**
 * Characters get small numbers in the order first seen, so a pair's key (first × 2^15 + second) stays
 * a small integer, which engines store and hash far faster than a 32-bit one. Past 2^15 distinct
 * characters (never in Chinese prose) pairs share keys: candidates grow, nothing is missed.
 */
const CHAR_BITS = 15
const CHAR_MASK = (1 << CHAR_BITS) - 1

export function createPostings(): Postings {
  const singles = new Map<number, number[]>()
  const pairs = new Map<number, number[]>()
  const ids = new Map<number, number>()
  const idOf = (code: number) => {
    let id = ids.get(code)
    if (id === undefined) ids.set(code, (id = ids.size & CHAR_MASK))
    return id
  }
  const pairKey = (text: string, i: number) => {
    const first = ids.get(text.charCodeAt(i))
    const second = ids.get(text.charCodeAt(i + 1))
    return first === undefined || second === undefined ? -1 : (first << CHAR_BITS) | second
  }
  return {
    add(doc, text) {
      let previous = -1
      for (let i = 0; i < text.length; i++) {
        const id = idOf(text.charCodeAt(i))
        push(singles, id, doc)
        if (previous >= 0) push(pairs, (previous << CHAR_BITS) | id, doc)
        previous = id
      }
    },
    candidates(word) {
      if (word.length === 0) return NONE
      if (word.length === 1) return singles.get(ids.get(word.charCodeAt(0)) ?? -1) ?? NONE
      const lists: number[][] = []
      // Each distinct pair once: a long word repeats pairs, and a missing one ends the search early.
      const seen = new Set<number>()
      for (let i = 0; i + 1 < word.length; i++) {
        const key = pairKey(word, i)
        if (key < 0) return NONE
        if (seen.has(key)) continue
        seen.add(key)
        const list = pairs.get(key)
        if (!list) return NONE
        lists.push(list)
      }
      return intersect(lists)
    },
  }
}
