import { plainText } from '@/content/inline'
import type { Block } from '@/content/schema'
import { utf8Length } from '@/content/utf8'

/**
 * How a long body reaches the screen: a first stage small enough to paint at once, then follow-ups
 * sized to stay far below WeChat's setData limits. Sizes are estimated as the text's UTF-8 bytes plus
 * what Taro adds per block (node ids, template numbers, class names).
 */
export const FIRST_STAGE_BYTES = 12 * 1024
export const NEXT_STAGE_BYTES = 40 * 1024
/** Each stage renders as one container, and WeChat wants at most 60 children per node. */
export const MAX_STAGE_BLOCKS = 50
const PER_BLOCK_BYTES = 160

function estimate(block: Block): number {
  switch (block.type) {
    case 'divider':
      return PER_BLOCK_BYTES
    case 'image':
      return PER_BLOCK_BYTES + block.src.length + utf8Length(block.caption ?? '')
    case 'heading':
      return PER_BLOCK_BYTES + utf8Length(block.text)
    default: {
      const text = plainText(block.text)
      const runs = typeof block.text === 'string' ? 0 : block.text.length * 60
      return (
        PER_BLOCK_BYTES +
        runs +
        utf8Length(text) +
        ('cite' in block && block.cite ? utf8Length(block.cite) + 80 : 0)
      )
    }
  }
}

/**
 * Cumulative block counts: render blocks [0, stages[0]), then up to stages[1], and so on. With a
 * translation (parallel reading) each block comes with its twin: both count, in bytes and in children.
 */
export function renderStages(blocks: readonly Block[], translation?: readonly Block[] | null): number[] {
  const stages: number[] = []
  const perBlock = translation ? 2 : 1
  let budget = FIRST_STAGE_BYTES
  let used = 0
  let start = 0
  blocks.forEach((block, i) => {
    const twin = translation?.[i]
    const size = estimate(block) + (twin ? estimate(twin) : 0)
    if (used > 0 && (used + size > budget || (i - start) * perBlock >= MAX_STAGE_BLOCKS)) {
      stages.push(i)
      budget = NEXT_STAGE_BYTES
      used = 0
      start = i
    }
    used += size
  })
  stages.push(blocks.length)
  return stages
}
