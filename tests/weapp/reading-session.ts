/** A reader's session online, shared by the offline-search tests and the cache benchmark. */
import { host, REMOTE_DIST, type Published } from './content-server'
import { Harness } from './harness'
import { cardTitles, openCard, openSearch, searchFor, untilSearchReady } from './screens'

/**
 * On the build with a content URL: the list refreshes onto `published`, the five newest interviews are
 * read, and the search page is opened with a query until it is ready (its search file fetched).
 */
export async function readOnline(published: Published): Promise<{ online: Harness; read: string[] }> {
  const online = new Harness({ dist: REMOTE_DIST, request: host(published) })
  await online.launch()
  await online.advance(10_000)
  const read = cardTitles(online).slice(0, 5)
  for (const title of read) {
    await openCard(online, title)
    online.back()
    await online.settle()
  }
  await openSearch(online)
  await searchFor(online, '平凡')
  await untilSearchReady(online)
  return { online, read }
}
