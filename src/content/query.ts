import type { Group, ManifestEntry, Order } from './schema'

export type { Order }
export type GroupFilter = Group | 'all'
/** What the list shows: a group, in an order. Searching is the search page's (content/search/). */
export type ListQuery = { group: GroupFilter; order: Order }

export const PAGE_SIZE = 20

function compare(order: Order) {
  return (a: ManifestEntry, b: ManifestEntry) =>
    order === 'series'
      ? a.number - b.number
      : b.publishedAt.localeCompare(a.publishedAt) || b.number - a.number
}

export function queryEntries(entries: readonly ManifestEntry[], query: ListQuery): ManifestEntry[] {
  return entries
    .filter((e) => query.group === 'all' || e.interviewee.group === query.group)
    .sort(compare(query.order))
}

/** Splits a list into pages of PAGE_SIZE, so no node ever holds more than PAGE_SIZE cards. */
export function chunk<T>(items: readonly T[], size: number = PAGE_SIZE): T[][] {
  const pages: T[][] = []
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size))
  return pages
}
