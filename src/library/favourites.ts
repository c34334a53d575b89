import * as v from 'valibot'

import { groupSchema, idSchema, type ManifestEntry } from '@/content/schema'

import { USER_KEY_PREFIX } from './records'
import { createStore } from './store'

/** What a favourite remembers of its installment, so it shows and opens with no content at all. */
export const snapshotSchema = v.object({
  number: v.pipe(v.number(), v.integer()),
  title: v.string(),
  intervieweeName: v.string(),
  intervieweeRole: v.string(),
  group: groupSchema,
  sample: v.optional(v.boolean()),
})

export const favouriteSchema = v.object({
  id: idSchema,
  savedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  snapshot: snapshotSchema,
})

export type Favourite = v.InferOutput<typeof favouriteSchema>

export const favouritesStore = createStore({
  key: `${USER_KEY_PREFIX}favourites`,
  version: 1,
  schema: v.array(favouriteSchema),
  empty: () => [],
})

export function snapshotOf(entry: ManifestEntry): Favourite['snapshot'] {
  return {
    number: entry.number,
    title: entry.title,
    intervieweeName: entry.interviewee.name,
    intervieweeRole: entry.interviewee.role,
    group: entry.interviewee.group,
    ...(entry.sample ? { sample: true } : {}),
  }
}

export function isFavourite(list: readonly Favourite[], id: string): boolean {
  return list.some((f) => f.id === id)
}

/** Newest-saved first, which is how the favourites page lists them. */
export function sortedFavourites(list: readonly Favourite[]): Favourite[] {
  return [...list].sort((a, b) => b.savedAt - a.savedAt)
}

export function addFavourite(entry: ManifestEntry, now: number = Date.now()): boolean {
  return favouritesStore.update((list) =>
    isFavourite(list, entry.id)
      ? list
      : [...list, { id: entry.id, savedAt: now, snapshot: snapshotOf(entry) }],
  )
}

/** Removes and returns the favourite, so the caller can offer an undo. */
export function removeFavourite(id: string): Favourite | null {
  const removed = favouritesStore.get().find((f) => f.id === id) ?? null
  if (removed) favouritesStore.update((list) => list.filter((f) => f.id !== id))
  return removed
}

export function restoreFavourite(favourite: Favourite): boolean {
  return favouritesStore.update((list) => (isFavourite(list, favourite.id) ? list : [...list, favourite]))
}

export function toggleFavourite(entry: ManifestEntry): boolean {
  if (isFavourite(favouritesStore.get(), entry.id)) {
    removeFavourite(entry.id)
    return false
  }
  addFavourite(entry)
  return true
}
