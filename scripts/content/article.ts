/**
 * Reads a published official-account (公众号) article page into our content blocks. Pure: no network,
 * no files. Images stay pending (their addresses); import.ts downloads them.
 */
import * as cheerio from 'cheerio'

import { plainText } from '../../src/content/inline'
import type { Block, Run } from '../../src/content/schema'
import { CITE } from './markdown'

export type ArticleImage = {
  url: string
  width: number | null
  height: number | null
  caption: string
  line: number
  col: number
}

/** A contract block, except that images are still addresses to download. */
export type ImportedBlock = Exclude<Block, { type: 'image' }> | { type: 'image'; image: ArticleImage }

export type Article = {
  title: string | null
  account: string | null
  publishedAt: string | null
  url: string | null
  summary: string | null
  blocks: ImportedBlock[]
}

export type ParseOptions = { interviewer?: string; interviewee?: string; source: string }

export type ParseResult =
  { kind: 'ok'; article: Article; warnings: string[] } | { kind: 'error'; problems: string[] }

// cheerio's own node types (its domhandler is not the top-level one).
type AnyNode = ReturnType<cheerio.CheerioAPI['root']>[number]['children'][number]
type Element = Extract<AnyNode, { attribs: Record<string, string> }>
type Text = Extract<AnyNode, { type: 'text' }>

type Marks = { bold: boolean; italic: boolean }
type Char = Marks & { c: string }
type Position = { line: number; col: number }
type Warning = Position & { text: string }

type Ctx = {
  $: cheerio.CheerioAPI
  options: ParseOptions
  blocks: ImportedBlock[]
  buffer: Char[]
  warnings: Warning[]
  problems: string[]
  inQuote: boolean
  pendingLabel: 'question' | 'answer' | null
  /** Blocks made from elements that read like a follow footer; dropped only at the body's edges. */
  followBlocks: FollowRange[]
}

type FollowRange = Position & { start: number; end: number; excerpt: string }

const PLAIN: Marks = { bold: false, italic: false }
// A QR-code prompt is never interview text, wherever it stands.
const QR_WORDS = /长按识别|长按二维码|识别二维码|识别图中二维码|扫码关注|扫描二维码|扫一扫/
// A follow prompt could be a sentence someone said ("欢迎关注我们这个行业"): dropped only at the edges.
const FOLLOW_WORDS = /点击关注|关注我们|点击上方|点击蓝字|关注公众号|设为星标/
const FOOTER_MAX_CHARS = 150
const HEADING_MAX_CHARS = 30
const SENTENCE_END = /[。？！?!；;：:…，,.]$/
// 问：答：Q: A:, numbered (Q1：), full-width (Ｑ：) or lower case.
const QA_LABEL = /^(问|答|[QqＱｑ]|[AaＡａ])\s*\d{0,2}\s*[：:]\s*/
const QUESTION_MARKS = new Set(['问', 'Q', 'q', 'Ｑ', 'ｑ'])
// A WeChat caption is a short line right under its picture, usually marked ▲ or 图1：.
const CAPTION_MARK = /^(?:[▲△↑]\s*|图\s*\d*\s*[：:]\s*)/
const CAPTION_MAX_CHARS = 60
const GENERIC_ALT = new Set(['图片', '图像', '图', 'image', 'img', 'picture', 'photo'])

const BLOCK_TAGS = new Set(
  'section div p li ul ol dl dt dd table thead tbody tfoot tr td th figure figcaption center article header footer pre h5 h6 address'.split(
    ' ',
  ),
)
/** Elements an empty section may hold without carrying anything. */
const HOLLOW_TAGS = new Set('section div p span br strong b em i u font a mp-style-type'.split(' '))
const FOOTER_TAGS = new Set(['section', 'div', 'p', 'li', 'td', 'figure', 'center'])

/** Embeds and cards that have no place in the contract: [selector, what the warning calls it]. */
const DROPPED: ReadonlyArray<[string, string]> = [
  ['script', 'script'],
  ['style', 'style'],
  ['noscript', 'noscript'],
  ['iframe.video_iframe, video, mpvideosnap, mp-common-videosnap', 'video embed'],
  ['mpvoice, mp-common-mpaudio, audio, qqmusic', 'audio embed'],
  [
    'mp-miniprogram, mp-common-miniprogram, a[data-miniprogram-appid], .weapp_text_link, .weapp_image_link',
    'mini-program card',
  ],
  ['mpprofile, mp-common-profile', 'account card'],
  ['iframe, embed, object', 'embedded frame'],
  ['svg, canvas', 'graphic'],
  ['form, input, button, select, textarea', 'form control'],
]

const isElement = (node: AnyNode): node is Element =>
  node.type === 'tag' || node.type === 'script' || node.type === 'style'

const collapse = (text: string) =>
  text
    .replace(/[\u200b\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()

function position(node: AnyNode): Position {
  const at = (node as Element).sourceCodeLocation
  return { line: at?.startLine ?? 1, col: at?.startCol ?? 1 }
}

/** Visible text of a node: script and style contents do not count. */
function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as Text).data
  if (node.type !== 'tag') return ''
  return node.children.map(textOf).join('')
}

// ---------------------------------------------------------------- metadata

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return named[name.toLowerCase()] ?? whole
  })
}

function unescapeJs(text: string): string {
  return text
    .replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\(.)/g, '$1')
}

/** `name = "value"` (or 'value', or htmlDecode("value")) in the page's inline script text. */
function scriptVar(scripts: string, name: string): string | null {
  const pattern = new RegExp(
    `(?:^|[^\\w$.])${name}\\s*=\\s*(?:htmlDecode\\(\\s*)?(["'])((?:\\\\.|(?!\\1)[^\\\\\\n])*)\\1`,
  )
  const match = pattern.exec(scripts)
  return match ? decodeEntities(unescapeJs(match[2])) : null
}

function metaContent($: cheerio.CheerioAPI, property: string): { value: string; at: Position } | null {
  const el = $(`meta[property="${property}"]`).first()
  const value = collapse(el.attr('content') ?? '')
  return value ? { value, at: position(el[0]) } : null
}

const pad = (n: number) => String(n).padStart(2, '0')

function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null
  return `${year}-${pad(month)}-${pad(day)}`
}

/** The publishing day in China time (UTC+8). */
function readPublishedAt($: cheerio.CheerioAPI, scripts: string): string | null {
  const ct = scriptVar(scripts, 'ct')
  if (ct && /^\d{9,11}$/.test(ct)) return new Date((Number(ct) + 8 * 3600) * 1000).toISOString().slice(0, 10)
  const shown = /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/.exec($('#publish_time').text())
  return shown ? isoDay(Number(shown[1]), Number(shown[2]), Number(shown[3])) : null
}

/**
 * An address as https, or null: protocol-relative ones get https, and plain http is upgraded only for
 * `upgradeHost`, WeChat's own host for that kind of address.
 */
function httpsUrl(raw: string, upgradeHost: string): URL | null {
  let url: URL
  try {
    url = new URL(raw.startsWith('//') ? `https:${raw}` : raw)
  } catch {
    return null
  }
  if (url.protocol === 'http:' && url.hostname === upgradeHost) url.protocol = 'https:'
  return url.protocol === 'https:' ? url : null
}

/** The article's address: https, no fragment (#rd). */
function articleUrl(raw: string): string | null {
  const url = httpsUrl(raw, 'mp.weixin.qq.com')
  if (!url) return null
  url.hash = ''
  return url.toString()
}

function readUrl($: cheerio.CheerioAPI, scripts: string, ctx: Ctx): string | null {
  const og = metaContent($, 'og:url')
  const raw = og?.value ?? scriptVar(scripts, 'msg_link')
  if (!raw) return null
  const url = articleUrl(raw)
  if (!url) ctx.problems.push(`${where(ctx, og?.at)}: the article address "${raw}" is not an https URL`)
  return url
}

function readMeta($: cheerio.CheerioAPI, ctx: Ctx): Omit<Article, 'blocks'> {
  const scripts = $('script')
    .toArray()
    .map((el) => $(el).text())
    .join('\n')
  const summary = collapse(metaContent($, 'og:description')?.value ?? scriptVar(scripts, 'msg_desc') ?? '')
  return {
    title: collapse($('#activity-name').first().text()) || metaContent($, 'og:title')?.value || null,
    account: collapse($('#js_name').first().text()) || null,
    publishedAt: readPublishedAt($, scripts),
    url: readUrl($, scripts, ctx),
    summary: summary || null,
  }
}

function declaredCharset($: cheerio.CheerioAPI): { charset: string; at: Position } | null {
  for (const el of $('meta[charset], meta[http-equiv]').toArray()) {
    const value = $(el).attr('charset') ?? /charset\s*=\s*([\w-]+)/i.exec($(el).attr('content') ?? '')?.[1]
    if (value) return { charset: value.trim(), at: position(el) }
  }
  return null
}

// ---------------------------------------------------------------- runs and paragraphs

const isSpace = (c: string) => /\s/.test(c)

function marksOf(el: Element, outer: Marks): Marks {
  const style = (el.attribs.style ?? '').toLowerCase()
  const weight = /font-weight\s*:\s*([a-z0-9]+)/.exec(style)?.[1]
  const fontStyle = /font-style\s*:\s*([a-z]+)/.exec(style)?.[1]
  let bold = outer.bold || el.name === 'strong' || el.name === 'b'
  let italic = outer.italic || el.name === 'em' || el.name === 'i'
  if (weight) bold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600
  if (fontStyle) italic = fontStyle === 'italic' || fontStyle === 'oblique'
  if (el.name === 'strong' || el.name === 'b') bold = true
  if (el.name === 'em' || el.name === 'i') italic = true
  return { bold, italic }
}

function appendText(ctx: Ctx, text: string, marks: Marks): void {
  const cleaned = text.replace(/[\u200b\u2060\ufeff]/g, '').replace(/[\s\u00a0]+/g, (ws) =>
    // Keep ideographic spaces (U+3000) inside lines; any other run of whitespace is one space.
    /^\u3000+$/.test(ws) ? ws : ' ',
  )
  for (const c of cleaned) ctx.buffer.push({ c, ...marks })
}

/** Collapses whitespace, trims lines, and splits on blank lines (two or more line breaks). */
function toParagraphs(chars: readonly Char[]): Char[][] {
  const out: Char[] = []
  for (const ch of chars) {
    const prev = out[out.length - 1]
    if (ch.c === '\n') {
      while (out.length && out[out.length - 1].c !== '\n' && isSpace(out[out.length - 1].c)) out.pop()
      out.push(ch)
    } else if (isSpace(ch.c)) {
      if (!prev || prev.c === '\n' || (ch.c === ' ' && prev.c === ' ')) continue
      out.push(ch)
    } else out.push(ch)
  }
  const paragraphs: Char[][] = [[]]
  for (const [i, ch] of out.entries()) {
    const current = paragraphs[paragraphs.length - 1]
    if (ch.c !== '\n') current.push(ch)
    else if (out[i + 1]?.c === '\n' || out[i - 1]?.c === '\n') {
      if (current.length) paragraphs.push([])
    } else if (current.length) current.push(ch)
  }
  return paragraphs
    .map(trimChars)
    .filter((p) => p.length > 0)
    .map(settleSpaceMarks)
}

function trimChars(chars: Char[]): Char[] {
  let start = 0
  let end = chars.length
  while (start < end && isSpace(chars[start].c)) start++
  while (end > start && isSpace(chars[end - 1].c)) end--
  return chars.slice(start, end)
}

/** A space or line break carries only the marks both its neighbours share, so marks never start or end on one. */
function settleSpaceMarks(chars: Char[]): Char[] {
  const visible = chars.map((ch) => !isSpace(ch.c))
  return chars.map((ch, i) => {
    if (visible[i]) return ch
    let left = i - 1
    while (left >= 0 && !visible[left]) left--
    let right = i + 1
    while (right < chars.length && !visible[right]) right++
    const l = chars[left] ?? PLAIN
    const r = chars[right] ?? PLAIN
    return { c: ch.c, bold: l.bold && r.bold, italic: l.italic && r.italic }
  })
}

function toRuns(chars: readonly Char[]): Run[] {
  const runs: Run[] = []
  for (const ch of chars) {
    const last = runs[runs.length - 1]
    if (last && Boolean(last.bold) === ch.bold && Boolean(last.italic) === ch.italic) last.text += ch.c
    else runs.push({ text: ch.c, ...(ch.bold ? { bold: true } : {}), ...(ch.italic ? { italic: true } : {}) })
  }
  return runs
}

function toInline(runs: Run[]): string | Run[] {
  if (runs.length === 1 && !runs[0].bold && !runs[0].italic) return runs[0].text
  return runs
}

const plainOf = (chars: readonly Char[]) => chars.map((ch) => ch.c).join('')
const allBold = (chars: readonly Char[]) => chars.every((ch) => ch.bold || isSpace(ch.c))

/** A question or answer label: 问：/答：/Q:/A:, or a speaker's name given on the command line. */
function speakerLabel(
  plain: string,
  options: ParseOptions,
): { kind: 'question' | 'answer'; length: number } | null {
  const named: Array<[string | undefined, 'question' | 'answer']> = [
    [options.interviewer, 'question'],
    [options.interviewee, 'answer'],
  ]
  for (const [name, kind] of named) {
    if (!name || !plain.startsWith(name)) continue
    const colon = /^\s*[：:]\s*/.exec(plain.slice(name.length))
    if (colon) return { kind, length: name.length + colon[0].length }
  }
  const label = QA_LABEL.exec(plain)
  if (label) return { kind: QUESTION_MARKS.has(label[1]) ? 'question' : 'answer', length: label[0].length }
  return null
}

function classify(chars: Char[], ctx: Ctx): ImportedBlock | null {
  const plain = plainOf(chars)
  if (ctx.inQuote) return { type: 'paragraph', text: toInline(toRuns(chars)) }
  const bold = allBold(chars)
  const label =
    speakerLabel(plain, ctx.options) ??
    (bold && /^问\s+\S/.test(plain)
      ? { kind: 'question' as const, length: /^问\s+/.exec(plain)![0].length }
      : null)
  if (label) {
    let rest = trimChars(chars.slice(label.length))
    if (!rest.length) {
      ctx.pendingLabel = label.kind
      return null
    }
    if (label.kind === 'question' && allBold(rest)) rest = rest.map((ch) => ({ ...ch, bold: false }))
    return { type: label.kind, text: toInline(toRuns(rest)) }
  }
  if (ctx.pendingLabel) return { type: ctx.pendingLabel, text: toInline(toRuns(chars)) }
  if (bold && plain.length <= HEADING_MAX_CHARS && !plain.includes('\n') && !SENTENCE_END.test(plain))
    return { type: 'heading', level: 2, text: plain }
  return { type: 'paragraph', text: toInline(toRuns(chars)) }
}

/** A question and its answer often share one paragraph, split by a line break: split them there. */
function splitAtLabels(chars: Char[], options: ParseOptions): Char[][] {
  const parts: Char[][] = [[]]
  chars.forEach((ch, i) => {
    const startsLine = ch.c === '\n' && speakerLabel(plainOf(chars.slice(i + 1, i + 40)), options)
    if (startsLine) parts.push([])
    else parts[parts.length - 1].push(ch)
  })
  return parts.map(trimChars).filter((p) => p.length > 0)
}

function flush(ctx: Ctx): void {
  const paragraphs = toParagraphs(ctx.buffer).flatMap((p) => splitAtLabels(p, ctx.options))
  ctx.buffer = []
  for (const chars of paragraphs) {
    const block = classify(chars, ctx)
    if (block && !asCaption(ctx, block)) push(ctx, block)
  }
}

/** A short marked line right under a picture becomes its caption. */
function asCaption(ctx: Ctx, block: ImportedBlock): boolean {
  const last = ctx.blocks[ctx.blocks.length - 1]
  if (block.type !== 'paragraph' || last?.type !== 'image' || last.image.caption) return false
  const text = plainText(block.text)
  if (!CAPTION_MARK.test(text) || text.length > CAPTION_MAX_CHARS || text.includes('\n')) return false
  last.image.caption = text.replace(CAPTION_MARK, '').trim()
  return Boolean(last.image.caption)
}

function push(ctx: Ctx, block: ImportedBlock): void {
  // A label alone in its paragraph ("答：") still applies to the text after a picture.
  if (block.type !== 'image') ctx.pendingLabel = null
  ctx.blocks.push(block)
}

// ---------------------------------------------------------------- the body walk

function warn(ctx: Ctx, node: AnyNode, text: string): void {
  ctx.warnings.push({ ...position(node), text })
}

function where(ctx: Ctx, at?: Position): string {
  return at ? `${ctx.options.source}:${at.line}` : ctx.options.source
}

function dropReason($: cheerio.CheerioAPI, el: Element): string | null {
  for (const [selector, what] of DROPPED) if ($(el).is(selector)) return what
  return null
}

function footerKind(el: Element, words: RegExp): string | null {
  if (!FOOTER_TAGS.has(el.name)) return null
  const text = collapse(textOf(el))
  return words.test(text) && text.length <= FOOTER_MAX_CHARS ? text.slice(0, 20) : null
}

function isImageOnly($: cheerio.CheerioAPI, node: AnyNode): boolean {
  if (!isElement(node)) return false
  if (node.name === 'img') return true
  return collapse(textOf(node)) === '' && $(node).find('img').length > 0
}

function isHollow($: cheerio.CheerioAPI, el: Element): boolean {
  return (
    collapse(textOf(el)) === '' &&
    $(el)
      .find('*')
      .toArray()
      .every((d) => HOLLOW_TAGS.has(d.name))
  )
}

const isBlank = (node: AnyNode) =>
  node.type === 'comment' || (node.type === 'text' && collapse(node.data) === '')

/** Image-only siblings right next to a follow footer: its QR code. */
function footerNeighbours($: cheerio.CheerioAPI, children: AnyNode[]): Set<AnyNode> {
  const qr = new Set<AnyNode>()
  children.forEach((child, i) => {
    if (!isElement(child) || !footerKind(child, QR_WORDS)) return
    for (const step of [-1, 1]) {
      for (let j = i + step; j >= 0 && j < children.length; j += step) {
        if (isBlank(children[j])) continue
        if (isImageOnly($, children[j])) qr.add(children[j])
        break
      }
    }
  })
  return qr
}

function walkChildren(el: Element, marks: Marks, ctx: Ctx): void {
  const qr = footerNeighbours(ctx.$, el.children)
  for (const child of el.children) {
    if (qr.has(child)) {
      flush(ctx)
      warn(ctx, child, 'dropped QR-code image next to a follow footer')
    } else walk(child, marks, ctx)
  }
}

function walk(node: AnyNode, marks: Marks, ctx: Ctx): void {
  if (node.type === 'text') return appendText(ctx, node.data, marks)
  if (!isElement(node)) return
  const dropped = dropReason(ctx.$, node)
  if (dropped) {
    flush(ctx)
    return warn(ctx, node, `dropped ${dropped}${dropped === node.name ? '' : ` <${node.name}>`}`)
  }
  const name = node.name
  if (name === 'br') return void ctx.buffer.push({ c: '\n', ...marks })
  if (name === 'img' || name === 'hr' || /^h[1-4]$/.test(name) || name === 'blockquote') {
    flush(ctx)
    if (name === 'img') return image(node, ctx)
    if (name === 'hr') return push(ctx, { type: 'divider' })
    if (name === 'blockquote') return quote(node, marks, ctx)
    return heading(node, ctx)
  }
  if (name === 'a' && node.attribs.href && !node.attribs.href.startsWith('#'))
    warn(ctx, node, `kept the text of a link, not its address ${node.attribs.href}`)
  if (!BLOCK_TAGS.has(name)) return walkChildren(node, marksOf(node, marks), ctx)
  flush(ctx)
  const qr = footerKind(node, QR_WORDS)
  if (qr) {
    const images = ctx.$(node).find('img').length
    return warn(ctx, node, `dropped follow/QR-code footer "${qr}"${images ? ` (${images} image(s))` : ''}`)
  }
  if (name === 'section' && isHollow(ctx.$, node)) return warn(ctx, node, 'dropped empty section')
  if (name === 'figcaption') return figcaption(node, ctx)
  if (name === 'ul' || name === 'ol' || name === 'table')
    warn(ctx, node, `${name === 'table' ? 'table' : 'list'} turned into paragraphs: check its layout`)
  const follow = footerKind(node, FOLLOW_WORDS)
  const start = ctx.blocks.length
  walkChildren(node, marksOf(node, marks), ctx)
  flush(ctx)
  if (follow) ctx.followBlocks.push({ ...position(node), start, end: ctx.blocks.length, excerpt: follow })
}

/**
 * Follow prompts at the very start or end of the body (with a picture right beside them: the QR code)
 * are the account's furniture, and go; anywhere else they are someone's words, and stay.
 */
function dropEdgeFollowPrompts(ctx: Ctx): void {
  // A question or an answer is someone speaking, whatever words it uses.
  const spoken = (i: number) => ctx.blocks[i]?.type === 'question' || ctx.blocks[i]?.type === 'answer'
  const inPrompt = (i: number) => !spoken(i) && ctx.followBlocks.some((r) => i >= r.start && i < r.end)
  const droppable = (i: number) =>
    inPrompt(i) || (ctx.blocks[i]?.type === 'image' && (inPrompt(i - 1) || inPrompt(i + 1)))
  let head = 0
  while (head < ctx.blocks.length && droppable(head)) head++
  let tail = ctx.blocks.length
  while (tail > head && droppable(tail - 1)) tail--
  const gone = (r: FollowRange) => r.end > r.start && (r.end <= head || r.start >= tail)
  ctx.followBlocks.forEach((r, i) => {
    // Nested elements record the same prompt; the outermost (recorded last) speaks for it.
    const outer = ctx.followBlocks.some((o, j) => j > i && gone(o) && o.start <= r.start && o.end >= r.end)
    if (!gone(r) || outer) return
    const images = ctx.blocks.slice(r.start, r.end).filter((b) => b.type === 'image').length
    const text = `dropped follow/QR-code footer "${r.excerpt}"${images ? ` (${images} image(s))` : ''}`
    ctx.warnings.push({ ...r, text })
  })
  ctx.blocks.forEach((block, i) => {
    if ((i < head || i >= tail) && block.type === 'image' && !inPrompt(i))
      ctx.warnings.push({
        line: block.image.line,
        col: block.image.col,
        text: 'dropped QR-code image next to a follow footer',
      })
  })
  ctx.blocks = ctx.blocks.slice(head, tail)
}

function figcaption(el: Element, ctx: Ctx): void {
  const text = collapse(textOf(el))
  const last = ctx.blocks[ctx.blocks.length - 1]
  if (last?.type === 'image' && !last.image.caption) last.image.caption = text
  else if (text) push(ctx, { type: 'paragraph', text })
}

function heading(el: Element, ctx: Ctx): void {
  const text = collapse(textOf(el))
  if (text) push(ctx, { type: 'heading', level: el.name === 'h1' || el.name === 'h2' ? 2 : 3, text })
  // A picture set inside a heading is still a picture of the article.
  for (const img of ctx.$(el).find('img').toArray()) image(img, ctx)
}

function image(el: Element, ctx: Ctx): void {
  const at = position(el)
  const raw = (el.attribs['data-src'] || el.attribs.src || '').trim()
  if (!raw) return warn(ctx, el, 'dropped image without an address')
  if (/^data:/i.test(raw)) return warn(ctx, el, 'dropped embedded data: image')
  const url = imageUrl(raw)
  if (!url) return void ctx.problems.push(`${where(ctx, at)}: image "${raw}" is not an https URL`)
  const width = Number.parseInt(el.attribs['data-w'] ?? '', 10)
  const ratio = Number.parseFloat(el.attribs['data-ratio'] ?? '')
  const known = Number.isFinite(width) && width > 0
  const alt = collapse(el.attribs.alt || el.attribs['data-alt'] || '')
  push(ctx, {
    type: 'image',
    image: {
      url,
      width: known ? width : null,
      height: known && Number.isFinite(ratio) && ratio > 0 ? Math.max(1, Math.round(width * ratio)) : null,
      caption: GENERIC_ALT.has(alt.toLowerCase()) ? '' : alt,
      ...at,
    },
  })
}

/** An image address: https, with http upgraded for WeChat's image host alone. */
function imageUrl(raw: string): string | null {
  return httpsUrl(raw, 'mmbiz.qpic.cn')?.toString() ?? null
}

function quote(el: Element, marks: Marks, ctx: Ctx): void {
  const inner: Ctx = { ...ctx, blocks: [], buffer: [], inQuote: true, pendingLabel: null, followBlocks: [] }
  walkChildren(el, marksOf(el, marks), inner)
  flush(inner)
  const lines: Run[][] = []
  const others: ImportedBlock[] = []
  for (const block of inner.blocks) {
    if (block.type === 'paragraph')
      lines.push(typeof block.text === 'string' ? [{ text: block.text }] : block.text)
    else if (block.type === 'heading') lines.push([{ text: block.text }])
    else others.push(block)
  }
  if (lines.length) push(ctx, quoteBlock(lines))
  for (const block of others) push(ctx, block)
}

/** Lines joined by line breaks; a last line `— source` becomes the cite, as the builder reads it. */
function quoteBlock(lines: Run[][]): ImportedBlock {
  const last = lines[lines.length - 1].map((r) => r.text).join('')
  const cite = lines.length > 1 ? CITE.exec(last) : null
  const body = cite ? lines.slice(0, -1) : lines
  const chars: Char[] = body.flatMap((runs, i) => [
    ...(i ? [{ c: '\n', ...PLAIN }] : []),
    ...runs.flatMap((r) => [...r.text].map((c) => ({ c, bold: Boolean(r.bold), italic: Boolean(r.italic) }))),
  ])
  const text = toInline(toRuns(settleSpaceMarks(chars)))
  return { type: 'quote', text, ...(cite ? { cite: cite[1].trim() } : {}) }
}

// ---------------------------------------------------------------- entry point

function formatWarnings(source: string, warnings: Warning[]): string[] {
  return [...warnings]
    .sort((a, b) => a.line - b.line || a.col - b.col)
    .map((w) => `${source}:${w.line}:${w.col}: warning: ${w.text}`)
}

export function parseArticle(html: string, options: ParseOptions): ParseResult {
  const $ = cheerio.load(html, { sourceCodeLocationInfo: true })
  const ctx: Ctx = {
    $,
    options,
    blocks: [],
    buffer: [],
    warnings: [],
    problems: [],
    inQuote: false,
    pendingLabel: null,
    followBlocks: [],
  }
  const declared = declaredCharset($)
  if (declared && !/^utf-?8$/i.test(declared.charset))
    ctx.problems.push(
      `${where(ctx, declared.at)}: the page declares charset ${declared.charset}; only UTF-8 is read`,
    )
  const content = $('#js_content').first()
  if (!content.length)
    return {
      kind: 'error',
      problems: [`${options.source}: not an official-account article (no #js_content)`],
    }
  const meta = readMeta($, ctx)
  walkChildren(content[0], PLAIN, ctx)
  flush(ctx)
  dropEdgeFollowPrompts(ctx)
  if (!ctx.blocks.some((b) => b.type !== 'divider'))
    ctx.problems.push(`${where(ctx, position(content[0]))}: the article body (#js_content) is empty`)
  if (ctx.problems.length) return { kind: 'error', problems: ctx.problems }
  return {
    kind: 'ok',
    article: { ...meta, blocks: ctx.blocks },
    warnings: formatWarnings(options.source, ctx.warnings),
  }
}
