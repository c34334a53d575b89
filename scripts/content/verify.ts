import { existsSync, promises as fs, statSync } from 'node:fs'
import path from 'node:path'

import { alignmentProblems } from '../../src/content/align'
import type { Block, Installment, Manifest, SearchRef } from '../../src/content/schema'
import { joinUrl } from '../../src/content/url'
import { validateSearchIndex, type SearchEntry } from '../../src/content/search/file'
import { translationProblems, validateInstallment, validateManifest } from '../../src/content/validate'
import { sha256Of } from './hash'

/** Where built content is read from: a folder, or a URL (the way the app reads it). */
export type ContentReader = { label: string; read: (rel: string) => Promise<Buffer | null> }

export function folderReader(dir: string): ContentReader {
  return {
    label: dir,
    read: async (rel) => {
      const file = path.join(dir, rel)
      return existsSync(file) ? fs.readFile(file) : null
    },
  }
}

export function urlReader(base: string): ContentReader {
  return {
    label: base.replace(/\/+$/, ''),
    read: async (rel) => {
      const response = await fetch(joinUrl(base, rel))
      if (response.status === 404) return null
      if (!response.ok) throw new Error(`${rel}: HTTP ${response.status}`)
      return Buffer.from(await response.arrayBuffer())
    },
  }
}

function parse(rel: string, bytes: Buffer, problems: string[]): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    problems.push(`${rel}: not valid JSON`)
    return undefined
  }
}

const local = (srcs: ReadonlyArray<string | undefined>): string[] =>
  srcs.filter((src): src is string => !!src?.startsWith('media/'))

/** The media files blocks name (and their English's): each image's reader variant and its full-screen one. */
function mediaOf(blocks: readonly Block[], enBlocks: readonly Block[] = []): string[] {
  return [...blocks, ...enBlocks].flatMap((b) => (b.type === 'image' ? local([b.src, b.large]) : []))
}

/** The media files an entry's cover names: its reader variant, list thumbnail and share picture. */
function coverMediaOf(entry: Manifest['installments'][number]): string[] {
  return local([entry.cover, entry.coverImage?.thumb, entry.coverImage?.share])
}

async function checkMedia(
  reader: ContentReader,
  rel: string,
  srcs: string[],
  problems: string[],
): Promise<void> {
  for (const src of new Set(srcs))
    if ((await reader.read(src)) === null) problems.push(`${rel}: image ${src} is missing`)
}

/** Checks one installment document on its own (schema and English: no manifest to hash against). */
export async function verifyInstallmentFile(file: string): Promise<string[]> {
  const problems: string[] = []
  const name = path.basename(file)
  const data = parse(name, await fs.readFile(file), problems)
  if (data === undefined) return problems
  const result = validateInstallment(data)
  const found = result.kind === 'ok' ? translationProblems(result.value) : result.problems
  return found.map((p) => `${name}: ${p}`)
}

export type VerifySummary = { problems: string[]; manifest: Manifest | null }

/**
 * Everything the app checks: manifest schema, unique ids and numbers, every body's hash and schema,
 * and the search file's hash and schema, listing the manifest's bodies in order.
 */
export async function verifyContent(reader: ContentReader): Promise<VerifySummary> {
  const problems: string[] = []
  const bytes = await reader.read('manifest.json')
  if (!bytes) return { problems: ['manifest.json: missing'], manifest: null }
  const data = parse('manifest.json', bytes, problems)
  if (data === undefined) return { problems, manifest: null }
  const manifest = validateManifest(data)
  if (manifest.kind !== 'ok')
    return { problems: manifest.problems.map((p) => `manifest.json: ${p}`), manifest: null }

  /** The block count of each body that was read, is the manifest's and is valid, by id. */
  const blockCounts = new Map<string, number>()
  for (const entry of manifest.value.installments) {
    const body = await reader.read(entry.path)
    if (!body) {
      problems.push(`${entry.path}: missing`)
      continue
    }
    const intact = sha256Of(body) === entry.sha256
    if (!intact) {
      problems.push(`${entry.path}: sha256 does not match the manifest`)
    }
    const parsed = parse(entry.path, body, problems)
    if (parsed === undefined) continue
    const installment = validateInstallment(parsed)
    if (installment.kind !== 'ok') {
      problems.push(...installment.problems.map((p) => `${entry.path}: ${p}`))
      continue
    }
    problems.push(...mismatches(entry.path, entry, installment.value))
    problems.push(...translationProblems(installment.value).map((p) => `${entry.path}: ${p}`))
    // A body with other bytes is reported above; its blocks say nothing about the search file's.
    if (intact) blockCounts.set(entry.id, installment.value.body.length)
    await checkMedia(
      reader,
      entry.path,
      [...coverMediaOf(entry), ...mediaOf(installment.value.body, installment.value.en?.body)],
      problems,
    )
  }
  const { series } = manifest.value
  if (series.en?.intro)
    problems.push(
      ...alignmentProblems(series.intro, series.en.intro, 'series.en.intro', 'series.intro').map(
        (p) => `manifest.json: ${p}`,
      ),
    )
  await checkMedia(reader, 'manifest.json', mediaOf(series.intro, series.en?.intro), problems)
  if (manifest.value.search)
    problems.push(...(await searchProblems(reader, manifest.value, manifest.value.search, blockCounts)))
  return { problems, manifest: manifest.value }
}

/**
 * The search file must be the one the manifest names, and index exactly its bodies: the same ids with
 * the same sha256 values, in the same order, one text per block of each body that was checked.
 */
async function searchProblems(
  reader: ContentReader,
  manifest: Manifest,
  search: SearchRef,
  blockCounts: ReadonlyMap<string, number>,
): Promise<string[]> {
  const rel = search.path
  const bytes = await reader.read(rel)
  if (!bytes) return [`${rel}: missing`]
  const problems: string[] = []
  if (sha256Of(bytes) !== search.sha256) problems.push(`${rel}: sha256 does not match the manifest`)
  const parsed = parse(rel, bytes, problems)
  if (parsed === undefined) return problems
  const index = validateSearchIndex(parsed)
  if (index.kind !== 'ok') return [...problems, ...index.problems.map((p) => `${rel}: ${p}`)]
  const listed = index.value.installments
  // Compared with the whole file only when that is the one the manifest names: else that is the fault.
  if (search.parts) problems.push(...(await partProblems(reader, search, problems.length ? null : listed)))
  const expected = new Map(manifest.installments.map((e) => [e.id, e]))
  const listedIds = new Set(listed.map((e) => e.id))
  for (const id of expected.keys())
    if (!listedIds.has(id)) problems.push(`${rel}: does not list ${JSON.stringify(id)}`)
  const common = listed.filter((e) => expected.has(e.id)).map((e) => e.id)
  const inOrder = manifest.installments.map((e) => e.id).filter((id) => listedIds.has(id))
  if (common.join('\n') !== inOrder.join('\n'))
    problems.push(`${rel}: lists the installments in another order than the manifest`)
  listed.forEach((entry, i) => {
    const where = `${rel}: installments[${i}]`
    const own = expected.get(entry.id)
    if (!own) {
      problems.push(`${where}: ${JSON.stringify(entry.id)} is not in the manifest`)
      return
    }
    if (entry.sha256 !== own.sha256) problems.push(`${where}.sha256 differs from the manifest's`)
    const blocks = blockCounts.get(entry.id)
    if (blocks !== undefined && entry.blocks.length !== blocks)
      problems.push(`${where}.blocks has ${entry.blocks.length} text(s); the body has ${blocks} block(s)`)
  })
  return problems
}

/** Each part must be the file the manifest names, and together they list what the whole file lists. */
async function partProblems(
  reader: ContentReader,
  search: SearchRef,
  whole: readonly SearchEntry[] | null,
): Promise<string[]> {
  const problems: string[] = []
  const listed: SearchEntry[] = []
  for (const part of search.parts ?? []) {
    const bytes = await reader.read(part.path)
    if (!bytes) {
      problems.push(`${part.path}: missing`)
      continue
    }
    if (sha256Of(bytes) !== part.sha256) problems.push(`${part.path}: sha256 does not match the manifest`)
    if (bytes.length !== part.bytes)
      problems.push(`${part.path}: ${bytes.length} bytes; the manifest says ${part.bytes}`)
    const parsed = parse(part.path, bytes, problems)
    if (parsed === undefined) continue
    const index = validateSearchIndex(parsed)
    if (index.kind !== 'ok') problems.push(...index.problems.map((p) => `${part.path}: ${p}`))
    else listed.push(...index.value.installments)
  }
  if (whole && !problems.length && JSON.stringify(listed) !== JSON.stringify(whole))
    problems.push(`${search.path}: its parts do not list what it lists, in the same order`)
  return problems
}

/** The manifest's copy of the metadata must agree with the body's own, and say whether it has English. */
function mismatches(rel: string, entry: Manifest['installments'][number], body: Installment): string[] {
  const keys = ['id', 'number', 'title', 'publishedAt'] as const
  const hasEnglish = Boolean(body.en?.body)
  return [
    ...keys
      .filter((key) => entry[key] !== body[key])
      .map(
        (key) =>
          `${rel}: ${key} ${JSON.stringify(body[key])} differs from the manifest's ${JSON.stringify(entry[key])}`,
      ),
    ...(Boolean(entry.en?.body) !== hasEnglish
      ? [
          `${rel}: ${hasEnglish ? 'has' : 'has no'} English body; the manifest's en.body says ${hasEnglish ? 'it has none' : 'it has one'}`,
        ]
      : []),
  ]
}

export function isDirectory(target: string): boolean {
  return existsSync(target) && statSync(target).isDirectory()
}
