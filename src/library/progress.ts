import * as v from 'valibot'

import { USER_KEY_PREFIX } from './records'
import { createStore } from './store'

export const progressEntrySchema = v.object({
  /** Scroll offset in px, to restore the exact place. */
  offset: v.pipe(v.number(), v.minValue(0)),
  /** 0..1 of the interview read, for the "continue reading" marker. */
  ratio: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  updatedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
})

export type ProgressEntry = v.InferOutput<typeof progressEntrySchema>
export type ProgressMap = Record<string, ProgressEntry>

/** Enough for a 100-installment series many times over while staying far below 1 MB a key. */
export const MAX_PROGRESS_ENTRIES = 500

/** At or above this share the interview counts as read to the end. */
export const FINISHED_RATIO = 0.95

export const progressStore = createStore({
  key: `${USER_KEY_PREFIX}progress`,
  version: 1,
  schema: v.record(v.string(), progressEntrySchema),
  empty: (): ProgressMap => ({}),
})

function keepNewest(map: ProgressMap, limit: number): ProgressMap {
  const ids = Object.keys(map)
  if (ids.length <= limit) return map
  const newest = ids.sort((a, b) => map[b].updatedAt - map[a].updatedAt).slice(0, limit)
  return Object.fromEntries(newest.map((id) => [id, map[id]]))
}

export function saveProgress(id: string, offset: number, ratio: number, now: number = Date.now()): boolean {
  const entry = {
    offset: Math.max(0, Math.round(offset)),
    ratio: Math.min(1, Math.max(0, ratio)),
    updatedAt: now,
  }
  return progressStore.update((map) => keepNewest({ ...map, [id]: entry }, MAX_PROGRESS_ENTRIES))
}

export type ReadingState = 'unread' | 'reading' | 'finished'

export function readingState(entry: ProgressEntry | undefined): ReadingState {
  if (!entry) return 'unread'
  if (entry.ratio >= FINISHED_RATIO) return 'finished'
  return 'reading'
}
