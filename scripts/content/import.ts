/**
 * `content import`: one published official-account article (a saved page or its https address) →
 * a Markdown installment source plus its images under media/. All or nothing: every image is downloaded
 * and checked in memory first; files are written only at the end, and removed again if writing fails.
 */
import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'

import * as v from 'valibot'

import { idSchema, type Block } from '../../src/content/schema'
import { sha256Of } from './hash'
import { parseArticle, type Article, type ArticleImage, type ImportedBlock } from './article'
import { identifyImage } from './media-file'
import { renderBody, renderFrontMatter } from './to-markdown'

export const MAX_PAGE_BYTES = 10 * 1024 * 1024

type Body = { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> }
export type FetchResponse = {
  status: number
  headers: { get(name: string): string | null }
  arrayBuffer(): Promise<ArrayBuffer>
  /** When present (as with global fetch), read in chunks so an oversized answer is cut off early. */
  body?: { getReader(): Body } | null
}
export type Fetcher = (url: string) => Promise<FetchResponse>

export type ImportOptions = {
  number?: number
  id?: string
  interviewer?: string
  interviewee?: string
  force?: boolean
  fetch?: Fetcher
}

export type ImportResult =
  | { kind: 'ok'; file: string; media: string[]; warnings: string[]; todos: string[] }
  | { kind: 'error'; problems: string[]; warnings: string[] }

const USER_AGENT = 'Mozilla/5.0 (compatible; lre-content-import)'

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** No single page or image may hold the import for ever. */
export const DOWNLOAD_TIMEOUT_MS = 30_000

const defaultFetch: Fetcher = (url) =>
  fetch(url, { headers: { 'user-agent': USER_AGENT }, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) })

/** Node's fetch says only "fetch failed"; the reason (ENOTFOUND, a reset, a timeout) is its cause. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error)
}

class Refused extends Error {}

// ---------------------------------------------------------------- reading the page

/** The response's bytes, refusing more than `limit` (by Content-Length, then while reading). */
async function readLimited(response: FetchResponse, limit: number, what: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'))
  if (declared > limit)
    throw new Refused(`${what} is ${megabytes(declared)}; the limit is ${megabytes(limit)}`)
  if (!response.body) {
    const bytes = Buffer.from(await response.arrayBuffer())
    if (bytes.length > limit) throw new Refused(`${what} is over ${megabytes(limit)}`)
    return bytes
  }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (!value) continue
    total += value.length
    if (total > limit) {
      await reader.cancel().catch(() => undefined)
      throw new Refused(`${what} is over ${megabytes(limit)}; stopped reading`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

async function readPage(input: string, fetcher: Fetcher): Promise<{ bytes: Buffer; url: string | null }> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(input) && !/^[a-z]:[\\/]/i.test(input)) {
    if (!/^https:\/\//i.test(input)) throw new Refused('the page address must be an https URL')
    const response = await fetcher(input).catch((error: unknown) => {
      throw new Refused(`could not download the page: ${reasonOf(error)}`)
    })
    if (response.status < 200 || response.status > 299)
      throw new Refused(`could not download the page: HTTP ${response.status}`)
    const charset = /charset\s*=\s*"?([\w-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1]
    if (charset && !/^utf-?8$/i.test(charset))
      throw new Refused(`the page is sent as ${charset}; only UTF-8 is read`)
    const bytes = await readLimited(response, MAX_PAGE_BYTES, 'the page').catch((error: unknown) => {
      if (error instanceof Refused) throw error
      throw new Refused(`could not download the page: ${reasonOf(error)}`)
    })
    return { bytes, url: input }
  }
  const stat = await fs.stat(input).catch(() => null)
  if (!stat?.isFile()) throw new Refused('no such file')
  if (stat.size > MAX_PAGE_BYTES)
    throw new Refused(`the page is ${megabytes(stat.size)}; the limit is ${megabytes(MAX_PAGE_BYTES)}`)
  const bytes = await fs.readFile(input).catch((error: unknown) => {
    throw new Refused(`could not read the page: ${reasonOf(error)}`)
  })
  return { bytes, url: null }
}

function decodeUtf8(bytes: Buffer): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  } catch {
    throw new Refused('the page is not valid UTF-8 (a GBK page? save it again as UTF-8)')
  }
}

// ---------------------------------------------------------------- images

type Downloaded = { name: string; bytes: Buffer; width: number; height: number }

async function downloadImage(image: ArticleImage, fetcher: Fetcher): Promise<Downloaded> {
  let response: FetchResponse
  try {
    response = await fetcher(image.url)
  } catch (error) {
    throw new Refused(`image ${image.url} could not be downloaded: ${reasonOf(error)}`)
  }
  if (response.status < 200 || response.status > 299)
    throw new Refused(`image ${image.url} could not be downloaded: HTTP ${response.status}`)
  const bytes = await readLimited(response, MAX_PAGE_BYTES, `image ${image.url}`).catch((error: unknown) => {
    if (error instanceof Refused) throw error
    throw new Refused(`image ${image.url} could not be downloaded: ${reasonOf(error)}`)
  })
  const file = identifyImage(bytes)
  if (typeof file === 'string') throw new Refused(`image ${image.url} is not a PNG, JPEG, WebP or GIF image`)
  return { ...file, bytes }
}

/** The size written as the image's title: the page's data-w/data-ratio, else the file's own. */
function displaySize(image: ArticleImage, file: Downloaded): { width: number; height: number } {
  if (image.width === null) return { width: file.width, height: file.height }
  const height = image.height ?? Math.max(1, Math.round((image.width * file.height) / file.width))
  return { width: image.width, height }
}

type Resolved = { blocks: Block[]; media: Map<string, Buffer>; problems: string[]; warnings: string[] }

async function resolveImages(blocks: ImportedBlock[], source: string, fetcher: Fetcher): Promise<Resolved> {
  const images = blocks.flatMap((b) => (b.type === 'image' ? [b.image] : []))
  const downloads = new Map<string, Promise<Downloaded | Error>>()
  for (const image of images)
    if (!downloads.has(image.url))
      downloads.set(
        image.url,
        downloadImage(image, fetcher).catch((error: Error) => error),
      )
  const settled = new Map<string, Downloaded | Error>()
  for (const [url, pending] of downloads) settled.set(url, await pending)

  const out: Resolved = { blocks: [], media: new Map(), problems: [], warnings: [] }
  for (const block of blocks) {
    if (block.type !== 'image') {
      out.blocks.push(block)
      continue
    }
    const { image } = block
    const file = settled.get(image.url)!
    if (file instanceof Error) {
      if (!(file instanceof Refused)) throw file
      out.problems.push(`${source}:${image.line}: ${file.message}`)
      continue
    }
    out.media.set(file.name, file.bytes)
    out.blocks.push({
      type: 'image',
      src: file.name,
      ...displaySize(image, file),
      ...(image.caption ? { caption: image.caption } : {}),
    })
  }
  return out
}

// ---------------------------------------------------------------- the Markdown file

function fileName(article: Article, options: ImportOptions, source: string): string {
  if (options.number !== undefined) {
    const id = options.id ?? `installment-${options.number}`
    return `${String(options.number).padStart(3, '0')}-${id}.md`
  }
  return `imported-${article.publishedAt ?? 'undated'}-${sha256Of(article.url ?? source).slice(0, 8)}.md`
}

function markdownOf(
  article: Article,
  body: string,
  options: ImportOptions,
): { text: string; todos: string[] } {
  const number = options.number ?? null
  const front = renderFrontMatter({
    id: options.id ?? (number === null ? null : `installment-${number}`),
    number,
    title: article.title,
    name: options.interviewee?.trim() || null,
    publishedAt: article.publishedAt,
    summary: article.summary,
    url: article.url,
    account: article.account,
  })
  return { text: `${front.text}\n${body}`, todos: front.todos }
}

/** Writes media first, then the Markdown (through a temporary file); undoes it all if anything fails. */
async function writeAll(
  contentDir: string,
  file: string,
  text: string,
  media: Map<string, Buffer>,
): Promise<void> {
  const written: string[] = []
  const mediaDir = path.join(contentDir, 'media')
  const madeMediaDir = media.size > 0 && !existsSync(mediaDir)
  const temp = `${file}.tmp-${process.pid}`
  try {
    if (madeMediaDir) await fs.mkdir(mediaDir)
    for (const [name, bytes] of [...media].sort(([a], [b]) => a.localeCompare(b))) {
      const target = path.join(contentDir, name)
      if (existsSync(target)) continue // named by its hash: the same file is already there
      await fs.writeFile(target, bytes, { flag: 'wx' })
      written.push(target)
    }
    await fs.writeFile(temp, text, { flag: 'wx' })
    written.push(temp)
    await fs.rename(temp, file)
  } catch (error) {
    for (const target of written.reverse()) await fs.rm(target, { force: true })
    if (madeMediaDir) await fs.rm(mediaDir, { recursive: true, force: true })
    throw error
  }
}

function checkOptions(options: ImportOptions, source: string): string[] {
  const problems: string[] = []
  const { number, id } = options
  if (number !== undefined && (!Number.isInteger(number) || number < 1 || number > 999))
    problems.push(`${source}: --number must be a whole number from 1 to 999`)
  if (id !== undefined && !v.is(idSchema, id))
    problems.push(`${source}: --id must be kebab-case: lowercase letters, digits and dashes`)
  return problems
}

export async function importArticle(
  input: string,
  contentDir: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const fetcher = options.fetch ?? defaultFetch
  const fail = (problems: string[], warnings: string[] = []): ImportResult => ({
    kind: 'error',
    problems,
    warnings,
  })
  const optionProblems = checkOptions(options, input)
  if (optionProblems.length) return fail(optionProblems)
  if (!existsSync(contentDir) || !(await fs.stat(contentDir)).isDirectory())
    return fail([`${contentDir}: no such folder`])

  let html: string
  try {
    html = decodeUtf8((await readPage(input, fetcher)).bytes)
  } catch (error) {
    if (error instanceof Refused) return fail([`${input}: ${error.message}`])
    throw error
  }
  const parsed = parseArticle(html, {
    source: input,
    interviewer: options.interviewer,
    interviewee: options.interviewee,
  })
  if (parsed.kind === 'error') return fail(parsed.problems)
  const { article } = parsed
  if (!article.url && /^https:\/\//i.test(input)) article.url = input

  const file = path.join(contentDir, fileName(article, options, input))
  if (existsSync(file) && !options.force)
    return fail([`${file}: already exists; --force overwrites it`], parsed.warnings)

  const resolved = await resolveImages(article.blocks, input, fetcher)
  const warnings = [...parsed.warnings, ...resolved.warnings]
  if (resolved.problems.length) return fail(resolved.problems, warnings)
  const body = renderBody(resolved.blocks)
  // A block that cannot be written as it reads is text an editor would lose: refuse, never skip it.
  if (body.lost.length)
    return fail(
      body.lost.map((p) => `${input}: block ${p.index + 1}: ${p.message}`),
      warnings,
    )
  const bodyNotes = body.problems.map((p) => `${input}: warning: block ${p.index + 1}: ${p.message}`)
  const markdown = markdownOf(article, body.markdown, options)
  try {
    await writeAll(contentDir, file, markdown.text, resolved.media)
  } catch (error) {
    return fail([`${file}: could not write: ${(error as Error).message}`], [...warnings, ...bodyNotes])
  }
  const media = [...resolved.media.keys()].sort().map((name) => path.join(contentDir, name))
  return { kind: 'ok', file, media, warnings: [...warnings, ...bodyNotes], todos: markdown.todos }
}
