/**
 * A published folder that keeps editions side by side. Bodies, media and search files have
 * content-addressed names, so a new edition only adds files; `manifest.json` is the one file that
 * changes, and it is written last. `editions.json` remembers which files each edition used, so `prune` can later remove the files
 * that only older editions needed. Nothing the live manifest names is ever deleted.
 */
import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'

import type { Manifest } from '../../src/content/schema'
import { validateManifest } from '../../src/content/validate'
import type { BuildOutput } from './build'

export const EDITIONS_FILE = 'editions.json'
const MANIFEST_FILE = 'manifest.json'
/** The folders this CLI owns in a published folder; prune never looks anywhere else. */
const OWNED_FOLDERS = ['installments', 'media', 'search']

export type Edition = { contentVersion: string; builtAt: string; files: string[] }
type Log = { editions: Edition[] }

export type IntoResult =
  { kind: 'ok'; added: string[]; reused: number; editions: number } | { kind: 'error'; problems: string[] }

export type PruneResult =
  { kind: 'ok'; removed: string[]; bytes: number; kept: string[] } | { kind: 'error'; problems: string[] }

async function readJson(file: string, name: string, problems: string[]): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as unknown
  } catch (error) {
    problems.push(`${name}:1: ${error instanceof SyntaxError ? 'not valid JSON' : 'cannot be read'}`)
    return undefined
  }
}

function isLog(value: unknown): value is Log {
  if (!value || typeof value !== 'object') return false
  const editions = (value as { editions?: unknown }).editions
  return (
    Array.isArray(editions) &&
    editions.every(
      (e: unknown) =>
        !!e &&
        typeof (e as Edition).contentVersion === 'string' &&
        typeof (e as Edition).builtAt === 'string' &&
        Array.isArray((e as Edition).files) &&
        (e as Edition).files.every((f) => typeof f === 'string'),
    )
  )
}

async function readLog(folder: string, problems: string[]): Promise<Log | null> {
  const file = path.join(folder, EDITIONS_FILE)
  if (!existsSync(file)) return { editions: [] }
  const value = await readJson(file, EDITIONS_FILE, problems)
  if (value === undefined) return null
  if (isLog(value)) return value
  problems.push(
    `${EDITIONS_FILE}:1: not an editions log ({ "editions": [{ contentVersion, builtAt, files }] })`,
  )
  return null
}

async function readLiveManifest(folder: string, problems: string[]): Promise<Manifest | null> {
  const file = path.join(folder, MANIFEST_FILE)
  if (!existsSync(file)) return null
  const value = await readJson(file, MANIFEST_FILE, problems)
  if (value === undefined) return null
  const valid = validateManifest(value)
  if (valid.kind === 'ok') return valid.value
  problems.push(...valid.problems.map((p) => `${MANIFEST_FILE}:1: ${p}`))
  return null
}

const local = (srcs: readonly unknown[]): string[] =>
  srcs.filter((src): src is string => typeof src === 'string' && src.startsWith('media/'))

/** Media a body or the series introduction points at (reader and full-screen variants), as published paths. */
function mediaIn(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return []
  return blocks.flatMap((b: { type?: unknown; src?: unknown; large?: unknown }) =>
    b?.type === 'image' ? local([b.src, b.large]) : [],
  )
}

/**
 * The files a live manifest needs, read from the folder itself: for a folder that was published
 * before it had an editions log, or whose log does not know the live edition.
 */
async function filesOfLive(folder: string, manifest: Manifest): Promise<string[]> {
  const files = new Set<string>([...mediaIn(manifest.series.intro), ...mediaIn(manifest.series.en?.intro)])
  if (manifest.search) files.add(manifest.search.path)
  for (const part of manifest.search?.parts ?? []) files.add(part.path)
  for (const entry of manifest.installments) {
    files.add(entry.path)
    local([entry.cover, entry.coverImage?.thumb, entry.coverImage?.share]).forEach((m) => files.add(m))
    const body = await fs.readFile(path.join(folder, entry.path), 'utf8').catch(() => null)
    if (body === null) continue
    try {
      const parsed = JSON.parse(body) as { body?: unknown; en?: { body?: unknown } }
      // The English body shows the same pictures; named here too, in case a tool made it otherwise.
      for (const m of [...mediaIn(parsed.body), ...mediaIn(parsed.en?.body)]) files.add(m)
    } catch {
      // A body that does not parse names no media; the file itself is still kept.
    }
  }
  return [...files].sort()
}

/** Writes through a temporary name, so no reader of the folder ever sees half a file. */
async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.tmp-${process.pid}`
  try {
    await fs.writeFile(temp, bytes)
    await fs.rename(temp, file)
  } catch (error) {
    await fs.rm(temp, { force: true })
    throw error
  }
}

/**
 * Adds an edition to a published folder: new files first, then the editions log, then manifest.json.
 * A file that exists with other bytes means the folder was changed by hand: nothing is written.
 */
export async function publishInto(
  folder: string,
  output: BuildOutput,
  now: () => Date = () => new Date(),
): Promise<IntoResult> {
  const problems: string[] = []
  const log = existsSync(folder) ? await readLog(folder, problems) : { editions: [] }
  const live = existsSync(folder) ? await readLiveManifest(folder, problems) : null
  if (!log || problems.length) return { kind: 'error', problems }

  const files = [...output.files].filter(([rel]) => rel !== MANIFEST_FILE)
  const added: Array<[string, Buffer]> = []
  for (const [rel, bytes] of files) {
    const existing = await fs.readFile(path.join(folder, rel)).catch(() => null)
    if (existing === null) added.push([rel, bytes])
    else if (!existing.equals(bytes))
      problems.push(`${rel}: exists with other bytes; a published file must never change (was it edited?)`)
  }
  if (problems.length) return { kind: 'error', problems }

  const editions = log.editions.filter((e) => e.contentVersion !== output.manifest.contentVersion)
  const liveUnknown =
    live &&
    live.contentVersion !== output.manifest.contentVersion &&
    !editions.some((e) => e.contentVersion === live.contentVersion)
  if (live && liveUnknown) {
    // A folder first published without a log: its live edition becomes the first one remembered.
    editions.unshift({
      contentVersion: live.contentVersion,
      builtAt: '',
      files: await filesOfLive(folder, live),
    })
  }
  editions.push({
    contentVersion: output.manifest.contentVersion,
    builtAt: now().toISOString(),
    files: files.map(([rel]) => rel).sort(),
  })

  const logFile = path.join(folder, EDITIONS_FILE)
  const previousLog = await fs.readFile(logFile).catch(() => null)
  const written: string[] = []
  try {
    for (const [rel, bytes] of added) {
      await writeAtomically(path.join(folder, rel), bytes)
      written.push(rel)
    }
    await writeAtomically(logFile, Buffer.from(`${JSON.stringify({ editions }, null, 2)}\n`))
    // Last: until this rename, every reader still gets the previous edition, whole.
    await writeAtomically(
      path.join(folder, MANIFEST_FILE),
      output.files.get(MANIFEST_FILE) ?? Buffer.alloc(0),
    )
  } catch (error) {
    // As it was: no new files, and a log that names no edition that was never published.
    await Promise.all(written.map((rel) => fs.rm(path.join(folder, rel), { force: true })))
    if (previousLog) await writeAtomically(logFile, previousLog).catch(() => undefined)
    else await fs.rm(logFile, { force: true })
    throw error
  }
  return {
    kind: 'ok',
    added: added.map(([rel]) => rel).sort(),
    reused: files.length - added.length,
    editions: editions.length,
  }
}

async function ownedFiles(folder: string): Promise<string[]> {
  const out: string[] = []
  for (const owned of OWNED_FOLDERS) {
    const dir = path.join(folder, owned)
    if (!existsSync(dir)) continue
    for (const name of await fs.readdir(dir, { recursive: true })) {
      const rel = path.posix.join(owned, name.split(path.sep).join('/'))
      if ((await fs.stat(path.join(folder, rel))).isFile()) out.push(rel)
    }
  }
  return out.sort()
}

/**
 * Keeps the newest `keep` editions and the live one; removes every file under installments/, media/
 * and search/ that none of them uses. `dryRun` lists what would go and changes nothing.
 */
export async function prune(folder: string, keep: number, dryRun = false): Promise<PruneResult> {
  const problems: string[] = []
  if (!existsSync(path.join(folder, MANIFEST_FILE)))
    return { kind: 'error', problems: [`${folder}: no ${MANIFEST_FILE}; is this a published folder?`] }
  const log = await readLog(folder, problems)
  const live = await readLiveManifest(folder, problems)
  if (!log || !live || problems.length) return { kind: 'error', problems }

  const kept = log.editions.slice(-keep)
  // The live edition is always kept; one the log does not know is not written into it, where it
  // would pass for the newest.
  const liveFiles = kept.some((e) => e.contentVersion === live.contentVersion)
    ? []
    : await filesOfLive(folder, live)
  const needed = new Set([...kept.flatMap((e) => e.files), ...liveFiles])
  const removed = (await ownedFiles(folder)).filter((rel) => !needed.has(rel))
  let bytes = 0
  for (const rel of removed) bytes += (await fs.stat(path.join(folder, rel))).size
  if (!dryRun) {
    // The log first: if removing stops halfway, the log still names only editions whose files exist.
    await writeAtomically(
      path.join(folder, EDITIONS_FILE),
      Buffer.from(`${JSON.stringify({ editions: kept }, null, 2)}\n`),
    )
    for (const rel of removed) await fs.rm(path.join(folder, rel), { force: true })
  }
  const keptVersions = kept.map((e) => e.contentVersion)
  if (liveFiles.length) keptVersions.push(live.contentVersion)
  return { kind: 'ok', removed, bytes, kept: keptVersions }
}
