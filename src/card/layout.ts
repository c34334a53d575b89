/**
 * The quote card's geometry and its line breaking, as pure functions: no Taro, no canvas, only a
 * `measure(text) => width` handed in, so they run the same in WeChat, the browser and tests.
 *
 * Line breaking follows the usual rules for Chinese (kinsoku): no closing punctuation at a line's
 * start, no opening bracket or quote at its end, Latin words and numbers kept whole where they fit.
 * It never needs Intl.Segmenter (Android WeChat has no Intl).
 */

/** The card's size in CSS px: 3:4, a phone-screen-sized portrait. */
export const CARD_WIDTH = 540
export const CARD_HEIGHT = 720
/** Drawn at twice its CSS size, so it stays sharp on a phone screen and in a chat. */
export const PIXEL_RATIO = 2
/** WeChat and most browsers refuse a canvas larger than this on a side. */
export const MAX_CANVAS_SIDE = 4096

export type PixelSize = { width: number; height: number; ratio: number }

/**
 * The canvas's pixel size for a CSS size and pixel ratio, the ratio lowered (never the aspect) so
 * that neither side passes MAX_CANVAS_SIDE.
 */
export function pixelSize(cssWidth: number, cssHeight: number, ratio = PIXEL_RATIO): PixelSize {
  const longest = Math.max(cssWidth, cssHeight, 1)
  const fitted = Math.min(ratio, MAX_CANVAS_SIDE / longest)
  return { width: Math.floor(cssWidth * fitted), height: Math.floor(cssHeight * fitted), ratio: fitted }
}

export const CARD_PIXELS = pixelSize(CARD_WIDTH, CARD_HEIGHT)

export type Measure = (text: string) => number

export type WrapOptions = { measure: Measure; maxWidth: number; maxLines: number; ellipsis?: string }

export type Wrapped = { lines: string[]; truncated: boolean }

/** Never at a line's start: closing punctuation, full and half width. */
const NO_START = new Set(
  Array.from('，。、；：？！…‥,.;:?!%)]}）】》」』〕〉”’·・～—ー々〻ぁぃぅぇぉっゃゅょァィゥェォッャュョ'),
)
/** Never at a line's end: opening brackets and quotes. */
const NO_END = new Set(Array.from('（【《「『〔〈“‘([{'))
/** Dropped before an ellipsis, which would read badly after them (“，…”). */
const BEFORE_ELLIPSIS = /[\s，、；：,;:（【《「『〔〈“‘([{]+$/u

/** Latin letters and digits that belong to one word: kept on one line where they fit. */
const WORD = /^[\p{Script=Latin}\p{Nd}'’.\-_%+/]$/u
/** Code points that only modify the one before them: never split off it. */
const JOINS_PREVIOUS = /^(?:\u200d|[\ufe00-\ufe0f]|[\u{1f3fb}-\u{1f3ff}]|\p{M})$/u

/**
 * Splits text into unbreakable pieces: a Latin word or number, one whitespace, one newline, or one
 * other character with whatever modifies it (combining marks, variation selectors, emoji joined by
 * ZWJ). Works by code point, so a surrogate pair is never split.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = []
  let joinNext = false
  for (const ch of text) {
    const last = tokens.length - 1
    if (last >= 0 && (joinNext || JOINS_PREVIOUS.test(ch))) {
      tokens[last] += ch
    } else if (last >= 0 && WORD.test(ch) && isWordToken(tokens[last])) {
      tokens[last] += ch
    } else {
      tokens.push(ch)
    }
    joinNext = ch === '\u200d'
  }
  return tokens
}

const isWordToken = (token: string) => Array.from(token).every((c) => WORD.test(c))
const firstChar = (token: string) => Array.from(token)[0] ?? ''
const lastChar = (token: string) => Array.from(token).pop() ?? ''
const isSpace = (token: string) => /^\s+$/u.test(token) && token !== '\n'
const noStart = (token: string) => NO_START.has(firstChar(token))
const noEnd = (token: string) => NO_END.has(lastChar(token))

/** Widths of tokens, measured once each: measuring every prefix would be quadratic. */
function widthOf(measure: Measure): (tokens: readonly string[]) => number {
  const cache = new Map<string, number>()
  const one = (token: string) => {
    let w = cache.get(token)
    if (w === undefined) {
      w = measure(token)
      cache.set(token, w)
    }
    return w
  }
  return (tokens) => tokens.reduce((sum, t) => sum + one(t), 0)
}

/** A word wider than the whole line, cut into pieces by code point that each fit. */
function splitLongWord(word: string, fits: (piece: string) => boolean): string[] {
  const pieces: string[] = []
  let piece = ''
  for (const ch of word) {
    if (piece && !fits(piece + ch)) {
      pieces.push(piece)
      piece = ''
    }
    piece += ch
  }
  if (piece) pieces.push(piece)
  return pieces
}

/**
 * Moves tokens from the end of a full line to the next one, so the next line does not start with
 * closing punctuation and this one does not end with an opening bracket. Stops when only one token
 * would be left, or when the token it would move is closing punctuation itself (moving it cannot
 * help: a run of punctuation then breaks where it must).
 */
function settleBreak(line: string[], next: string[]): void {
  while (line.length > 1) {
    const tail = line[line.length - 1]
    const pullForNext = next.length > 0 && noStart(next[0]) && !noStart(tail)
    if (!pullForNext && !noEnd(tail)) break
    next.unshift(line.pop() as string)
  }
}

/** The tokens as lines no wider than maxWidth, with no limit on their number. */
function breakLines(tokens: readonly string[], maxWidth: number, width: (t: readonly string[]) => number) {
  const lines: string[][] = []
  let line: string[] = []
  const queue = [...tokens]
  while (queue.length) {
    const token = queue.shift() as string
    if (token === '\n') {
      lines.push(trimEnd(line))
      line = []
      continue
    }
    if (!line.length && isSpace(token)) continue
    if (width([...line, token]) <= maxWidth) {
      line.push(token)
      continue
    }
    if (isSpace(token)) {
      lines.push(line)
      line = []
      continue
    }
    if (!line.length) {
      // Wider than a whole line on its own: a very long word (or one glyph wider than the box).
      const pieces = splitLongWord(token, (p) => width([p]) <= maxWidth)
      line.push(pieces[0])
      queue.unshift(...pieces.slice(1))
      continue
    }
    const next = [token]
    settleBreak(line, next)
    lines.push(trimEnd(line))
    queue.unshift(...next)
    line = []
  }
  if (line.length) lines.push(trimEnd(line))
  return lines
}

function trimEnd(line: string[]): string[] {
  while (line.length && isSpace(line[line.length - 1])) line.pop()
  return line
}

/** The last line shortened until it and the ellipsis fit the width. */
function withEllipsis(line: readonly string[], ellipsis: string, maxWidth: number, measure: Measure): string {
  const chars = Array.from(line.join(''))
  const text = () => chars.join('').replace(BEFORE_ELLIPSIS, '')
  while (chars.length && measure(text() + ellipsis) > maxWidth) chars.pop()
  return text() + ellipsis
}

/**
 * Wraps text into at most maxLines lines, each no wider than maxWidth by `measure`. When the text does
 * not fit, the last line ends with an ellipsis that fits too.
 */
export function wrapText(
  text: string,
  { measure, maxWidth, maxLines, ellipsis = '…' }: WrapOptions,
): Wrapped {
  if (maxLines < 1 || maxWidth <= 0) return { lines: [], truncated: text.trim() !== '' }
  const width = widthOf(measure)
  const all = breakLines(tokenize(text.trim()), maxWidth, width).filter(
    (line, i, lines) => line.length || (i > 0 && i < lines.length - 1),
  )
  if (all.length <= maxLines) return { lines: all.map((l) => l.join('')), truncated: false }
  const kept = all.slice(0, maxLines).map((l) => l.join(''))
  kept[maxLines - 1] = withEllipsis(all[maxLines - 1], ellipsis, maxWidth, measure)
  return { lines: kept, truncated: true }
}
