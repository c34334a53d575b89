import MarkdownIt from 'markdown-it'
import type Token from 'markdown-it/lib/token.mjs'

import { plainText } from '../../src/content/inline'
import type { Block, Inline, Run } from '../../src/content/schema'

/** A problem found in a source file, located by 1-based line. */
export type SourceProblem = { line: number; message: string }

/** An image the body references; the builder resolves and copies it. */
export type ImageRef = { src: string; line: number; title: string | null }

export type BodyResult = {
  blocks: Array<Block | PendingImage>
  problems: SourceProblem[]
  /** The line each block starts on, 1-based in its file (`lineOffset` counted): `lines[i]` is `blocks[i]`'s. */
  lines: number[]
}

/** An image block before the builder has measured and copied the file. */
export type PendingImage = { type: 'pending-image'; ref: ImageRef; caption: string }

// html: true so raw HTML shows up as html tokens we can reject, rather than as escaped text.
const md = new MarkdownIt({ html: true, linkify: false, typographer: false })

const QUESTION = /^(?:问[：:]|Q[：:])\s*/
const ANSWER = /^(?:答[：:]|A[：:])\s*/
/** A quote's last line `— source`: its cite. The importer writes quotes so that this reads them. */
export const CITE = /^(?:—{1,2}|--)\s*(.+)$/

type Cursor = { tokens: Token[]; index: number; lineOffset: number; problems: SourceProblem[] }

function lineOf(cursor: Cursor, token: Token): number {
  return (token.map?.[0] ?? 0) + 1 + cursor.lineOffset
}

function problem(cursor: Cursor, token: Token, message: string): void {
  cursor.problems.push({ line: lineOf(cursor, token), message })
}

/** Flattens an inline token into runs, merging neighbours with the same marks. */
function toRuns(cursor: Cursor, inline: Token): Run[] {
  const runs: Run[] = []
  let bold = false
  let italic = false
  const push = (text: string) => {
    if (!text) return
    const last = runs[runs.length - 1]
    if (last && Boolean(last.bold) === bold && Boolean(last.italic) === italic) {
      last.text += text
      return
    }
    runs.push({ text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) })
  }
  for (const child of inline.children ?? []) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        push(child.content)
        break
      case 'softbreak':
      case 'hardbreak':
        push('\n')
        break
      case 'strong_open':
      case 'strong_close':
        bold = child.type === 'strong_open'
        break
      case 'em_open':
      case 'em_close':
        italic = child.type === 'em_open'
        break
      case 'link_open': {
        const href = child.attrGet('href') ?? ''
        if (!href.startsWith('https://')) problem(cursor, inline, `link "${href}" must be an https URL`)
        break
      }
      case 'link_close':
        break
      case 'html_inline':
        problem(cursor, inline, `raw HTML is not allowed: ${child.content.trim()}`)
        break
      case 'image':
        problem(cursor, inline, 'an image must stand alone in its own paragraph')
        break
      default:
        problem(cursor, inline, `unsupported inline syntax: ${child.type}`)
    }
  }
  return runs
}

/** A single unmarked run collapses to a plain string, as the contract prefers. */
function toInline(runs: Run[]): Inline {
  if (runs.length === 1 && !runs[0].bold && !runs[0].italic) return runs[0].text
  return runs
}

function stripPrefix(runs: Run[], prefix: RegExp): Run[] | null {
  const first = runs[0]
  if (!first || !prefix.test(first.text)) return null
  const text = first.text.replace(prefix, '')
  return text ? [{ ...first, text }, ...runs.slice(1)] : runs.slice(1)
}

function paragraphBlock(cursor: Cursor, inline: Token): Block | PendingImage | null {
  const children = inline.children ?? []
  const meaningful = children.filter((c) => !(c.type === 'text' && c.content.trim() === ''))
  if (meaningful.length === 1 && meaningful[0].type === 'image') {
    const image = meaningful[0]
    return {
      type: 'pending-image',
      ref: { src: image.attrGet('src') ?? '', line: lineOf(cursor, inline), title: image.attrGet('title') },
      caption: image.content,
    }
  }
  const runs = toRuns(cursor, inline)
  if (runs.length === 0) return null
  const question = stripPrefix(runs, QUESTION)
  if (question) return question.length ? { type: 'question', text: toInline(question) } : null
  const answer = stripPrefix(runs, ANSWER)
  if (answer) return answer.length ? { type: 'answer', text: toInline(answer) } : null
  return { type: 'paragraph', text: toInline(runs) }
}

/** Reads a blockquote; a last paragraph `— source` becomes the cite. */
function quoteBlock(cursor: Cursor, open: Token): Block | null {
  const paragraphs: Run[][] = []
  let depth = 1
  while (++cursor.index < cursor.tokens.length && depth > 0) {
    const token = cursor.tokens[cursor.index]
    if (token.type === 'blockquote_open') depth++
    else if (token.type === 'blockquote_close') depth--
    else if (token.type === 'inline') paragraphs.push(toRuns(cursor, token))
    else if (!['paragraph_open', 'paragraph_close'].includes(token.type))
      problem(cursor, token, `unsupported syntax inside a quote: ${token.type}`)
  }
  cursor.index--
  const runs = mergeRuns(paragraphs.flatMap((p, i) => (i === 0 ? p : [{ text: '\n' }, ...p])))
  const { text, cite } = splitCite(runs)
  if (text.length === 0) {
    problem(cursor, open, 'a quote must have text')
    return null
  }
  return { type: 'quote', text: toInline(text), ...(cite ? { cite } : {}) }
}

/** Splits off a last line `— source` (its own line, or its own paragraph) as the cite. */
function splitCite(runs: Run[]): { text: Run[]; cite: string | null } {
  const plain = plainText(runs)
  const cut = plain.lastIndexOf('\n')
  const match = cut >= 0 ? CITE.exec(plain.slice(cut + 1).trim()) : null
  if (!match) return { text: runs, cite: null }
  const text: Run[] = []
  let remaining = cut
  for (const run of runs) {
    if (remaining <= 0) break
    text.push({ ...run, text: run.text.slice(0, remaining) })
    remaining -= run.text.length
  }
  return { text: text.filter((r) => r.text), cite: match[1].trim() }
}

function mergeRuns(runs: Run[]): Run[] {
  return runs.reduce<Run[]>((out, run) => {
    const last = out[out.length - 1]
    if (last && Boolean(last.bold) === Boolean(run.bold) && Boolean(last.italic) === Boolean(run.italic)) {
      last.text += run.text
    } else out.push({ ...run })
    return out
  }, [])
}

/**
 * Turns a Markdown body into contract blocks. `lineOffset` is the number of lines before the
 * body in its file (the front matter), so problems point at the line an editor sees.
 */
export function parseBody(source: string, lineOffset: number): BodyResult {
  const cursor: Cursor = { tokens: md.parse(source, {}), index: -1, lineOffset, problems: [] }
  const blocks: Array<Block | PendingImage> = []
  const lines: number[] = []
  const push = (token: Token, block: Block | PendingImage | null) => {
    if (!block) return
    blocks.push(block)
    lines.push(lineOf(cursor, token))
  }
  while (++cursor.index < cursor.tokens.length) {
    const token = cursor.tokens[cursor.index]
    switch (token.type) {
      case 'heading_open': {
        const inline = cursor.tokens[++cursor.index]
        const level = Number(token.tag.slice(1))
        if (level === 2 || level === 3)
          push(token, { type: 'heading', level, text: plainText(toRuns(cursor, inline)) })
        else problem(cursor, token, `only ## and ### headings are allowed, found ${token.markup}`)
        cursor.index++
        break
      }
      case 'paragraph_open': {
        push(token, paragraphBlock(cursor, cursor.tokens[++cursor.index]))
        cursor.index++
        break
      }
      case 'blockquote_open': {
        push(token, quoteBlock(cursor, token))
        break
      }
      case 'hr':
        push(token, { type: 'divider' })
        break
      case 'html_block':
        problem(cursor, token, `raw HTML is not allowed: ${token.content.trim().split('\n')[0]}`)
        break
      default:
        problem(cursor, token, `unsupported block syntax: ${token.type.replace(/_open$/, '')}`)
        skipContainer(cursor, token)
    }
  }
  return { blocks, problems: dedupe(cursor.problems), lines }
}

/** Steps past everything inside an unsupported container (a list, a table), reported once. */
function skipContainer(cursor: Cursor, open: Token): void {
  if (open.nesting !== 1) return
  while (++cursor.index < cursor.tokens.length) {
    const token = cursor.tokens[cursor.index]
    if (
      token.nesting === -1 &&
      token.level === open.level &&
      token.type === open.type.replace(/_open$/, '_close')
    )
      return
  }
}

function dedupe(problems: SourceProblem[]): SourceProblem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    const key = `${p.line}:${p.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Characters a reader reads: CJK ideographs count one each, Latin words one each. */
export function countReadingUnits(blocks: ReadonlyArray<Block>): number {
  const text = blocks.map(blockText).join('\n')
  const cjk = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0
  const words = text.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, ' ').match(/[A-Za-z0-9]+/g)?.length ?? 0
  return cjk + words
}

export function countCjk(blocks: ReadonlyArray<Block>): number {
  return (
    blocks
      .map(blockText)
      .join('')
      .match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0
  )
}

export function blockText(block: Block): string {
  switch (block.type) {
    case 'divider':
      return ''
    case 'image':
      return block.caption ?? ''
    case 'heading':
      return block.text
    case 'quote':
      return `${plainText(block.text)}${block.cite ? `\n${block.cite}` : ''}`
    default:
      return plainText(block.text)
  }
}

/** About 400 Chinese characters a minute, never less than one minute. */
export function readingMinutes(blocks: ReadonlyArray<Block>): number {
  return Math.max(1, Math.round(countReadingUnits(blocks) / 400))
}
