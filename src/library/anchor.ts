/**
 * Finding a kept passage again after editors change an installment: by its fingerprint first (the
 * block moved), then by likeness (its text was touched up). Pure; no storage.
 */

/** Spacing is not what a reader kept: a re-flowed paragraph is the same passage. */
const normalise = (text: string) => text.replace(/\s+/g, '')

/** FNV-1a over the normalised text, with its length: short, stable and cheap on a phone. */
export function fingerprintOf(text: string): string {
  const plain = normalise(text)
  let hash = 0x811c9dc5
  for (let i = 0; i < plain.length; i++) {
    hash ^= plain.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return `${hash.toString(16).padStart(8, '0')}-${plain.length.toString(36)}`
}

/** How alike two passages are, 0..1: the Dice coefficient of their character pairs. */
export function likeness(a: string, b: string): number {
  const x = normalise(a)
  const y = normalise(b)
  if (x === y) return 1
  if (x.length < 2 || y.length < 2) return 0
  const pairs = new Map<string, number>()
  for (let i = 0; i < x.length - 1; i++) {
    const pair = x.slice(i, i + 2)
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1)
  }
  let shared = 0
  for (let i = 0; i < y.length - 1; i++) {
    const pair = y.slice(i, i + 2)
    const left = pairs.get(pair) ?? 0
    if (left > 0) {
      shared++
      pairs.set(pair, left - 1)
    }
  }
  return (2 * shared) / (x.length - 1 + (y.length - 1))
}

/** A passage this alike still counts as the one kept: a corrected typo or a reworded clause, not a new paragraph. */
export const SAME_PASSAGE = 0.75

type Kept = {
  block: number
  fingerprint: string
  text: string
  /** The fingerprint of the touched-up block it was last found at by likeness, if it was. */
  at?: string
}

export type Anchor = { block: number; exact: boolean }

/**
 * Where the kept passage is in the body now, or null when it has gone: `exact` when the block holds
 * the very text kept. `prints` are the blocks' fingerprints, computed once per body by the caller.
 */
export function anchorOf(
  kept: Kept,
  blockTexts: readonly string[],
  prints: readonly string[] = blockTexts.map(fingerprintOf),
): Anchor | null {
  const here = prints[kept.block]
  // Still where it was, as kept or as last found: no scan at all.
  if (here !== undefined && (here === kept.fingerprint || here === kept.at))
    return { block: kept.block, exact: here === kept.fingerprint }
  const distance = (block: number) => Math.abs(block - kept.block)
  let exact = -1
  prints.forEach((print, block) => {
    if (print === kept.fingerprint && (exact < 0 || distance(block) < distance(exact))) exact = block
  })
  if (exact >= 0) return { block: exact, exact: true }
  let best: { block: number; score: number } | null = null
  for (let block = 0; block < blockTexts.length; block++) {
    const score = likeness(kept.text, blockTexts[block])
    if (score < SAME_PASSAGE) continue
    if (!best || score > best.score || (score === best.score && distance(block) < distance(best.block)))
      best = { block, score }
  }
  return best ? { block: best.block, exact: false } : null
}
