/**
 * English translations in the editors' folder: `<name>.en.md` beside `<name>.md`, with no front matter,
 * block for block with the Chinese body. This checks the alignment the way an editor fixes it: every
 * problem is `file:line` in the English file, naming the Chinese block it should match, with its own
 * `file:line` and the start of its line.
 *
 * The two bodies are lined up with the fewest edits (a block paired with another, one missing, one
 * extra), so a block left out in the middle is one problem, not a wrong type at every block after it.
 * Bodies that differ only in the type of some blocks pair index by index.
 */
import path from 'node:path'

import type { Block } from '../../src/content/schema'
import type { PendingImage } from './markdown'

export const EN_SUFFIX = '.en.md'

/** `03-catalyst.en.md` is a translation; `03-catalyst.md` is what it translates. */
export const isTranslation = (name: string) => name.toLowerCase().endsWith(EN_SUFFIX)
export const translationOf = (name: string) => name.replace(/\.md$/i, EN_SUFFIX)
export const originalOf = (name: string) => `${name.slice(0, -EN_SUFFIX.length)}.md`

type SourceBlock = Block | PendingImage

/** One side of the comparison: a file's name, its lines, and its body's blocks with their lines. */
export type AlignedSide = {
  name: string
  lines: readonly string[]
  blocks: readonly SourceBlock[]
  /** `at[i]`: the line `blocks[i]` starts on. */
  at: readonly number[]
}

/** How many characters of a Chinese line a message quotes: enough to find it. */
const EXCERPT = 9

const kindOf = (block: SourceBlock) =>
  block.type === 'heading' ? `h${block.level}` : block.type === 'pending-image' ? 'image' : block.type

/** `a paragraph`, `an answer`, `a ## heading`, `an image`. */
export function describe(block: SourceBlock): string {
  switch (block.type) {
    case 'heading':
      return `a ${'#'.repeat(block.level)} heading`
    case 'pending-image':
    case 'image':
      return 'an image'
    case 'answer':
      return 'an answer'
    default:
      return `a ${block.type}`
  }
}

const pictureOf = (block: SourceBlock) =>
  block.type !== 'pending-image'
    ? null
    : /^[a-z]+:/i.test(block.ref.src)
      ? block.ref.src
      : path.posix.normalize(block.ref.src)

/** Where a block is and what it is: `03-catalyst.md:22` and `an answer (答：汽车排气管里有…)`. */
function blockAt(side: AlignedSide, i: number): { where: string; what: string } {
  const line = side.at[i]
  const text = [...(side.lines[line - 1] ?? '').trim()]
  const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT).join('')}…` : text.join('')
  return { where: `${side.name}:${line}`, what: `${describe(side.blocks[i])} (${excerpt})` }
}

/** `03-catalyst.md:22 has an answer (答：…)` */
function has(side: AlignedSide, i: number): string {
  const { where, what } = blockAt(side, i)
  return `${where} has ${what}`
}

/** `03-catalyst.md:22, an answer (答：…)` */
function named(side: AlignedSide, i: number): string {
  const { where, what } = blockAt(side, i)
  return `${where}, ${what}`
}

/** The last line with something on it, where a file that ends early ends. */
function lastLine(side: AlignedSide): number {
  for (let i = side.lines.length; i > 0; i--) if (side.lines[i - 1].trim()) return i
  return 1
}

/** A Chinese block `i` and an English block `j` paired; or one missing from the English, or one extra. */
type Step = { op: 'pair' | 'missing' | 'extra'; i: number; j: number }

/** The fewest edits that turn the Chinese blocks' kinds into the English ones; pairs first on a tie. */
function steps(zh: readonly string[], en: readonly string[]): Step[] {
  const n = zh.length
  const m = en.length
  // cost[i][j]: edits to line up zh[i..] with en[j..].
  const cost = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: m + 1 }, (_, j) => (i === n ? m - j : j === m ? n - i : 0)),
  )
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      cost[i][j] = Math.min(
        cost[i + 1][j + 1] + (zh[i] === en[j] ? 0 : 1),
        cost[i + 1][j] + 1,
        cost[i][j + 1] + 1,
      )
  const out: Step[] = []
  let [i, j] = [0, 0]
  while (i < n || j < m) {
    if (i < n && j < m && cost[i][j] === cost[i + 1][j + 1] + (zh[i] === en[j] ? 0 : 1))
      out.push({ op: 'pair', i: i++, j: j++ })
    else if (i < n && (j === m || cost[i][j] === cost[i + 1][j] + 1)) out.push({ op: 'missing', i: i++, j })
    else out.push({ op: 'extra', i, j: j++ })
  }
  return out
}

/**
 * Every way `en` is not block for block with `zh`, as `file:line: message` in the English file: a
 * block of another type (or a heading of another level), another picture, blocks missing (the
 * English ends early, or leaves one out), blocks the Chinese does not have.
 */
export function alignmentProblems(zh: AlignedSide, en: AlignedSide): string[] {
  const problems: string[] = []
  const all = steps(zh.blocks.map(kindOf), en.blocks.map(kindOf))
  for (let s = 0; s < all.length; s++) {
    const step = all[s]
    if (step.op === 'pair') {
      const [z, e] = [zh.blocks[step.i], en.blocks[step.j]]
      const where = `${en.name}:${en.at[step.j]}`
      if (kindOf(z) !== kindOf(e)) problems.push(`${where}: ${describe(e)}, where ${has(zh, step.i)}`)
      else if (pictureOf(z) !== pictureOf(e))
        problems.push(
          `${where}: the image ${pictureOf(e)}, where ${zh.name}:${zh.at[step.i]} has ${pictureOf(z)}; a translation shows the same pictures`,
        )
      continue
    }
    // A run of missing (or extra) blocks is one problem, at its first.
    let count = 1
    while (all[s + count]?.op === step.op) count++
    s += count - 1
    const others = count === 1 ? '' : count === 2 ? ' and 1 more block' : ` and ${count - 1} more blocks`
    if (step.op === 'missing') {
      problems.push(
        step.j < en.blocks.length
          ? `${en.name}:${en.at[step.j]}: ${count === 1 ? 'a block is' : `${count} blocks are`} missing before this one: ${has(zh, step.i)}${others && `${others} after it`}`
          : `${en.name}:${lastLine(en)}: the English ends here, but ${has(zh, step.i)} next${others && `${others} after it`}`,
      )
      continue
    }
    const what = `${describe(en.blocks[step.j])}${others}`
    const last = zh.blocks.length - 1
    problems.push(
      `${en.name}:${en.at[step.j]}: ${what} that ${zh.name} does not have, ${
        step.i > last
          ? `past its end (its last block: ${named(zh, last)})`
          : step.i === 0
            ? `before ${named(zh, 0)}`
            : `between ${named(zh, step.i - 1)} and ${named(zh, step.i)}`
      }`,
    )
  }
  return problems
}
