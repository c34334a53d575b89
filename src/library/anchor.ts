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

type Kept = { block: number; fingerprint: string; text: string }

/** Where the kept passage is in the body now (a block index), or null when it has gone. */
export function anchorOf(kept: Kept, blockTexts: readonly string[]): number | null {
  if (blockTexts[kept.block] !== undefined && fingerprintOf(blockTexts[kept.block]) === kept.fingerprint)
    return kept.block
  const nearest = (a: number, b: number) => Math.abs(a - kept.block) - Math.abs(b - kept.block)
  const exact = blockTexts
    .map((text, i) => (fingerprintOf(text) === kept.fingerprint ? i : -1))
    .filter((i) => i >= 0)
    .sort(nearest)
  if (exact.length) return exact[0]
  let best: { block: number; score: number } | null = null
  for (let block = 0; block < blockTexts.length; block++) {
    const score = likeness(kept.text, blockTexts[block])
    if (score < SAME_PASSAGE) continue
    if (!best || score > best.score || (score === best.score && nearest(block, best.block) < 0))
      best = { block, score }
  }
  return best?.block ?? null
}
