/** Remote-content scenarios shared by the tests (which assert) and tests/tools/measure-remote.ts (which prints). */
import { generateSeries } from '../fixtures/generate'
import { host, keptSearchParts, publish, REMOTE_DIST } from './content-server'
import { Harness } from './harness'
import { cardTitles, openCard } from './screens'

export type RemoteMeasure = {
  installments: number
  /** The manifest, then the search file behind the first screen. */
  coldLaunchRequests: number
  /** One conditional request for the manifest: the search file is saved. */
  warmLaunchRequests: number
  searchFileSaved: boolean
  /** The search file's parts kept: each is one request of the cold launch. */
  searchParts: number
  bodiesOpened: number
  cacheBytes: number
  /** The largest record the cache keeps in storage (its files are in the user data folder). */
  largestCacheKeyBytes: number
}

/** What the cache keeps: its records in storage and its files in the user data folder, with their bytes. */
const cacheEntries = (h: Harness) => [
  ...[...h.storage.entries()]
    .filter(([k]) => k.startsWith('lre.cache.'))
    .map(([k, v]) => [k, Buffer.byteLength(JSON.stringify(v))] as const),
  ...[...h.files.entries()]
    .filter(([k]) => k.includes('/lre-cache/'))
    .map(([k, v]) => [k, Buffer.byteLength(String(v))] as const),
]

/**
 * Cold launch (the manifest, then the search file behind the first screen), open every installment
 * (each body fetched and cached), then a warm launch.
 */
export async function measureRemote(count: number, chars = 6000): Promise<RemoteMeasure> {
  const files = publish(generateSeries(count, chars))
  const cold = new Harness({ dist: REMOTE_DIST, request: host(files) })
  await cold.launch()
  await cold.advance(10_000)
  const coldLaunchRequests = cold.requests.length
  const titles = cardTitles(cold)
  let opened = 0
  for (let page = 0; opened < count && page < 100; page++) {
    for (const title of cardTitles(cold).slice(opened)) {
      await openCard(cold, title)
      cold.back()
      await cold.settle()
      opened++
    }
    await cold.trigger('onReachBottom')
  }
  const entries = cacheEntries(cold)
  const warm = new Harness({
    dist: REMOTE_DIST,
    request: host(files),
    storage: cold.storage,
    files: cold.files,
  })
  await warm.launch()
  await warm.advance(10_000)
  if (titles.length === 0 || cold.errors.length || warm.errors.length)
    throw new Error('the remote scenario failed')
  return {
    installments: count,
    coldLaunchRequests,
    warmLaunchRequests: warm.requests.length,
    searchFileSaved: keptSearchParts(cold).length > 0,
    searchParts: keptSearchParts(cold).length,
    bodiesOpened: opened,
    cacheBytes: entries.reduce((sum, [, bytes]) => sum + bytes, 0),
    largestCacheKeyBytes: Math.max(
      ...entries.filter(([k]) => k.startsWith('lre.')).map(([, bytes]) => bytes),
    ),
  }
}
