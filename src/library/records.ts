import { safeParse, type GenericSchema } from 'valibot'

import { loadText, remove, save, saveText } from '@/platform/storage'

/**
 * A versioned user-data record: `{ "v": <version>, "data": <T> }` under one storage key.
 * User data lives under `lre.user.*`, apart from any cached content, so cache eviction can never
 * reach it.
 */
export type RecordSpec<T> = {
  key: string
  version: number
  schema: GenericSchema<unknown, T>
  empty: () => T
}

export const USER_KEY_PREFIX = 'lre.user.'

export type ReadOutcome<T> = { data: T; setAside: boolean }

/** Where an unreadable record is moved, so nothing a reader owned is destroyed outright. */
export function setAsideKey(key: string): string {
  return `${key}.unreadable`
}

/**
 * Reads a record; never throws. A record that is not JSON, has another version or fails its
 * schema is moved aside and the reader starts clean, without alarm.
 */
export function readRecord<T>(spec: RecordSpec<T>): ReadOutcome<T> {
  const text = loadText(spec.key)
  if (text === null) return { data: spec.empty(), setAside: false }
  const data = decode(spec, text)
  if (data !== undefined) return { data, setAside: false }
  saveText(setAsideKey(spec.key), text)
  remove(spec.key)
  return { data: spec.empty(), setAside: true }
}

function decode<T>(spec: RecordSpec<T>, text: string): T | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!parsed || typeof parsed !== 'object' || (parsed as { v?: unknown }).v !== spec.version)
    return undefined
  const result = safeParse(spec.schema, (parsed as { data?: unknown }).data)
  return result.success ? result.output : undefined
}

/** Writes a record; false when storage refused it (the caller keeps the data in memory). */
export function writeRecord<T>(spec: RecordSpec<T>, data: T): boolean {
  return save(spec.key, { v: spec.version, data })
}
