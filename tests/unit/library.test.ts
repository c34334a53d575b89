import * as v from 'valibot'

import { fixture as manifest } from '../fixtures/built'
import type { ManifestEntry } from '@/content/schema'
import {
  addFavourite,
  favouritesStore,
  isFavourite,
  removeFavourite,
  restoreFavourite,
  sortedFavourites,
  toggleFavourite,
} from '@/library/favourites'
import { MAX_PROGRESS_ENTRIES, progressStore, readingState, saveProgress } from '@/library/progress'
import { readRecord, setAsideKey, writeRecord, type RecordSpec } from '@/library/records'
import { DEFAULT_SETTINGS, setFontStep, settingsStore } from '@/library/settings'

import { faults, memory, resetStorage } from './support/fake-taro'

jest.mock('@tarojs/taro', () => jest.requireActual('./support/fake-taro'))

const spec: RecordSpec<string[]> = {
  key: 'lre.user.test',
  version: 2,
  schema: v.array(v.string()),
  empty: () => [],
}
const entries = manifest.installments as ManifestEntry[]

beforeEach(() => {
  resetStorage()
  for (const store of [favouritesStore, progressStore, settingsStore]) store.reload()
})

describe('versioned records', () => {
  test.each([
    ['no record', undefined, [], false],
    ['a good record', JSON.stringify({ v: 2, data: ['a'] }), ['a'], false],
    ['corrupt JSON', '{"v":2,"data":[', [], true],
    ['an older version', JSON.stringify({ v: 1, data: ['a'] }), [], true],
    ['a newer version', JSON.stringify({ v: 3, data: ['a'] }), [], true],
    ['the wrong shape', JSON.stringify({ v: 2, data: [1, 2] }), [], true],
    ['null', 'null', [], true],
  ])('%s', (_what, stored, data, setAside) => {
    if (stored !== undefined) memory.set(spec.key, stored)
    expect(readRecord(spec)).toEqual({ data, setAside })
    if (setAside) {
      expect(memory.get(setAsideKey(spec.key))).toBe(stored)
      expect(memory.has(spec.key)).toBe(false)
    }
  })

  test('a storage that throws on read gives the empty value, not an exception', () => {
    faults.read = true
    expect(readRecord(spec)).toEqual({ data: [], setAside: false })
  })

  test('write reports a refused write instead of throwing', () => {
    faults.write = true
    expect(writeRecord(spec, ['x'])).toBe(false)
    faults.write = false
    expect(writeRecord(spec, ['x'])).toBe(true)
    expect(JSON.parse(String(memory.get(spec.key)))).toEqual({ v: 2, data: ['x'] })
  })
})

describe('favourites', () => {
  test('add, list newest-saved first, remove and restore', () => {
    const sample = entries.find((e) => e.sample)!
    const real = entries.find((e) => !e.sample)!
    addFavourite(sample, 1000)
    addFavourite(real, 2000)
    addFavourite(sample, 3000)
    const list = sortedFavourites(favouritesStore.get())
    expect(list.map((f) => f.id)).toEqual([real.id, sample.id])
    expect(list[1].snapshot).toEqual({
      number: sample.number,
      title: sample.title,
      intervieweeName: sample.interviewee.name,
      intervieweeRole: sample.interviewee.role,
      group: sample.interviewee.group,
      sample: true,
    })
    expect(list[0].snapshot).not.toHaveProperty('sample')
    const removed = removeFavourite(real.id)
    expect(isFavourite(favouritesStore.get(), real.id)).toBe(false)
    restoreFavourite(removed!)
    expect(sortedFavourites(favouritesStore.get())[0]).toEqual(removed)
  })

  test('toggle flips and persists across a reload', () => {
    expect(toggleFavourite(entries[2])).toBe(true)
    favouritesStore.reload()
    expect(isFavourite(favouritesStore.get(), entries[2].id)).toBe(true)
    expect(toggleFavourite(entries[2])).toBe(false)
    favouritesStore.reload()
    expect(favouritesStore.get()).toEqual([])
  })

  test('a refused write keeps the favourite in memory and saves it with the next change', () => {
    faults.write = true
    addFavourite(entries[0])
    expect(favouritesStore.persisted()).toBe(false)
    expect(isFavourite(favouritesStore.get(), entries[0].id)).toBe(true)
    faults.write = false
    addFavourite(entries[1])
    favouritesStore.reload()
    expect(
      favouritesStore
        .get()
        .map((f) => f.id)
        .sort(),
    ).toEqual([entries[0].id, entries[1].id].sort())
  })
})

describe('reading progress', () => {
  test.each([
    [undefined, 'unread'],
    [{ offset: 0, ratio: 0, updatedAt: 1 }, 'reading'],
    [{ offset: 900, ratio: 0.5, updatedAt: 1 }, 'reading'],
    [{ offset: 3000, ratio: 0.97, updatedAt: 1 }, 'finished'],
  ] as const)('%j is %s', (entry, state) => {
    expect(readingState(entry)).toBe(state)
  })

  test('saving clamps the ratio, rounds the offset and keeps only the newest entries', () => {
    saveProgress('a', 10.6, 1.4, 1)
    expect(progressStore.get().a).toEqual({ offset: 11, ratio: 1, updatedAt: 1 })
    for (let i = 0; i < MAX_PROGRESS_ENTRIES + 5; i++) saveProgress(`id-${i}`, i, 0.1, 10 + i)
    const ids = Object.keys(progressStore.get())
    expect(ids).toHaveLength(MAX_PROGRESS_ENTRIES)
    expect(ids).not.toContain('a')
    expect(ids).toContain(`id-${MAX_PROGRESS_ENTRIES + 4}`)
  })
})

describe('settings', () => {
  test('defaults, then a persisted font step', () => {
    expect(settingsStore.get()).toEqual(DEFAULT_SETTINGS)
    setFontStep(3)
    settingsStore.reload()
    expect(settingsStore.get().fontStep).toBe(3)
  })

  test('an out-of-range font step in storage is set aside', () => {
    memory.set('lre.user.settings', JSON.stringify({ v: 1, data: { fontStep: 9, order: 'newest' } }))
    expect(settingsStore.get()).toEqual(DEFAULT_SETTINGS)
    expect(memory.has('lre.user.settings.unreadable')).toBe(true)
  })
})
