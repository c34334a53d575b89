/**
 * A content host for the harness: publishes installments with the CLI's own publishing step and
 * answers wx.request from memory, with faults on demand.
 */
import path from 'node:path'

import { publishInstallments } from '../../scripts/content/build'
import { sha256Of } from '../../scripts/content/hash'
import type { Installment } from '../../src/content/schema'
import { Harness, type FileEntry, type HarnessRequest, type HarnessResponse, type Responder } from './harness'

export const CONTENT_BASE = 'https://content.example.test/lre'
export const REMOTE_DIST = path.resolve(__dirname, '..', '..', 'dist', 'weapp-remote')

// dist/weapp-remote ships the generated fixture column (see `npm run build:weapp:remote`).
import { fixture as bundledManifest, fixtureBody as bundledBody } from '../fixtures/built'

export { bundledManifest, bundledBody }

/** A new installment the bundle does not have. */
export function newInstallment(number: number, id = `remote-extra-${number}`): Installment {
  return {
    schemaVersion: 1,
    id,
    number,
    title: `远程新增的第 ${number} 期访谈`,
    interviewee: {
      name: '韩知远（虚构）',
      role: '选矿工程师',
      group: 'engineer',
      organization: '示例选矿厂（虚构）',
    },
    publishedAt: '2026-11-27',
    summary: '用于测试远程更新的样例访谈。',
    tags: ['选矿'],
    readingMinutes: 1,
    sample: true,
    body: [
      { type: 'paragraph', text: '本篇为样例内容，受访者与所在机构均为虚构。' },
      { type: 'question', text: '选矿是做什么的？' },
      { type: 'answer', text: '把有用的矿物和脉石分开，为后面的冶炼准备原料。' },
    ],
  }
}

export type Published = Map<string, string>

/** Files exactly as the CLI writes them (its own publishing step), as the text a host serves. */
export function publish(bodies: Installment[]): Published {
  const { files } = publishInstallments(bundledManifest.series, bodies)
  return new Map([...files].map(([file, bytes]) => [file, bytes.toString('utf8')]))
}

/** The published file of one installment's body, whatever its content-addressed name. */
export function bodyFile(files: Published, id: string): string {
  const found = [...files.keys()].find((f) => f.startsWith(`installments/${id}.`))
  if (!found) throw new Error(`nothing published for "${id}"`)
  return found
}

/**
 * The published search file's path, as the app fetches it: the one part of a small edition (the app
 * fetches parts, not the whole file the manifest also names for older builds).
 */
export function searchFile(files: Published): string {
  const manifest = JSON.parse(files.get('manifest.json') as string) as {
    search?: { path: string; parts?: Array<{ path: string }> }
  }
  if (!manifest.search?.parts) throw new Error('the edition names no search file in parts')
  if (manifest.search.parts.length !== 1) throw new Error('the edition has more than one search part')
  return manifest.search.parts[0].path
}

/** The files the content cache keeps in the app's user data folder (its folder `lre-cache`). */
export const keptFiles = (kept: { files: Map<string, FileEntry> }) =>
  [...kept.files.keys()].filter((f) => f.includes('/lre-cache/'))

/** The search file's parts the app keeps in its user data folder. */
export const keptSearchParts = (kept: { files: Map<string, FileEntry> }) =>
  keptFiles(kept).filter((f) => /\/search\.[a-f0-9]{12}\.\d+\.[a-f0-9]{12}\.json$/.test(f))

/** The same edition under the names earlier builds used (installments/<id>.json): the control. */
export function withLegacyNames(files: Published): Published {
  const legacy = (f: string) => f.replace(/^(installments\/[a-z0-9-]+)\.[a-f0-9]{12}\.json$/, '$1.json')
  const manifest = JSON.parse(files.get('manifest.json') as string) as {
    installments: Array<{ path: string }>
  }
  for (const entry of manifest.installments) entry.path = legacy(entry.path)
  return new Map(
    [...files].map(([f, text]) =>
      f === 'manifest.json' ? [f, JSON.stringify(manifest)] : [legacy(f), text],
    ),
  )
}

export const bundledBodies = () => bundledManifest.installments.map((e) => bundledBody(e.id))

/** Serves `files` under CONTENT_BASE with ETags; `override` answers first when it returns something. */
export function host(
  files: Published,
  override: (file: string, request: HarnessRequest) => HarnessResponse | undefined = () => undefined,
): Responder {
  return (request) => {
    const file = request.url.startsWith(`${CONTENT_BASE}/`) ? request.url.slice(CONTENT_BASE.length + 1) : ''
    const special = override(file, request)
    if (special) return special
    const text = files.get(file)
    if (text === undefined) return { statusCode: 404, data: '<html><body>Not Found</body></html>' }
    const etag = `"${sha256Of(text).slice(0, 16)}"`
    if (request.header['If-None-Match'] === etag) return { statusCode: 304, data: '', header: { ETag: etag } }
    return { statusCode: 200, data: text, header: { ETag: etag, 'Content-Type': 'application/json' } }
  }
}

/** What an app keeps across launches: storage and the user data folder (an earlier Harness has both). */
export type Kept = { storage?: Map<string, unknown>; files?: Map<string, FileEntry> }

/**
 * A launch of the build with a content URL, on what an earlier launch `kept` when it relaunches, run a minute on so its
 * refresh and what follows it (body and search-file prefetch) are done.
 */
export async function launchedRemote(request: Responder, kept: Kept = {}): Promise<Harness> {
  const app = new Harness({ dist: REMOTE_DIST, request, storage: kept.storage, files: kept.files })
  await app.launch()
  await app.advance(60_000)
  return app
}
