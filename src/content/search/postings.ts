/**
 * Which installments hold which pairs of characters: built on the device from the search file's text
 * (publishing the pairs would make the file several times larger than the text). A word of two or
 * more characters can only be in an installment that has every pair it is made of, so a query reads
 * a handful of short lists instead of scanning every body.
 */
export type Postings = {
  /**
   * Adds every character and pair of neighbouring characters of each text to installment `doc`. Each
   * installment is added once, in ascending order; pairs never span two texts.
   */
  add: (doc: number, texts: readonly string[]) => void
  /** Installments that may hold `word` (a superset, in ascending order); every one that does is there. */
  candidates: (word: string) => number[]
}

function push(map: Map<number, number[]>, key: number, doc: number): void {
  const list = map.get(key)
  if (!list) map.set(key, [doc])
  else if (list[list.length - 1] !== doc) list.push(doc)
}

export function contains(sorted: readonly number[], value: number): boolean {
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
 * Characters get small numbers in the order first seen (a table indexed by UTF-16 unit), so a pair's
 * key (first × 2^15 + second) stays a small integer, which engines store and hash far faster than a
 * 32-bit one. Past 2^15 distinct characters (never in Chinese prose) pairs share keys: candidates
 * grow, nothing is missed.
 */
const CHAR_BITS = 15
const CHAR_MASK = (1 << CHAR_BITS) - 1

export function createPostings(): Postings {
  /** UTF-16 unit → its number + 1 (0: not seen). */
  const ids = new Int32Array(0x10000)
  let seen = 0
  const singles: number[][] = []
  /** By first character's number: second character's number → installments. */
  const pairs: Array<Map<number, number[]>> = []

  const idOf = (code: number) => {
    if (ids[code] === 0) ids[code] = (seen++ & CHAR_MASK) + 1
    return ids[code] - 1
  }
  const pairList = (word: string, i: number) => {
    const first = ids[word.charCodeAt(i)]
    const second = ids[word.charCodeAt(i + 1)]
    return first === 0 || second === 0 ? undefined : pairs[first - 1]?.get(second - 1)
  }

  return {
    add(doc, texts) {
      for (const text of texts) {
        let previous = -1
        for (let i = 0; i < text.length; i++) {
          const id = idOf(text.charCodeAt(i))
          const list = singles[id]
          if (!list) singles[id] = [doc]
          else if (list[list.length - 1] !== doc) list.push(doc)
          if (previous >= 0) push((pairs[previous] ??= new Map()), id, doc)
          previous = id
        }
      }
    },
    candidates(word) {
      if (word.length === 0) return NONE
      if (word.length === 1) {
        const id = ids[word.charCodeAt(0)]
        return id === 0 ? NONE : (singles[id - 1] ?? NONE)
      }
      // A word of n characters has n - 1 pairs; a missing one ends the search early.
      const lists = new Set<number[]>()
      for (let i = 0; i + 1 < word.length; i++) {
        const list = pairList(word, i)
        if (!list) return NONE
        lists.add(list)
      }
      return intersect([...lists])
    },
  }
}
