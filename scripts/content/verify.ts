import { existsSync, promises as fs, statSync } from 'node:fs'
import path from 'node:path'

import type { Block, Installment, Manifest } from '../../src/content/schema'
import { joinUrl } from '../../src/content/url'
import { validateInstallment, validateManifest } from '../../src/content/validate'
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

function mediaOf(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'image' && b.src.startsWith('media/') ? [b.src] : []))
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

/** Checks one installment document on its own (schema only: no manifest to hash against). */
export async function verifyInstallmentFile(file: string): Promise<string[]> {
  const problems: string[] = []
  const name = path.basename(file)
  const data = parse(name, await fs.readFile(file), problems)
  if (data === undefined) return problems
  const result = validateInstallment(data)
  return result.kind === 'ok' ? [] : result.problems.map((p) => `${name}: ${p}`)
}

export type VerifySummary = { problems: string[]; manifest: Manifest | null }

/** Everything the app checks: manifest schema, unique ids and numbers, every body's hash and schema. */
export async function verifyContent(reader: ContentReader): Promise<VerifySummary> {
  const problems: string[] = []
  const bytes = await reader.read('manifest.json')
  if (!bytes) return { problems: ['manifest.json: missing'], manifest: null }
  const data = parse('manifest.json', bytes, problems)
  if (data === undefined) return { problems, manifest: null }
  const manifest = validateManifest(data)
  if (manifest.kind !== 'ok')
    return { problems: manifest.problems.map((p) => `manifest.json: ${p}`), manifest: null }

  for (const entry of manifest.value.installments) {
    const body = await reader.read(entry.path)
    if (!body) {
      problems.push(`${entry.path}: missing`)
      continue
    }
    if (sha256Of(body) !== entry.sha256) {
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
    const covers = entry.cover?.startsWith('media/') ? [entry.cover] : []
    await checkMedia(reader, entry.path, [...covers, ...mediaOf(installment.value.body)], problems)
  }
  await checkMedia(reader, 'manifest.json', mediaOf(manifest.value.series.intro), problems)
  return { problems, manifest: manifest.value }
}

/** The manifest's copy of the metadata must agree with the body's own. */
function mismatches(rel: string, entry: Manifest['installments'][number], body: Installment): string[] {
  const keys = ['id', 'number', 'title', 'publishedAt'] as const
  return keys
    .filter((key) => entry[key] !== body[key])
    .map(
      (key) =>
        `${rel}: ${key} ${JSON.stringify(body[key])} differs from the manifest's ${JSON.stringify(entry[key])}`,
    )
}

export function isDirectory(target: string): boolean {
  return existsSync(target) && statSync(target).isDirectory()
}
