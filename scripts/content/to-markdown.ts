/**
 * Writes contract blocks as Markdown in our conventions (content/README.md), and checks each block by
 * reading it back with the builder's own parser, so what an editor gets is what the builder will read.
 */
import { isDeepStrictEqual } from 'node:util'

import type { Block, Inline, Run } from '../../src/content/schema'
import { parseBody } from './markdown'

export type FrontMatter = {
  id: string | null
  number: number | null
  title: string | null
  name: string | null
  publishedAt: string | null
  summary: string | null
  url: string | null
  account: string | null
}

/** What the editor is asked to fill in, per field; the comment follows the bare value TODO. */
const TODO_HINTS: Record<string, string> = {
  id: '本期的地址：小写字母、数字和连字符，例如 installment-13',
  number: '本期序号，1 到 999',
  title: '标题',
  'interviewee.name': '受访者姓名',
  'interviewee.role': '受访者的职务或岗位',
  'interviewee.group': '从上一行的四个值里选一个',
  publishedAt: '发布日期，YYYY-MM-DD',
  summary: '一两句话的摘要，显示在列表里',
  'source.url': '原文的 https 地址',
}

export function renderFrontMatter(front: FrontMatter): { text: string; todos: string[] } {
  const todos: string[] = []
  const value = (key: string, v: string | null) => {
    if (v !== null) return v
    todos.push(key)
    return `TODO # ${TODO_HINTS[key]}`
  }
  const quoted = (v: string | null) => (v === null ? null : JSON.stringify(v))
  const lines = [
    '---',
    `id: ${value('id', front.id)}`,
    `number: ${value('number', front.number === null ? null : String(front.number))}`,
    `title: ${value('title', quoted(front.title))}`,
    'interviewee:',
    `  name: ${value('interviewee.name', quoted(front.name))}`,
    `  role: ${value('interviewee.role', null)}`,
    '  # one of: scientist | entrepreneur | engineer | worker',
    `  group: ${value('interviewee.group', null)}`,
    `publishedAt: ${value('publishedAt', front.publishedAt)}`,
    `summary: ${value('summary', quoted(front.summary))}`,
    'tags: []',
    'source:',
    `  url: ${value('source.url', front.url)}`,
    ...(front.account ? [`  account: ${JSON.stringify(front.account)}`] : []),
    '---',
  ]
  return { text: `${lines.join('\n')}\n`, todos }
}

// ---------------------------------------------------------------- inline text

/** Backslash-escapes what Markdown would read as syntax, so the builder reads the text back as it is. */
export function escapeText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|#]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
    .split('\n')
    .map((line) => line.replace(/^[-+=]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2'))
    .join('\n')
}

const runsOf = (text: Inline): Run[] => (typeof text === 'string' ? [{ text }] : text)

/** Bold groups on the outside, italic inside them: `**a *b***`, `*c*`. */
export function renderInline(text: Inline): string {
  const runs = runsOf(text)
  let out = ''
  for (let i = 0; i < runs.length;) {
    const bold = Boolean(runs[i].bold)
    let inner = ''
    for (; i < runs.length && Boolean(runs[i].bold) === bold; i++) {
      const escaped = escapeText(runs[i].text)
      inner += runs[i].italic ? `*${escaped}*` : escaped
    }
    out += bold ? `**${inner}**` : inner
  }
  return out
}

// ---------------------------------------------------------------- blocks

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeText(block.text)}`
    case 'paragraph':
      return renderInline(block.text)
    case 'question':
      return `问：${renderInline(block.text)}`
    case 'answer':
      return `答：${renderInline(block.text)}`
    case 'quote': {
      const lines = renderInline(block.text).split('\n')
      if (block.cite) lines.push(`— ${escapeText(block.cite)}`)
      return lines.map((line) => `> ${line}`).join('\n')
    }
    case 'divider':
      return '---'
    case 'image':
      return `![${escapeText(block.caption ?? '')}](${block.src} "${block.width}x${block.height}")`
  }
}

function readsBack(block: Block, markdown: string): boolean {
  const parsed = parseBody(markdown, 0)
  if (parsed.problems.length || parsed.blocks.length !== 1) return false
  const [back] = parsed.blocks
  if (block.type === 'image')
    return (
      back.type === 'pending-image' &&
      back.ref.src === block.src &&
      back.caption === (block.caption ?? '') &&
      back.ref.title === `${block.width}x${block.height}`
    )
  return isDeepStrictEqual(back, block)
}

const isMarkable = (c: string) => !/[\p{P}\p{S}\s]/u.test(c)

/**
 * CommonMark will not open or close emphasis between a letter and punctuation (`是**“引”**字`), which
 * is common in Chinese. Punctuation at the edge of a bold or italic run gives up its marks instead.
 */
function unmarkEdgePunctuation(text: Inline): Inline {
  const chars = runsOf(text).flatMap((r) => [...r.text].map((c) => ({ c, bold: r.bold, italic: r.italic })))
  const same = (a?: { bold?: boolean; italic?: boolean }, b?: { bold?: boolean; italic?: boolean }) =>
    Boolean(a?.bold) === Boolean(b?.bold) && Boolean(a?.italic) === Boolean(b?.italic)
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]
      if (isMarkable(ch.c) || (!ch.bold && !ch.italic)) continue
      const atEdge = !same(chars[i - 1], ch) || !same(chars[i + 1], ch)
      if (atEdge) {
        ch.bold = undefined
        ch.italic = undefined
      }
    }
  }
  const runs: Run[] = []
  for (const ch of chars) {
    const last = runs[runs.length - 1]
    if (last && same(last, ch)) last.text += ch.c
    else runs.push({ text: ch.c, ...(ch.bold ? { bold: true } : {}), ...(ch.italic ? { italic: true } : {}) })
  }
  return runs.length === 1 && !runs[0].bold && !runs[0].italic ? runs[0].text : runs
}

const plain = (text: Inline) =>
  runsOf(text)
    .map((r) => r.text)
    .join('')

function withText(block: Block, text: Inline): Block {
  return 'text' in block && typeof block.text !== 'string' ? ({ ...block, text } as Block) : block
}

/** The block as written, and whether its bold/italic had to go to keep the text exact. */
function writeBlock(block: Block): { markdown: string; block: Block; lostMarks: boolean } | null {
  const candidates: Block[] = [block]
  if ('text' in block && typeof block.text !== 'string') {
    candidates.push(withText(block, unmarkEdgePunctuation(block.text)), withText(block, plain(block.text)))
  }
  for (const [i, candidate] of candidates.entries()) {
    const markdown = renderBlock(candidate)
    if (readsBack(candidate, markdown)) return { markdown, block: candidate, lostMarks: i === 2 }
  }
  return null
}

type BlockNote = { index: number; message: string }

/** `problems` lost only marks; `lost` are blocks that could not be written at all. */
export type BodyWrite = { markdown: string; blocks: Block[]; problems: BlockNote[]; lost: BlockNote[] }

/** Markdown for the body; each block is read back by the builder's parser before it is accepted. */
export function renderBody(blocks: readonly Block[]): BodyWrite {
  const parts: string[] = []
  const written: Block[] = []
  const problems: BlockNote[] = []
  const lost: BlockNote[] = []
  blocks.forEach((block, index) => {
    const result = writeBlock(block)
    if (!result) {
      lost.push({ index, message: `could not write this ${block.type} so that it reads back exactly` })
      return
    }
    if (result.lostMarks)
      problems.push({ index, message: 'bold/italic dropped: Markdown cannot mark it here' })
    parts.push(result.markdown)
    written.push(result.block)
  })
  return { markdown: `${parts.join('\n\n')}\n`, blocks: written, problems, lost }
}
