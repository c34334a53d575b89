/**
 * Draws the quote card on any 2D context: WeChat's Canvas 2D, a browser canvas, or a recording fake
 * in tests. It looks like print, whatever the app's light or dark theme: warm paper, dark ink and a
 * thin brand-red rule (the light values of styles/_tokens.scss). Every word comes in `words`, so this
 * folder holds no dictionary.
 */
import type { ContentLang } from '@/content/schema'

import { CARD_HEIGHT, CARD_WIDTH, wrapText, type Measure } from './layout'

/** The part of CanvasRenderingContext2D the card uses; WeChat's Canvas 2D context has all of it. */
export type CardContext = {
  fillStyle: unknown
  strokeStyle: unknown
  font: string
  textBaseline: string
  textAlign: string
  lineWidth: number
  fillRect(x: number, y: number, width: number, height: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
}

/** What goes on a card: the passage and where it comes from. */
export type CardText = {
  passage: string
  intervieweeName: string
  intervieweeRole: string
  title: string
  number: number
  sample: boolean
  seriesName: string
  /** The passage's language: the card's own words (样例, 第 N 期) speak it too. */
  lang: ContentLang
}

export type CardWords = {
  /** The label a sample carries on the card (样例). */
  sampleLabel: string
  /** "第 N 期", or "样例 N" for a sample, which never passes for the real column. */
  installmentNumber: (n: number, sample: boolean) => string
}

/** The light scheme's colours (styles/_tokens.scss): the card is print, not a screen in dark mode. */
export const CARD_COLOURS = {
  paper: '#f7f4ef',
  ink: '#1f1f1f',
  inkBody: '#333333',
  inkSoft: '#555555',
  brand: '#9c3d1c',
  line: '#e4ddd3',
  sample: '#6b4e00',
  sampleBg: '#fff1c9',
} as const

const SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif'
const SANS = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'

const PADDING = 48
export const TEXT_WIDTH = CARD_WIDTH - 2 * PADDING
const RULE_Y = 84
const PASSAGE_TOP = 128
/** The footer (rule, name, role, title) starts here; the passage stops above it. */
const FOOTER_TOP = 560
const PASSAGE_BOTTOM = FOOTER_TOP - 28

/** The passage's sizes, largest first: a short passage is set large, a long one smaller. */
export const PASSAGE_SIZES = [30, 26, 22] as const
const LINE_HEIGHT = 1.65

export type DrawnLine = { text: string; x: number; y: number; font: string; width: number }

/** What was drawn, for tests and the bench: the passage's lines and every other line of text. */
export type DrawnCard = {
  passage: { lines: string[]; fontSize: number; truncated: boolean }
  texts: DrawnLine[]
}

const font = (size: number, family: string, weight = 'normal') => `${weight} ${size}px ${family}`

/** The passage at the largest size at which it fits, else at the smallest size, ending in "…". */
export function passageLayout(passage: string, measureAt: (size: number) => Measure) {
  let last = null as null | { lines: string[]; truncated: boolean; fontSize: number }
  for (const fontSize of PASSAGE_SIZES) {
    const lineHeight = fontSize * LINE_HEIGHT
    const maxLines = Math.max(1, Math.floor((PASSAGE_BOTTOM - PASSAGE_TOP) / lineHeight))
    const wrapped = wrapText(passage, { measure: measureAt(fontSize), maxWidth: TEXT_WIDTH, maxLines })
    last = { ...wrapped, fontSize }
    if (!wrapped.truncated) break
  }
  return last ?? { lines: [], truncated: false, fontSize: PASSAGE_SIZES[0] }
}

/** Draws the card at CSS size (the caller scales the context for the pixel ratio). */
export function drawCard(ctx: CardContext, card: CardText, words: CardWords): DrawnCard {
  const texts: DrawnLine[] = []
  const text = (line: string, x: number, y: number, style: string, colour: string) => {
    ctx.font = style
    ctx.fillStyle = colour
    ctx.fillText(line, x, y)
    texts.push({ text: line, x, y, font: style, width: ctx.measureText(line).width })
  }
  /** One line of text cut to the width, with an ellipsis when it had to be. */
  const oneLine = (line: string, style: string, maxWidth = TEXT_WIDTH) => {
    ctx.font = style
    const measure = (t: string) => ctx.measureText(t).width
    return wrapText(line, { measure, maxWidth, maxLines: 1 }).lines[0] ?? ''
  }
  const rule = (y: number, colour: string, width: number) => {
    ctx.strokeStyle = colour
    ctx.lineWidth = width
    ctx.beginPath()
    ctx.moveTo(PADDING, y)
    ctx.lineTo(CARD_WIDTH - PADDING, y)
    ctx.stroke()
  }

  ctx.fillStyle = CARD_COLOURS.paper
  ctx.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT)
  ctx.textAlign = 'left'
  ctx.textBaseline = 'top'

  // Head: the series, a sample's label and the brand rule.
  const labelWidth = card.sample ? drawSampleLabel(ctx, words.sampleLabel, texts) + 16 : 0
  const seriesStyle = font(16, SANS, '600')
  text(
    oneLine(card.seriesName, seriesStyle, TEXT_WIDTH - labelWidth),
    PADDING,
    52,
    seriesStyle,
    CARD_COLOURS.brand,
  )
  rule(RULE_Y, CARD_COLOURS.brand, 1.5)

  // The passage.
  const passage = passageLayout(card.passage, (size) => {
    ctx.font = font(size, SERIF)
    return (t) => ctx.measureText(t).width
  })
  const passageStyle = font(passage.fontSize, SERIF)
  const lineHeight = passage.fontSize * LINE_HEIGHT
  passage.lines.forEach((line, i) =>
    text(line, PADDING, PASSAGE_TOP + i * lineHeight, passageStyle, CARD_COLOURS.ink),
  )

  // Foot: who said it, and where it was published.
  rule(FOOTER_TOP, CARD_COLOURS.line, 1)
  const nameStyle = font(22, SANS, '600')
  const smallStyle = font(15, SANS)
  text(oneLine(card.intervieweeName, nameStyle), PADDING, FOOTER_TOP + 22, nameStyle, CARD_COLOURS.ink)
  text(oneLine(card.intervieweeRole, smallStyle), PADDING, FOOTER_TOP + 56, smallStyle, CARD_COLOURS.inkSoft)
  const source = `${words.installmentNumber(card.number, card.sample)} · ${card.title}`
  text(oneLine(source, smallStyle), PADDING, FOOTER_TOP + 84, smallStyle, CARD_COLOURS.inkSoft)

  return {
    passage: { lines: passage.lines, fontSize: passage.fontSize, truncated: passage.truncated },
    texts,
  }
}

/** The sample label, top right, as the app's badge looks; returns its width. */
function drawSampleLabel(ctx: CardContext, label: string, texts: DrawnLine[]): number {
  const style = font(15, SANS, '600')
  ctx.font = style
  const width = ctx.measureText(label).width + 20
  const x = CARD_WIDTH - PADDING - width
  ctx.fillStyle = CARD_COLOURS.sampleBg
  ctx.fillRect(x, 48, width, 26)
  ctx.fillStyle = CARD_COLOURS.sample
  ctx.fillText(label, x + 10, 53)
  texts.push({ text: label, x: x + 10, y: 53, font: style, width: width - 20 })
  return width
}
