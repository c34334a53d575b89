import { existsSync, promises as fs, statSync } from 'node:fs'
import path from 'node:path'

import matter from 'gray-matter'
import * as v from 'valibot'

import {
  SCHEMA_VERSION,
  groupSchema,
  httpsUrlSchema,
  idSchema,
  officialAccountSchema,
  isoDateSchema,
  type Block,
  type CoverImage,
  type Installment,
  type Manifest,
  type ManifestEntry,
  type Series,
} from '../../src/content/schema'
import {
  check,
  formatPath,
  validateInstallment,
  validateManifest,
  type Schema,
} from '../../src/content/validate'
import { sha256Of } from './hash'
import { parseBody, readingMinutes, type ImageRef, type PendingImage } from './markdown'
import { alignmentProblems, isTranslation, originalOf, translationOf, type AlignedSide } from './translation'
import { describeProblem, pictureMaker, type PictureMaker, type Variant, type VariantKind } from './pictures'
import { searchIndexOf, searchPartPathOf, searchPartsOf, searchPathOf } from './search-index'

const MB = 1024 * 1024
/**
 * An original may be large (a camera's photo is often 1–5 MB): what is published is its variants,
 * whose sizes the picture maker limits (scripts/content/pictures.ts). This only stops a mistake.
 */
export const MAX_SOURCE_BYTES = 40 * MB
export const SERIES_FILE = 'series.md'

/** Everything a build writes, keyed by path relative to the output folder. */
export type BuildOutput = {
  manifest: Manifest
  files: Map<string, Buffer>
  /** Every published picture variant with the first place it is named, in source order. */
  media: MediaUse[]
}
export type BuildResult = { kind: 'ok'; output: BuildOutput } | { kind: 'error'; problems: string[] }

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'))
const optionalText = v.optional(text)

/** An installment's English, optional field by field: what is absent shows in Chinese. */
const enFrontMatterSchema = v.strictObject({
  title: optionalText,
  summary: optionalText,
  interviewee: v.optional(v.strictObject({ name: text, role: text, organization: optionalText })),
  /** The tags' translations: as many as `tags`, in the same order (checked after the schema). */
  tags: v.optional(v.array(text)),
})

const frontMatterSchema = v.strictObject({
  id: idSchema,
  number: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999)),
  title: text,
  interviewee: v.strictObject({ name: text, role: text, group: groupSchema, organization: optionalText }),
  publishedAt: isoDateSchema,
  summary: text,
  tags: v.optional(v.array(text), []),
  cover: v.optional(v.string()),
  sample: v.optional(v.boolean()),
  source: v.optional(v.strictObject({ url: httpsUrlSchema, account: optionalText })),
  en: v.optional(enFrontMatterSchema),
})

const seriesFrontMatterSchema = v.strictObject({
  title: text,
  tagline: text,
  officialAccount: v.optional(
    v.strictObject({ name: text, username: officialAccountSchema.entries.username }),
  ),
  media: v.optional(httpsUrlSchema),
  en: v.optional(v.strictObject({ title: optionalText, tagline: optionalText })),
})

type SourceFile = { name: string; file: string; text: string; lines: string[] }

/** YAML turns bare dates into Date objects; the contract wants the ISO day. */
function normaliseYaml(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (Array.isArray(value)) return value.map(normaliseYaml)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseYaml(v)]))
  }
  return value
}

/**
 * Best-effort line of a front-matter key: the first `key:` at or after its parent's line (a top-level
 * key at the start of its line, so `en.title` is never taken for `title`).
 */
function lineOfKey(lines: readonly string[], keyPath: ReadonlyArray<string | number>): number {
  let line = 0
  let top = true
  for (const key of keyPath) {
    if (typeof key === 'number') continue
    const pattern = new RegExp(`^${top ? '' : '\\s*'}${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`)
    const found = lines.findIndex((l, i) => i >= line && pattern.test(l))
    if (found >= 0) line = found
    top = false
  }
  return line + 1
}

/** A strict object's unknown key is found at its own line: `en:` then `  titel:` is the typo's line. */
const UNKNOWN_KEY = /^Unrecognized key\(s\) in object: '(.+)'$/

async function readSource(
  srcDir: string,
  name: string,
  problems: string[],
  given?: Buffer,
): Promise<SourceFile | null> {
  const file = path.join(srcDir, name)
  const bytes = given ?? (await fs.readFile(file))
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    text = text.replace(/\r\n?/g, '\n')
    return { name, file, text, lines: text.split('\n') }
  } catch {
    problems.push(`${name}:${firstBadUtf8Line(bytes)}: invalid UTF-8; save the file as UTF-8`)
    return null
  }
}

function firstBadUtf8Line(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let start = 0
  let line = 1
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i))
      } catch {
        return line
      }
      start = i + 1
      line++
    }
  }
  return 1
}

/** A front-matter value an importer left for the editor: `role: TODO # 受访者的职务`. */
const TODO_VALUE = /^\s*(?:-\s+)?([\w.-]+)\s*:\s*["']?TODO(?=["']?\s*(?:#|$))/

/** Every unfilled TODO in the front matter, by line, so nothing half-filled is ever published. */
function todoProblems(source: SourceFile): Map<number, string> {
  const todos = new Map<number, string>()
  if (source.lines[0]?.trim() !== '---') return todos
  const end = source.lines.indexOf('---', 1)
  source.lines.slice(1, end < 0 ? undefined : end).forEach((line, i) => {
    const match = TODO_VALUE.exec(line)
    if (match)
      todos.set(i + 2, `${source.name}:${i + 2}: ${match[1]} is still TODO; fill it in before building`)
  })
  return todos
}

type Parsed<T> = {
  data: T
  body: Array<Block | PendingImage>
  bodyLine: number
  /** The line each body block starts on. */
  at: number[]
  /** Whether the body read without a problem, so a translation can be lined up with it. */
  bodyOk: boolean
}

function parseSource<T>(source: SourceFile, schema: Schema<T>, problems: string[]): Parsed<T> | null {
  const todos = todoProblems(source)
  problems.push(...todos.values())
  let parsed: matter.GrayMatterFile<string>
  try {
    // A fresh options object stops gray-matter from caching by content across builds.
    parsed = matter(source.text, {})
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark
    problems.push(`${source.name}:${(mark?.line ?? 0) + 2}: front matter is not valid YAML`)
    return null
  }
  const bodyLine = source.text.split('\n').length - parsed.content.split('\n').length
  const data = check(schema, normaliseYaml(parsed.data))
  const body = parseBody(parsed.content, bodyLine)
  for (const p of body.problems) problems.push(`${source.name}:${p.line}: ${p.message}`)
  if (!data.ok) {
    for (const issue of data.issues) {
      const unknown = UNKNOWN_KEY.exec(issue.message)
      const line = lineOfKey(source.lines, unknown ? [...issue.path, unknown[1]] : issue.path)
      // A TODO is reported once, as a TODO: not again as "not a number" or "not a group".
      if (todos.has(line)) continue
      const message = issue.message === 'Required' ? 'is required' : issue.message
      problems.push(`${source.name}:${line}: ${formatPath(issue.path) || 'front matter'} ${message}`)
    }
    return null
  }
  if (todos.size) return null
  const empty = parsed.content.trim() === ''
  if (empty) problems.push(`${source.name}:${bodyLine + 1}: the body is empty`)
  return {
    data: data.value,
    body: body.blocks,
    bodyLine,
    at: body.lines,
    bodyOk: !empty && body.problems.length === 0,
  }
}

/** A file's bytes, or null when there is no such file. */
const readIfExists = (file: string): Promise<Buffer | null> =>
  fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })

/** A translation beside a source: its name, and its body when it reads (else its problems are listed). */
type English = { name: string; side: AlignedSide | null }

/**
 * Reads `<name>.en.md` when there is one (`given`: its bytes, already read, or null for none): no
 * front matter, a body in the same Markdown as the Chinese, read with the same parser.
 */
async function readEnglish(
  srcDir: string,
  name: string,
  problems: string[],
  given?: Buffer | null,
): Promise<English | null> {
  const enName = translationOf(name)
  const bytes = given === undefined ? await readIfExists(path.join(srcDir, enName)) : given
  if (!bytes) return null
  const source = await readSource(srcDir, enName, problems, bytes)
  if (!source) return { name: enName, side: null }
  if (/^---\s*$/.test(source.lines[0] ?? '') && /^\s*[\w-]+\s*:/.test(source.lines[1] ?? '')) {
    problems.push(
      `${enName}:1: an English body has no front matter; its English title, summary, people and tags go in the en: block of ${name}`,
    )
    return { name: enName, side: null }
  }
  const body = parseBody(source.text, 0)
  for (const p of body.problems) problems.push(`${enName}:${p.line}: ${p.message}`)
  const side = { name: enName, lines: source.lines, blocks: body.blocks, at: body.lines }
  return { name: enName, side: body.problems.length ? null : side }
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`

/**
 * What a translation must be beside its source: `en.tags` as many as `tags`, an English title when
 * there is an English body (installments only), and that body block for block with the Chinese.
 */
function englishProblems(
  source: SourceFile,
  parsed: Parsed<{ tags?: string[]; en?: { title?: string; tags?: string[] } }>,
  english: English | null,
  needsTitle: boolean,
): string[] {
  const problems: string[] = []
  const { en, tags = [] } = parsed.data
  if (en?.tags && en.tags.length !== tags.length)
    problems.push(
      `${source.name}:${lineOfKey(source.lines, ['en', 'tags'])}: en.tags has ${count(en.tags.length, 'tag')} where tags has ${tags.length}; give one English tag for each, in the same order`,
    )
  if (english && needsTitle && !en?.title)
    problems.push(
      `${source.name}:${lineOfKey(source.lines, ['en'])}: en.title is required: ${english.name} gives this installment an English body, which needs an English title`,
    )
  if (english?.side && parsed.bodyOk)
    problems.push(
      ...alignmentProblems(
        { name: source.name, lines: source.lines, blocks: parsed.body, at: parsed.at },
        english.side,
      ),
    )
  return problems
}

/**
 * The English body as published: its own text, and for each picture the Chinese block's (the same
 * file, already made into variants) with the English caption.
 */
function englishBody(blocks: ReadonlyArray<Block | PendingImage>, chinese: readonly Block[]): Block[] {
  return blocks.map((block, i) => {
    if (block.type !== 'pending-image') return block
    const picture = chinese[i]
    // Lined up before this is called: a picture here is a picture there.
    if (picture?.type !== 'image') throw new Error(`English block ${i} is no picture in the Chinese`)
    const { caption: _chinese, ...image } = picture
    return { ...image, ...(block.caption ? { caption: block.caption } : {}) }
  })
}

/** Where a published media file is first named, for the bundle's `file:line` problems. */
export type MediaUse = {
  /** The published file, `media/<hash>.<ext>`. */
  path: string
  variant: VariantKind
  /** `file:line` of the first source that names the picture. */
  where: string
  /** The picture as the editor named it, e.g. `media/mine.jpg`. */
  picture: string
  bytes: number
}

/** What resolving one source's pictures gives: its media files and their uses, or its problems. */
type MediaSink = { files: Map<string, Buffer>; uses: MediaUse[]; problems: string[] }

const newSink = (): MediaSink => ({ files: new Map(), uses: [], problems: [] })

type ResolvedImage = { src: string; width: number; height: number; placeholder?: string; large?: string }
type ResolvedCover = { cover: string; coverImage?: CoverImage }

function publish(
  sink: MediaSink,
  variant: VariantKind,
  file: Variant,
  where: string,
  picture: string,
): string {
  sink.files.set(file.path, file.bytes)
  sink.uses.push({ path: file.path, variant, where, picture, bytes: file.bytes.length })
  return file.path
}

type LocalPicture = { bytes: () => Promise<Buffer> } | { problem: string }

/** An editor's local picture, found next to its source and not unreasonably large; or why not. */
function localPicture(source: SourceFile, ref: ImageRef): LocalPicture {
  const where = `${source.name}:${ref.line}`
  const file = path.resolve(path.dirname(source.file), ref.src)
  if (!existsSync(file)) return { problem: `${where}: image "${ref.src}" not found` }
  const size = statSync(file).size
  if (size > MAX_SOURCE_BYTES)
    return {
      problem: `${where}: image "${ref.src}" is ${Math.ceil(size / MB)} MB; an original may be at most ${MAX_SOURCE_BYTES / MB} MB`,
    }
  return { bytes: () => fs.readFile(file) }
}

/** A remote picture stands as it is; its size must be given as its title. */
function remoteImage(where: string, ref: ImageRef): ResolvedImage | string {
  if (!v.is(httpsUrlSchema, ref.src)) return `${where}: image "${ref.src}" must be an https URL`
  const size = /^(\d+)x(\d+)$/.exec(ref.title ?? '')
  if (!size) return `${where}: remote image "${ref.src}" needs its size as a title, e.g. "800x600"`
  return { src: ref.src, width: Number(size[1]), height: Number(size[2]) }
}

const isRemote = (src: string) => /^[a-z]+:/i.test(src)

/** Publishes a body picture's variants; returns what its image block records. */
async function resolveImage(
  source: SourceFile,
  ref: ImageRef,
  pictures: PictureMaker,
  sink: MediaSink,
): Promise<ResolvedImage | null> {
  const where = `${source.name}:${ref.line}`
  if (isRemote(ref.src)) {
    const remote = remoteImage(where, ref)
    if (typeof remote === 'string') sink.problems.push(remote)
    return typeof remote === 'string' ? null : remote
  }
  const local = localPicture(source, ref)
  if ('problem' in local) return (sink.problems.push(local.problem), null)
  const made = await pictures.picture(local.bytes)
  if ('kind' in made)
    return (sink.problems.push(`${where}: image "${ref.src}" ${describeProblem(made)}`), null)
  const { reader, large, placeholder } = made
  return {
    src: publish(sink, 'reader', reader, where, ref.src),
    width: reader.width,
    height: reader.height,
    placeholder,
    ...(large ? { large: publish(sink, 'large', large, where, ref.src) } : {}),
  }
}

/** Publishes a cover's variants; returns `cover` (its reader variant) and `coverImage`. */
async function resolveCover(
  source: SourceFile,
  ref: ImageRef,
  pictures: PictureMaker,
  sink: MediaSink,
): Promise<ResolvedCover | null> {
  const where = `${source.name}:${ref.line}`
  if (isRemote(ref.src)) {
    // A remote cover is named as it is; no box is reserved for it, so it needs no size.
    if (v.is(httpsUrlSchema, ref.src)) return { cover: ref.src }
    return (sink.problems.push(`${where}: cover "${ref.src}" must be an https URL`), null)
  }
  const local = localPicture(source, ref)
  if ('problem' in local) return (sink.problems.push(local.problem), null)
  const made = await pictures.cover(local.bytes)
  if ('kind' in made)
    return (sink.problems.push(`${where}: cover "${ref.src}" ${describeProblem(made)}`), null)
  const { reader, thumb, share, placeholder } = made
  return {
    cover: publish(sink, 'reader', reader, where, ref.src),
    coverImage: {
      width: reader.width,
      height: reader.height,
      placeholder,
      thumb: publish(sink, 'thumb', thumb, where, ref.src),
      ...(share ? { share: publish(sink, 'share', share, where, ref.src) } : {}),
    },
  }
}

async function resolveBlocks(
  source: SourceFile,
  blocks: Array<Block | PendingImage>,
  pictures: PictureMaker,
  sink: MediaSink,
): Promise<Block[]> {
  // Every picture of the file is asked for at once (the maker runs a few at a time), each into a
  // sink of its own, merged in block order: problems and files come out the same on every build.
  const resolved = await Promise.all(
    blocks.map(async (block) => {
      if (block.type !== 'pending-image') return { block, own: null }
      const own = newSink()
      const image = await resolveImage(source, block.ref, pictures, own)
      const caption = block.caption ? { caption: block.caption } : {}
      return { block: image ? ({ type: 'image', ...image, ...caption } satisfies Block) : null, own }
    }),
  )
  const out: Block[] = []
  for (const { block, own } of resolved) {
    if (own) merge(sink, own)
    if (block) out.push(block)
  }
  return out
}

function merge(into: MediaSink, from: MediaSink): void {
  for (const [rel, bytes] of from.files) into.files.set(rel, bytes)
  into.uses.push(...from.uses)
  into.problems.push(...from.problems)
}

/** The installments' sources, and the translations beside them (`<name>.en.md`), by name. */
async function listSources(srcDir: string): Promise<{ names: string[]; translations: string[] }> {
  const all = (await fs.readdir(srcDir)).filter((n) => n.endsWith('.md') && n !== 'README.md').sort()
  const own = (n: string) => n !== SERIES_FILE && n !== translationOf(SERIES_FILE) && n !== 'README.en.md'
  return {
    names: all.filter((n) => own(n) && !isTranslation(n)),
    translations: all.filter((n) => own(n) && isTranslation(n)),
  }
}

/** A translation with nothing to translate: its Chinese file renamed, deleted or never written. */
function orphanProblems(names: readonly string[], translations: readonly string[]): string[] {
  return translations
    .filter((n) => !names.includes(originalOf(n)))
    .map(
      (n) =>
        `${n}:1: there is no ${originalOf(n)} beside it; an English body translates the Chinese file of the same name`,
    )
}

function crossFileProblems(
  installments: ReadonlyArray<{ source: SourceFile; value: Installment }>,
): string[] {
  const problems: string[] = []
  for (const key of ['id', 'number'] as const) {
    const firstSeen = new Map<string | number, string>()
    for (const { source, value } of installments) {
      const other = firstSeen.get(value[key])
      if (other)
        problems.push(
          `${source.name}:${lineOfKey(source.lines, [key])}: duplicate ${key} ${JSON.stringify(value[key])} (also in ${other})`,
        )
      else firstSeen.set(value[key], source.name)
    }
  }
  return problems
}

export type BuildOptions = {
  onProgress?: (done: number, total: number) => void
  /**
   * For builds that follow one another (the preview): pictures made once per original, and each
   * installment rebuilt only when its file's bytes changed (`sources`, cleared by the caller when a
   * picture changes, since an unchanged file may name it). `onBuilt` hears each installment built.
   */
  pictures?: PictureMaker
  sources?: SourceCache
  onBuilt?: (name: string) => void
}

/** Installments already built, by file name, with the bytes they were built from. */
export type SourceCache = Map<string, { bytes: Buffer; enBytes: Buffer | null; built: OneInstallment }>

type OneInstallment = { sink: MediaSink; installment: { source: SourceFile; value: Installment } | null }

/** The installment as built before when its file has the same bytes, else built now (and kept). */
async function buildInstallmentOnce(
  srcDir: string,
  name: string,
  pictures: PictureMaker,
  options: BuildOptions,
): Promise<OneInstallment> {
  // Built from the bytes it is cached by, so a save between two reads cannot pair one with the other.
  // Its translation is part of it: a save of either (or the translation added or removed) builds it again.
  const bytes = options.sources ? await fs.readFile(path.join(srcDir, name)) : null
  const enBytes = options.sources ? await readIfExists(path.join(srcDir, translationOf(name))) : undefined
  const known = options.sources?.get(name)
  const sameEnglish = (a: Buffer | null, b: Buffer | null | undefined) => (a && b ? a.equals(b) : a === b)
  if (bytes && known?.bytes.equals(bytes) && sameEnglish(known.enBytes, enBytes)) return known.built
  const built = await buildInstallment(srcDir, name, pictures, bytes ?? undefined, enBytes)
  options.onBuilt?.(name)
  if (bytes) options.sources?.set(name, { bytes, enBytes: enBytes ?? null, built })
  return built
}

/**
 * Reads, parses and checks one installment source and its translation (`enBytes`: already read, null
 * for none), publishing its pictures into a sink of its own.
 */
async function buildInstallment(
  srcDir: string,
  name: string,
  pictures: PictureMaker,
  bytes?: Buffer,
  enBytes?: Buffer | null,
): Promise<OneInstallment> {
  const sink = newSink()
  const source = await readSource(srcDir, name, sink.problems, bytes)
  const parsed = source && parseSource(source, frontMatterSchema, sink.problems)
  // The translation's problems are listed after the Chinese file's, pictures included.
  const enProblems: string[] = []
  const english = await readEnglish(srcDir, name, enProblems, enBytes)
  if (!source || !parsed) return (sink.problems.push(...enProblems), { sink, installment: null })
  enProblems.push(...englishProblems(source, parsed, english, true))
  const { cover: coverRef, en: enFront, ...front } = parsed.data
  const coverLine = lineOfKey(source.lines, ['cover'])
  const coverSink = newSink()
  const [body, cover] = await Promise.all([
    resolveBlocks(source, parsed.body, pictures, sink),
    coverRef
      ? resolveCover(source, { src: coverRef, line: coverLine, title: null }, pictures, coverSink)
      : null,
  ])
  // The cover's files and problems come after the body's, as they always have.
  merge(sink, coverSink)
  sink.problems.push(...enProblems)
  // Problems already found in this file explain anything the schema would add; do not repeat them.
  if (sink.problems.length) return { sink, installment: null }
  const enBody = english?.side ? englishBody(english.side.blocks, body) : null
  const candidate = {
    schemaVersion: SCHEMA_VERSION,
    ...front,
    ...(cover ?? {}),
    readingMinutes: readingMinutes(body),
    body,
    ...(enFront ? { en: { ...enFront, ...(enBody ? { body: enBody } : {}) } } : {}),
  }
  const checked = validateInstallment(candidate)
  if (checked.kind === 'ok') return { sink, installment: { source, value: checked.value } }
  for (const p of checked.problems) sink.problems.push(`${name}:${parsed.bodyLine + 1}: ${p}`)
  return { sink, installment: null }
}

/**
 * Reads a folder of Markdown sources and returns every output file, or every problem. Sources are
 * read and their pictures made concurrently (a few pictures at a time, each original once), and the
 * results put together in file order, so two builds of the same folder give the same bytes.
 */
export async function buildContent(srcDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const problems: string[] = []
  const sink: MediaSink = { files: new Map(), uses: [], problems }
  if (!existsSync(srcDir)) return { kind: 'error', problems: [`${srcDir}: no such folder`] }
  const pictures = options.pictures ?? pictureMaker()

  const seriesSource = existsSync(path.join(srcDir, SERIES_FILE))
    ? await readSource(srcDir, SERIES_FILE, problems)
    : (problems.push(`${SERIES_FILE}:1: missing; it holds the series title, tagline and introduction`), null)
  const series = seriesSource ? parseSource(seriesSource, seriesFrontMatterSchema, problems) : null
  // The column's English About text: series.en.md, block for block with series.md's body.
  const seriesProblems: string[] = []
  const seriesEnglish = seriesSource ? await readEnglish(srcDir, SERIES_FILE, seriesProblems) : null
  if (seriesSource && series)
    seriesProblems.push(...englishProblems(seriesSource, series, seriesEnglish, false))
  const { names, translations } = await listSources(srcDir)
  // A file gone (deleted or renamed) is forgotten, so the cache holds only what the folder has.
  for (const name of options.sources?.keys() ?? []) if (!names.includes(name)) options.sources?.delete(name)
  let done = 0
  const [intro, built] = await Promise.all([
    series && seriesSource ? resolveBlocks(seriesSource, series.body, pictures, sink) : [],
    Promise.all(
      names.map((name) =>
        buildInstallmentOnce(srcDir, name, pictures, options).finally(() =>
          options.onProgress?.(done++, names.length),
        ),
      ),
    ),
  ])
  problems.push(...seriesProblems)
  const installments: Array<{ source: SourceFile; value: Installment }> = []
  for (const one of built) {
    merge(sink, one.sink)
    if (one.installment) installments.push(one.installment)
  }
  problems.push(...orphanProblems(names, translations))
  problems.push(...crossFileProblems(installments))
  if (problems.length || !series) return { kind: 'error', problems }

  const { en: seriesEn, ...seriesData } = series.data
  const enIntro = seriesEnglish?.side ? englishBody(seriesEnglish.side.blocks, intro) : null
  const en = seriesEn || enIntro ? { en: { ...seriesEn, ...(enIntro ? { intro: enIntro } : {}) } } : {}
  const published = publishInstallments(
    { ...seriesData, intro, ...en },
    installments.map((i) => i.value),
  )
  const manifest = validateManifest(published.manifest)
  if (manifest.kind !== 'ok')
    return { kind: 'error', problems: manifest.problems.map((p) => `manifest.json: ${p}`) }
  const files = new Map<string, Buffer>([...sink.files, ...published.files])
  return { kind: 'ok', output: { manifest: manifest.value, files, media: sink.uses } }
}

/** A body's published name changes whenever its bytes do, so any cache may keep it forever. */
export const bodyPathOf = (id: string, sha256: string) => `installments/${id}.${sha256.slice(0, 12)}.json`

/**
 * The publishing format, in one place: each body as exact JSON bytes at installments/<id>.<hash>.json,
 * its sha256 in the manifest, installments in series order, the search file (every block's text and
 * the pinyin of titles, people and tags) at search/index.<hash>.json, and a content version derived
 * from all the hashes (no timestamps, so the same sources always give the same bytes). The caller
 * validates the manifest.
 */
/** An entry's English: the metadata, and `body: true` in place of the English body itself. */
function entryEnOf(en: Installment['en']): { en?: ManifestEntry['en'] } {
  if (!en) return {}
  const { body, ...meta } = en
  return { en: { ...meta, ...(body ? { body: true } : {}) } }
}

export function publishInstallments(
  series: Series,
  installments: readonly Installment[],
): { manifest: unknown; files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>()
  const ordered = [...installments].sort((a, b) => a.number - b.number)
  const hashed = ordered.map((installment) => {
    const bytes = Buffer.from(JSON.stringify(installment))
    const sha256 = sha256Of(bytes)
    files.set(bodyPathOf(installment.id, sha256), bytes)
    return { installment, sha256 }
  })
  const entries: ManifestEntry[] = hashed.map(({ installment, sha256 }) => {
    const { body: _body, schemaVersion: _version, en, ...meta } = installment
    return { ...meta, ...entryEnOf(en), path: bodyPathOf(installment.id, sha256), sha256 }
  })
  const searchIndex = searchIndexOf(hashed)
  const searchBytes = Buffer.from(JSON.stringify(searchIndex))
  const searchSha256 = sha256Of(searchBytes)
  // The whole file stays for apps built before parts; newer ones fetch the parts.
  const parts = searchPartsOf(searchIndex).map((bytes) => {
    const sha256 = sha256Of(bytes)
    const part = { path: searchPartPathOf(sha256), sha256, bytes: bytes.length }
    files.set(part.path, bytes)
    return part
  })
  const search = { path: searchPathOf(searchSha256), sha256: searchSha256, bytes: searchBytes.length, parts }
  files.set(search.path, searchBytes)
  const contentVersion = sha256Of(
    JSON.stringify({ series, hashes: entries.map((e) => e.sha256), search: searchSha256 }),
  ).slice(0, 12)
  const manifest = { schemaVersion: SCHEMA_VERSION, contentVersion, series, installments: entries, search }
  files.set('manifest.json', Buffer.from(JSON.stringify(manifest)))
  return { manifest, files }
}

/** Writes every file into a temporary sibling folder, then swaps it into place: never partial. */
export async function writeOutput(outDir: string, files: ReadonlyMap<string, Buffer>): Promise<void> {
  const target = path.resolve(outDir)
  const temp = `${target}.tmp-${process.pid}`
  const old = `${target}.old-${process.pid}`
  await fs.rm(temp, { recursive: true, force: true })
  try {
    for (const [rel, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const file = path.join(temp, rel)
      await fs.mkdir(path.dirname(file), { recursive: true })
      await fs.writeFile(file, bytes)
    }
    const hadTarget = existsSync(target)
    if (hadTarget) await fs.rename(target, old)
    await fs.rename(temp, target)
    if (hadTarget) await fs.rm(old, { recursive: true, force: true })
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true })
    throw error
  }
}
