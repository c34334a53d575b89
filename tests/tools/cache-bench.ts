/**
 * What the cache keeps, and offline search, at the column's size and past it, on the compiled build
 * with a content URL (`npm run bench -- --only cache`): an edition is read online (the list, five
 * interviews, the search page), then the app relaunches with no network and searches a phrase from a
 * body never opened. Bytes are exact; times are wall times on this machine, reported, never asserted.
 */
import { deepPhraseIndex, generateSeries, uniquePhrase } from '../fixtures/generate'
import { publish, REMOTE_DIST } from '../weapp/content-server'
import { Harness } from '../weapp/harness'
import { readOnline } from '../weapp/reading-session'
import { openSearch, resultTitles, searchFor, untilSearchReady } from '../weapp/screens'

const EDITIONS = [
  { count: 100, chars: 6000 },
  { count: 100, chars: 10_000 },
  { count: 999, chars: 6000 },
] as const
const KB = 1024
const MB = KB * KB
const round = (n: number, digits = 1) => Number(n.toFixed(digits))

type Kind = 'manifest' | 'body' | 'search'
const kindOf = (file: string): Kind | null => {
  const name = file.slice(file.lastIndexOf('/') + 1)
  const kind = name.split('.')[0]
  return file.includes('/lre-cache/') && (kind === 'manifest' || kind === 'body' || kind === 'search')
    ? kind
    : null
}

/** The cache's bytes: its records in storage, and its files by kind. */
function kept(h: Harness) {
  const storageBytes = [...h.storage]
    .filter(([key]) => key.startsWith('lre.cache.'))
    .reduce((sum, [, value]) => sum + Buffer.byteLength(JSON.stringify(value)), 0)
  const files = { manifest: 0, body: 0, search: 0 }
  const counts = { body: 0, search: 0 }
  for (const [file, value] of h.files) {
    const kind = kindOf(file)
    if (!kind) continue
    files[kind] += Buffer.byteLength(String(value))
    if (kind !== 'manifest') counts[kind]++
  }
  return { storageBytes, files, counts }
}

async function run({ count, chars }: (typeof EDITIONS)[number]) {
  const published = publish(generateSeries(count, chars))
  const { online } = await readOnline(published)
  const { storageBytes, files, counts } = kept(online)

  const offline = new Harness({ dist: REMOTE_DIST, storage: online.storage, files: online.files })
  await offline.launch()
  await offline.advance(1000)
  const deep = deepPhraseIndex(chars)
  offline.clock.longestTaskMs = 0
  const started = performance.now()
  await openSearch(offline)
  await searchFor(offline, uniquePhrase(deep))
  await untilSearchReady(offline)
  const firstResultsMs = performance.now() - started
  const found = resultTitles(offline).length === 1
  return {
    edition: `${count} × ${chars}`,
    searchFileMB: round(searchBytes(published) / MB, 2),
    storageKB: round(storageBytes / KB),
    manifestKB: round(files.manifest / KB),
    bodies: counts.body,
    bodiesKB: round(files.body / KB),
    searchParts: counts.search,
    searchMB: round(files.search / MB, 2),
    offlineFound: found,
    offlineFirstResultsMs: Math.round(firstResultsMs),
    longestTaskMs: round(offline.clock.longestTaskMs),
  }
}

function searchBytes(published: Map<string, string>): number {
  const manifest = JSON.parse(String(published.get('manifest.json'))) as { search?: { bytes?: number } }
  return manifest.search?.bytes ?? 0
}

export async function cacheTable() {
  const rows = []
  for (const edition of EDITIONS) rows.push(await run(edition))
  const [small, , large] = rows
  const ratios = {
    'offlineFirstResultsMs 999 ÷ 100 (× 6,000)': round(
      large.offlineFirstResultsMs / small.offlineFirstResultsMs,
      2,
    ),
    'longestTaskMs 999 ÷ 100 (× 6,000)': round(large.longestTaskMs / small.longestTaskMs, 2),
  }
  return { rows, ratios }
}
