/**
 * A recording 2D context for the quote card: it keeps every fillText with the font and colour it was
 * drawn in, and measures text the way a CJK font roughly does (a Chinese character, full-width mark
 * or emoji is one em; Latin letters, digits and ASCII punctuation are 0.55 em). Not a test file.
 */
import type { CardContext } from '@/card/draw'

export type FillTextCall = { text: string; x: number; y: number; font: string; fillStyle: string }

const NARROW = /[\u0020-\u007e\u00a0-\u024f]/u

/** Width of `text` at `fontSize`, as the fake font sets it. */
export function fakeWidth(text: string, fontSize: number): number {
  let width = 0
  for (const ch of text) width += NARROW.test(ch) ? 0.55 * fontSize : fontSize
  return width
}

export const fontSizeOf = (font: string) => Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 10)

export type RecordingContext = CardContext & {
  fillTexts: FillTextCall[]
  rects: Array<{ x: number; y: number; width: number; height: number; fillStyle: string }>
  strokes: number
  scaled: Array<[number, number]>
}

export function recordingContext(): RecordingContext {
  const ctx: RecordingContext = {
    fillStyle: '#000000',
    strokeStyle: '#000000',
    font: '10px sans-serif',
    textBaseline: 'alphabetic',
    textAlign: 'start',
    lineWidth: 1,
    fillTexts: [],
    rects: [],
    strokes: 0,
    scaled: [],
    fillRect(x, y, width, height) {
      ctx.rects.push({ x, y, width, height, fillStyle: String(ctx.fillStyle) })
    },
    fillText(text, x, y) {
      ctx.fillTexts.push({ text, x, y, font: ctx.font, fillStyle: String(ctx.fillStyle) })
    },
    measureText: (text) => ({ width: fakeWidth(text, fontSizeOf(ctx.font)) }),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    stroke: () => void ctx.strokes++,
  }
  return ctx
}
