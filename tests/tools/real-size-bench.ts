/**
 * The bench's tables for the column at the size of the book (`npm run fixtures:real`, `npm run
 * build:weapp:real`): the packages with the samples and at the real size, and the first search
 * results at the real size on the compiled bundle (the search page opened with a query, no network:
 * the search file rebuilt from the packed bodies, the engine built, the first screen of results).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { packageSizes } from '../../scripts/packages'
import { unpackBody } from '../../src/content/packed'
import { bundledSearchIndex } from '../../src/content/search/bundled'
import { createSearchEngine } from '../../src/content/search/engine'
import type { Manifest } from '../../src/content/schema'
import { realSizePhrase } from '../fixtures/real-size'
import { Harness } from '../weapp/harness'

const ROOT = path.resolve(__dirname, '..', '..')
const REAL_DIST = path.join(ROOT, 'dist', 'weapp-real')

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const kib = (bytes: number) => Number((bytes / 1024).toFixed(1))

/** Every package of the samples' build and of the real-size build, in KiB. */
export function packageTable() {
  return [
    ['samples (dist/weapp)', path.join(ROOT, 'dist', 'weapp')],
    ['real size (dist/weapp-real)', REAL_DIST],
  ].flatMap(([build, dist]) => {
    const sizes = packageSizes(dist)
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0)
    return [...sizes, { name: 'all', bytes: total }].map((s) => ({
      build,
      package: s.name,
      kib: kib(s.bytes),
    }))
  })
}

/** Opens the search page with `query` offline; wall ms until its results have settled, and how many. */
async function firstResults(query: string): Promise<{ ms: number; results: number }> {
  const h = new Harness({ dist: REAL_DIST })
  const start = performance.now()
  await h.launch(`/pages/reader/search/index?q=${encodeURIComponent(query)}`)
  await h.advance(1000)
  const ms = performance.now() - start
  const data = JSON.stringify(h.current().data)
  return { ms, results: (data.match(/"sr-t"/g) ?? []).length }
}

/** The first results screen at the real size: a phrase in one old body, and a word in every title. */
export async function realSearchTable(runs: number) {
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, 'dist', 'real-published', 'manifest.json'), 'utf8'),
  ) as Manifest
  const oldest = [...manifest.installments].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))[0]
  const queries = [
    ['a phrase deep in the oldest body', realSizePhrase(oldest.number)],
    ['a word in every title', '讲述者'],
  ]
  const rows = []
  for (const [what, query] of queries) {
    const samples = []
    for (let i = 0; i < runs; i++) samples.push(await firstResults(query))
    rows.push({
      query: what,
      results: samples[0].results,
      medianMs: Number(median(samples.map((s) => s.ms)).toFixed(1)),
    })
  }
  return rows
}

/**
 * Where the first search's time goes at the real size, in Node: unpacking the 100 bodies and rebuilding
 * the search file from them, then building the engine (medians). On a phone both take longer.
 */
export async function rebuildTable(runs: number) {
  const dir = path.join(ROOT, 'dist', 'real-bundled')
  const { packedBodies } = (await import(path.join(dir, 'bodies.ts'))) as {
    packedBodies: Record<string, string>
  }
  const { bundledPinyin } = (await import(path.join(dir, 'search.ts'))) as {
    bundledPinyin: Parameters<typeof bundledSearchIndex>[2]
  }
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest
  const rebuild: number[] = []
  const engine: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const index = bundledSearchIndex(manifest, (id) => unpackBody(packedBodies[id]), bundledPinyin)
    const rebuilt = performance.now()
    createSearchEngine(manifest.installments, index)
    rebuild.push(rebuilt - start)
    engine.push(performance.now() - rebuilt)
  }
  return [
    { step: 'unpack 100 bodies and rebuild the search file', medianMs: Number(median(rebuild).toFixed(1)) },
    { step: 'build the engine from it', medianMs: Number(median(engine).toFixed(1)) },
  ]
}
