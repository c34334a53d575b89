import { useSyncExternalStore } from 'react'

import { useWhileShown } from '@/platform/visibility'

import { readRecord, writeRecord, type RecordSpec } from './records'

export type Store<T> = {
  get: () => T
  /** Applies a change, keeps it in memory and persists it; false when storage refused. */
  update: (change: (current: T) => T) => boolean
  subscribe: (listener: () => void) => () => void
  /** Drops the in-memory copy so the next read comes from storage (tests, app relaunch). */
  reload: () => void
  /** Whether the last write reached storage. */
  persisted: () => boolean
}

/**
 * A persisted record shared by every page. Reads are lazy so nothing touches storage before it
 * is needed; a refused write keeps the change in memory and is retried with the next change.
 */
export function createStore<T>(spec: RecordSpec<T>): Store<T> {
  let value: T | null = null
  let lastWriteOk = true
  const listeners = new Set<() => void>()
  const get = () => {
    if (value === null) value = readRecord(spec).data
    return value
  }
  return {
    get,
    update(change) {
      value = change(get())
      lastWriteOk = writeRecord(spec, value)
      listeners.forEach((listener) => listener())
      return lastWriteOk
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    reload() {
      value = null
      listeners.forEach((listener) => listener())
    },
    persisted: () => lastWriteOk,
  }
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get)
}

/** The store, re-rendering only while the page is shown (see platform/visibility). */
export function useStoreWhileShown<T>(store: Store<T>): T {
  return useWhileShown(store.subscribe, store.get)
}
