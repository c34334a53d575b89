/**
 * The quote card's layout and drawing for a 300-character passage, in Node on the recording context
 * of the unit tests (tests/unit/support/card-context.ts): the line breaking, the font-size fitting and
 * every drawing call, not the rasterising a real canvas does, nor the PNG export.
 */
import { drawCard } from '@/card/draw'
import { cardWordsFor } from '@/i18n/card'

import { recordingContext } from '../unit/support/card-context'

const PASSAGE = '稀土分离靠萃取，“一级一级”地分，用 ICP-MS 测纯度到 99.99%。'

export function cardBench(runs: number) {
  const passage = PASSAGE.repeat(20).slice(0, 300)
  const card = {
    passage,
    intervieweeName: '林晓川（虚构）',
    intervieweeRole: '萃取车间工程师',
    title: '一级一级分出来',
    number: 3,
    sample: true,
    seriesName: '稀土之光 · 百人访谈',
    lang: 'zh' as const,
  }
  const times: number[] = []
  let lines = 0
  for (let i = 0; i < runs; i++) {
    const ctx = recordingContext()
    const started = performance.now()
    lines = drawCard(ctx, card, cardWordsFor('zh')).passage.lines.length
    times.push(performance.now() - started)
  }
  const sorted = [...times].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]
  return [
    {
      passage: `${Array.from(passage).length} chars`,
      lines,
      'median ms': Number(median.toFixed(3)),
      'max ms': Number(sorted[sorted.length - 1].toFixed(3)),
    },
  ]
}
