/**
 * The quote card in pure code: its size, its line breaking (kinsoku, whole Latin words, code points,
 * the ellipsis) and what it draws, on a recording context whose font is one em for a Chinese
 * character and 0.55 em for Latin.
 */
import { CARD_COLOURS, drawCard, PASSAGE_SIZES, TEXT_WIDTH, type CardText, type CardWords } from '@/card/draw'
import {
  CARD_HEIGHT,
  CARD_PIXELS,
  CARD_WIDTH,
  MAX_CANVAS_SIDE,
  pixelSize,
  tokenize,
  wrapText,
} from '@/card/layout'
import { imageOutcome, type ImageAttempt, type ImageOutcome, type ImageStep } from '@/card/outcome'
import { cardWordsFor } from '@/i18n/card'

import { fakeWidth, fontSizeOf, recordingContext } from './support/card-context'

const measure = (text: string) => fakeWidth(text, 10)
/** Five Chinese characters to a line. */
const wrap = (text: string, maxLines = 20, maxWidth = 50) => wrapText(text, { measure, maxWidth, maxLines })

const NO_START = /^[，。、；：？！…,.;:?!)）】》」』”’]/u
const NO_END = /[（【《「『“]$/u
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

describe('the card size', () => {
  test('is 3:4, drawn at 2×, 1080 × 1440 px', () => {
    expect(CARD_WIDTH * 4).toBe(CARD_HEIGHT * 3)
    expect(CARD_PIXELS).toEqual({ width: 1080, height: 1440, ratio: 2 })
  })

  test.each([
    ['the card at 2×', [540, 720, 2], { width: 1080, height: 1440, ratio: 2 }],
    [
      'a tall card, clamped to 4096 on its long side, aspect kept',
      [3000, 4000, 2],
      { width: 3072, height: 4096 },
    ],
    ['a square larger than the limit even at 1×', [5000, 5000, 1], { width: 4096, height: 4096 }],
    ['a 3× screen stays 3× while it fits', [540, 720, 3], { width: 1620, height: 2160, ratio: 3 }],
  ] as const)('%s', (_what, [w, h, ratio], expected) => {
    const size = pixelSize(w, h, ratio)
    expect(size).toMatchObject(expected)
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(MAX_CANVAS_SIDE)
  })
})

describe('tokenize', () => {
  test.each([
    ['Chinese by character', '稀土之光', ['稀', '土', '之', '光']],
    ['Latin words and numbers whole', '用 ICP-MS 测 99.99%', ['用', ' ', 'ICP-MS', ' ', '测', ' ', '99.99%']],
    ['an emoji is one code point, never half a surrogate pair', '好😀', ['好', '😀']],
    ['an emoji ZWJ sequence stays together', '家👨‍👩‍👧', ['家', '👨‍👩‍👧']],
    ['a skin tone and a variation selector stay on their emoji', '👍🏽❤️', ['👍🏽', '❤️']],
    ['a combining mark stays on its letter', 'é', ['é']],
  ])('%s', (_what, text, tokens) => {
    expect(tokenize(text)).toEqual(tokens)
  })
})

describe('wrapText (5 Chinese characters to a line)', () => {
  test.each([
    ['an empty passage', '', 20, { lines: [], truncated: false }],
    ['only spaces', '   ', 20, { lines: [], truncated: false }],
    ['a short line', '稀土之光', 20, { lines: ['稀土之光'], truncated: false }],
    ['an exact break', '一二三四五六七八九十', 20, { lines: ['一二三四五', '六七八九十'], truncated: false }],
    [
      'a comma never starts a line: the character before it comes down',
      '一二三四五，六七',
      20,
      { lines: ['一二三四', '五，六七'], truncated: false },
    ],
    [
      'a full stop and a closing quote together',
      '一二三四五。”六',
      20,
      { lines: ['一二三四', '五。”六'], truncated: false },
    ],
    [
      'an opening bracket never ends a line',
      '一二三四《五六》',
      20,
      { lines: ['一二三四', '《五六》'], truncated: false },
    ],
    [
      'Latin words are kept whole',
      '一二三 rare earth',
      20,
      { lines: ['一二三', 'rare', 'earth'], truncated: false },
    ],
    [
      'a Latin word longer than a line is cut where it must',
      'Supercalifragilisticexpialidocious',
      20,
      { lines: ['Supercali', 'fragilist', 'icexpiali', 'docious'], truncated: false },
    ],
    ['emoji wrap by code point', '😀😀😀😀😀😀', 20, { lines: ['😀😀😀😀😀', '😀'], truncated: false }],
    ['an emoji ZWJ sequence is never split', '一👨‍👩‍👧', 20, { lines: ['一', '👨‍👩‍👧'], truncated: false }],
    [
      'all punctuation still wraps',
      '。。。。。。。',
      20,
      { lines: ['。。。。。', '。。'], truncated: false },
    ],
    ['a newline breaks the line', '一二\n三四', 20, { lines: ['一二', '三四'], truncated: false }],
    [
      'past the last line, an ellipsis that fits',
      '一二三四五六七八九十一二',
      2,
      { lines: ['一二三四五', '六七八九…'], truncated: true },
    ],
    [
      'no comma before the ellipsis',
      '一二三四五六七八，九十一二',
      2,
      { lines: ['一二三四五', '六七八…'], truncated: true },
    ],
    ['no room for any line', '一二三', 0, { lines: [], truncated: true }],
  ])('%s', (_what, text, maxLines, expected) => {
    expect(wrap(text, maxLines)).toEqual(expected)
  })

  /** A passage as interviews read: Chinese with punctuation, quotes, numbers and Latin terms. */
  function passage(chars: number): string {
    const parts = [
      '稀土',
      '分离',
      '，',
      '萃取槽',
      '“',
      '一级',
      '”',
      '。',
      '我们用 ICP-MS 测到 99.99%',
      '（包头）',
      '、',
      '😀',
      'Bayan Obo',
      '！',
    ]
    let text = ''
    for (let i = 0; Array.from(text).length < chars; i++) text += parts[(i * 7) % parts.length]
    return Array.from(text).slice(0, chars).join('')
  }

  test.each([
    ['300 characters', 300, 100],
    ['300 characters, cut to 8 lines', 300, 8],
    ['2,000 characters', 2000, 1000],
    ['2,000 characters, cut to 10 lines', 2000, 10],
  ])('%s: every line fits, kinsoku holds, no text is lost or split', (_what, chars, maxLines) => {
    const text = passage(chars)
    const maxWidth = 222
    const started = performance.now()
    const { lines, truncated } = wrapText(text, { measure, maxWidth, maxLines })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(lines.length).toBeLessThanOrEqual(maxLines)
    expect(truncated).toBe(lines.length === maxLines && maxLines < 50)
    for (const [i, line] of lines.entries()) {
      expect(measure(line)).toBeLessThanOrEqual(maxWidth)
      expect(line).not.toMatch(LONE_SURROGATE)
      if (i > 0 && !NO_START.test(lines[i - 1].slice(-1))) expect(line).not.toMatch(NO_START)
      if (i < lines.length - 1) expect(line).not.toMatch(NO_END)
    }
    const squash = (s: string) => s.replace(/\s+/g, '')
    const drawn = squash(lines.join('')).replace(/…$/, '')
    if (truncated) {
      expect(lines[lines.length - 1].endsWith('…')).toBe(true)
      expect(squash(text).startsWith(drawn)).toBe(true)
    } else {
      expect(drawn).toBe(squash(text))
    }
  })
})

const card = (over: Partial<CardText> = {}): CardText => ({
  passage: '稀土不是土，是一串要一级一级分出来的元素。',
  intervieweeName: '林晓川（虚构）',
  intervieweeRole: '萃取车间工程师',
  title: '一级一级分出来',
  number: 3,
  sample: false,
  seriesName: '稀土之光 · 百人访谈',
  lang: 'zh',
  ...over,
})

const drawn = (c: CardText, words: CardWords = cardWordsFor('zh')) => {
  const ctx = recordingContext()
  const layout = drawCard(ctx, c, words)
  return { ctx, layout, text: ctx.fillTexts.map((t) => t.text).join('\n') }
}

describe('drawCard', () => {
  test('draws the passage, the interviewee, the installment and the series on paper', () => {
    const { ctx, layout, text } = drawn(card())
    expect(layout.passage.lines.join('')).toBe(card().passage)
    expect(layout.passage.fontSize).toBe(PASSAGE_SIZES[0])
    for (const words of [
      '林晓川（虚构）',
      '萃取车间工程师',
      '第 3 期 · 一级一级分出来',
      '稀土之光 · 百人访谈',
    ])
      expect(text).toContain(words)
    expect(text).not.toContain('样例')
    expect(ctx.rects[0]).toEqual({
      x: 0,
      y: 0,
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      fillStyle: CARD_COLOURS.paper,
    })
    const passageCalls = ctx.fillTexts.filter((t) => layout.passage.lines.includes(t.text))
    expect(new Set(passageCalls.map((t) => t.fillStyle))).toEqual(new Set([CARD_COLOURS.ink]))
    expect(ctx.strokes).toBe(2)
  })

  test('a sample says 样例, on a label and in its number, never 第 N 期', () => {
    const { text } = drawn(card({ sample: true }))
    expect(text.split('\n')).toContain('样例')
    expect(text).toContain('样例 3 · 一级一级分出来')
    expect(text).not.toContain('第 3 期')
  })

  test.each([
    ['a short passage', 20],
    ['a 300-character passage', 300],
    ['a 2,000-character passage', 2000],
  ])('%s: no line leaves the text box', (_what, chars) => {
    const passage = '稀土分离，萃取“一级”。用 ICP-MS 测。'.repeat(Math.ceil(chars / 22)).slice(0, chars)
    const { ctx, layout } = drawn(
      card({ passage, title: '很长的标题'.repeat(20), intervieweeRole: '角色'.repeat(60) }),
    )
    for (const t of ctx.fillTexts) {
      expect(t.x).toBeGreaterThanOrEqual(CARD_WIDTH - TEXT_WIDTH - 48 * 1)
      expect(t.x + fakeWidth(t.text, fontSizeOf(t.font))).toBeLessThanOrEqual(CARD_WIDTH - 48)
      expect(t.y).toBeLessThan(CARD_HEIGHT)
    }
    if (chars > 200) {
      expect(layout.passage.truncated).toBe(true)
      expect(layout.passage.lines.at(-1)?.endsWith('…')).toBe(true)
      expect(layout.passage.fontSize).toBe(PASSAGE_SIZES[PASSAGE_SIZES.length - 1])
    }
  })

  test('an empty passage draws the rest and no passage line', () => {
    const { layout, text } = drawn(card({ passage: '' }))
    expect(layout.passage.lines).toEqual([])
    expect(text).toContain('林晓川（虚构）')
  })
})

describe('imageOutcome: every raw result of sharing or saving is one outcome', () => {
  const error = (errMsg: string): ImageAttempt => ({ kind: 'error', errMsg })
  test.each<[ImageStep, ImageAttempt, ImageOutcome | 'continue']>([
    ['privacy', { kind: 'ok' }, 'continue'],
    ['privacy', error('requirePrivacyAuthorize:fail auth deny'), 'privacy-declined'],
    ['privacy', error('requirePrivacyAuthorize:fail'), 'privacy-declined'],
    ['share-menu', { kind: 'ok' }, 'shared'],
    ['share-menu', error('showShareImageMenu:fail cancel'), 'cancelled'],
    ['share-menu', error('showShareImageMenu:fail invalid path'), 'failed'],
    ['album', { kind: 'ok' }, 'saved'],
    ['album', error('saveImageToPhotosAlbum:fail cancel'), 'cancelled'],
    ['album', error('saveImageToPhotosAlbum:fail auth deny'), 'denied'],
    ['album', error('saveImageToPhotosAlbum:fail authorize no response'), 'denied'],
    ['album', error('authorize:fail auth deny'), 'denied'],
    ['album', error('saveImageToPhotosAlbum:fail privacy permission is not authorized'), 'privacy-declined'],
    ['album', error('saveImageToPhotosAlbum:fail file not exists'), 'failed'],
    ['album', error(''), 'failed'],
    ['browser-share', { kind: 'ok' }, 'shared'],
    ['browser-share', error('AbortError: Share canceled'), 'cancelled'],
    ['share-menu', error('showShareImageMenu:fail canceled'), 'cancelled'],
    ['browser-share', error('NotAllowedError: not allowed'), 'failed'],
    ['browser-share', error('share:fail files not supported'), 'failed'],
    ['download', { kind: 'ok' }, 'downloaded'],
    ['download', error('TypeError: no document'), 'failed'],
  ])('%s %j → %s', (step, attempt, outcome) => {
    expect(imageOutcome(step, attempt)).toBe(outcome)
  })
})
