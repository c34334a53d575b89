import { fixture as manifest } from '../fixtures/built'
import type { ManifestEntry } from '@/content/schema'
import { anchorOf, fingerprintOf, likeness, SAME_PASSAGE } from '@/library/anchor'
import {
  cleanNote,
  excerptsStore,
  keepPassage,
  keptBlocks,
  NOTE_MAX,
  reanchorExcerpts,
  removeExcerpt,
  restoreExcerpt,
  setNote,
  sortedExcerpts,
} from '@/library/excerpts'
import { favouritesStore } from '@/library/favourites'
import { setAsideKey } from '@/library/records'

import { faults, memory, resetStorage, writes } from './support/fake-taro'

jest.mock('@tarojs/taro', () => jest.requireActual('./support/fake-taro'))

const KEY = 'lre.user.excerpts'
const entries = manifest.installments as ManifestEntry[]
const [first, second] = entries

const PASSAGE = '稀土萃取要一级一级地分，几十级槽子连在一起，差一点都不行。'
const BODY = ['开场白。', PASSAGE, '第二段，讲的是别的事情。', '结尾。']

beforeEach(() => {
  resetStorage()
  excerptsStore.reload()
  favouritesStore.reload()
})

describe('fingerprints', () => {
  test.each([
    ['the same text', PASSAGE, PASSAGE, true],
    ['re-flowed spacing', PASSAGE, PASSAGE.replace('，', '， \n'), true],
    ['one character changed', PASSAGE, PASSAGE.replace('一级', '二级'), false],
    ['an emoji added', PASSAGE, `${PASSAGE}🙂`, false],
  ])('%s', (_what, a, b, same) => {
    expect(fingerprintOf(a) === fingerprintOf(b)).toBe(same)
  })

  test('is short and stable', () => {
    expect(fingerprintOf(PASSAGE)).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/)
    expect(fingerprintOf(PASSAGE)).toBe(fingerprintOf(PASSAGE))
  })
})

describe('likeness', () => {
  test.each([
    ['identical', PASSAGE, PASSAGE, 1, 1],
    ['a typo fixed', PASSAGE, PASSAGE.replace('槽子', '槽体'), SAME_PASSAGE, 1],
    ['a clause added', PASSAGE, `${PASSAGE}后来我们改了工艺。`, SAME_PASSAGE, 1],
    ['another paragraph', PASSAGE, '第二段，讲的是别的事情。', 0, SAME_PASSAGE - 0.01],
    ['one character', '好', '坏', 0, 0],
    ['empty', '', PASSAGE, 0, 0],
  ])('%s', (_what, a, b, min, max) => {
    const score = likeness(a, b)
    expect(score).toBeGreaterThanOrEqual(min)
    expect(score).toBeLessThanOrEqual(max)
  })
})

describe('finding a passage again', () => {
  const kept = { block: 1, fingerprint: fingerprintOf(PASSAGE), text: PASSAGE }
  test.each([
    ['where it was', BODY, 1],
    ['a block inserted before it', ['新的导语。', ...BODY], 2],
    ['a block removed before it', BODY.slice(1), 0],
    ['its text touched up', ['开场白。', PASSAGE.replace('差一点', '差一丁点'), '第二段。'], 1],
    ['moved and touched up', ['a', 'b', 'c', 'd', PASSAGE.replace('槽子', '槽体')], 4],
    ['removed', ['开场白。', '第二段，讲的是别的事情。', '结尾。'], null],
    ['an empty body', [], null],
  ])('%s', (_what, body, at) => {
    expect(anchorOf(kept, body)?.block ?? null).toBe(at)
  })

  test('exact when the block holds the very text kept, not when it was touched up', () => {
    expect(anchorOf(kept, ['新的导语。', ...BODY])).toEqual({ block: 2, exact: true })
    expect(anchorOf(kept, ['开场白。', PASSAGE.replace('槽子', '槽体')])).toEqual({ block: 1, exact: false })
  })

  test('of two copies, the one nearest where it was', () => {
    expect(anchorOf({ ...kept, block: 5 }, [PASSAGE, 'x', 'y', 'z', 'w', 'v', PASSAGE])?.block).toBe(6)
  })

  test('found where it was last found by likeness, by its fingerprint alone', () => {
    const touched = PASSAGE.replace('槽子', '槽体')
    expect(anchorOf({ ...kept, at: fingerprintOf(touched) }, ['开场白。', touched])).toEqual({
      block: 1,
      exact: false,
    })
    // Touched up again beyond likeness: no longer there.
    expect(anchorOf({ ...kept, at: fingerprintOf(touched) }, ['开场白。', '完全不同的一段话。'])).toBeNull()
  })
})

describe('keeping passages', () => {
  test('keeps a passage with its source, position, fingerprint and time', () => {
    const { excerpt, persisted } = keepPassage({ entry: first, block: 3, text: PASSAGE }, '', 1000)
    expect(persisted).toBe(true)
    expect(excerpt).toEqual({
      key: `${first.id}~${fingerprintOf(PASSAGE)}~${(1000).toString(36)}`,
      id: first.id,
      snapshot: expect.objectContaining({
        number: first.number,
        title: first.title,
        intervieweeName: first.interviewee.name,
      }),
      block: 3,
      fingerprint: fingerprintOf(PASSAGE),
      text: PASSAGE,
      savedAt: 1000,
    })
    excerptsStore.reload()
    expect(excerptsStore.get()).toEqual([excerpt])
  })

  test('keeping the same passage twice keeps one (and adds a note given the second time)', () => {
    keepPassage({ entry: first, block: 3, text: PASSAGE }, '', 1000)
    const again = keepPassage({ entry: first, block: 3, text: PASSAGE }, '想到了父亲', 2000)
    expect(excerptsStore.get()).toHaveLength(1)
    expect(again.excerpt).toMatchObject({ savedAt: 1000, note: '想到了父亲' })
  })

  test('two blocks with the same words are two excerpts, each with its own key and note', () => {
    const a = keepPassage({ entry: first, block: 2, text: '为什么？' }, '', 1000).excerpt
    const b = keepPassage({ entry: first, block: 9, text: '为什么？' }, '第二处', 1000).excerpt
    expect(a.key).not.toBe(b.key)
    expect(keptBlocks(excerptsStore.get(), first.id)).toEqual(new Set([2, 9]))
    setNote(a.key, '第一处')
    expect(excerptsStore.get().map((e) => [e.block, e.note])).toEqual([
      [2, '第一处'],
      [9, '第二处'],
    ])
  })

  test('newest first; kept blocks per installment', () => {
    keepPassage({ entry: first, block: 1, text: 'a' }, '', 1000)
    keepPassage({ entry: second, block: 2, text: 'b' }, '', 3000)
    keepPassage({ entry: first, block: 5, text: 'c' }, '', 2000)
    expect(sortedExcerpts(excerptsStore.get()).map((e) => e.text)).toEqual(['b', 'c', 'a'])
    expect(keptBlocks(excerptsStore.get(), first.id)).toEqual(new Set([1, 5]))
  })

  test('remove and undo give back the same excerpt, note included', () => {
    const { excerpt } = keepPassage({ entry: first, block: 1, text: PASSAGE }, '记下', 1000)
    const removed = removeExcerpt(excerpt.key)
    expect(excerptsStore.get()).toEqual([])
    expect(removed).toEqual(excerpt)
    restoreExcerpt(removed!)
    restoreExcerpt(removed!)
    excerptsStore.reload()
    expect(excerptsStore.get()).toEqual([excerpt])
  })

  test('removing what is not there changes nothing', () => {
    expect(removeExcerpt('nope')).toBeNull()
  })
})

describe('notes', () => {
  test.each([
    ['trimmed', '  想到了父亲  ', '想到了父亲'],
    ['cut at the limit', '字'.repeat(NOTE_MAX + 20), '字'.repeat(NOTE_MAX)],
    ['an emoji counts once and is never halved', '🙂'.repeat(NOTE_MAX + 1), '🙂'.repeat(NOTE_MAX)],
    ['blank', '   ', ''],
  ])('%s', (_what, note, cleaned) => {
    expect(cleanNote(note)).toBe(cleaned)
  })

  test('set, edit and clear a note', () => {
    const { excerpt } = keepPassage({ entry: first, block: 1, text: PASSAGE })
    expect(setNote(excerpt.key, '第一次')).toBe(true)
    expect(setNote(excerpt.key, '改过了')).toBe(true)
    excerptsStore.reload()
    expect(excerptsStore.get()[0].note).toBe('改过了')
    setNote(excerpt.key, '')
    expect(excerptsStore.get()[0]).not.toHaveProperty('note')
  })

  test('a refused write says so and keeps the note in memory', () => {
    const { excerpt } = keepPassage({ entry: first, block: 1, text: PASSAGE })
    faults.write = true
    expect(setNote(excerpt.key, '写不进去')).toBe(false)
    expect(excerptsStore.get()[0].note).toBe('写不进去')
  })
})

describe('when the installment changes', () => {
  test('an excerpt follows its passage, and is marked when the passage has gone', () => {
    const { excerpt } = keepPassage({ entry: first, block: 1, text: PASSAGE })
    reanchorExcerpts(first.id, ['新的导语。', ...BODY])
    expect(excerptsStore.get()[0]).toMatchObject({ block: 2, text: PASSAGE })
    expect(excerptsStore.get()[0]).not.toHaveProperty('gone')
    reanchorExcerpts(first.id, ['开场白。', '结尾。'])
    expect(excerptsStore.get()[0]).toMatchObject({ key: excerpt.key, block: 2, text: PASSAGE, gone: true })
    // Editors put it back: the excerpt finds it again.
    reanchorExcerpts(first.id, BODY)
    expect(excerptsStore.get()[0]).toMatchObject({ block: 1 })
    expect(excerptsStore.get()[0]).not.toHaveProperty('gone')
  })

  test('a passage found by likeness is found there again with no write', () => {
    keepPassage({ entry: first, block: 1, text: PASSAGE })
    const touched = ['开场白。', PASSAGE.replace('槽子', '槽体'), '结尾。']
    reanchorExcerpts(first.id, touched)
    expect(excerptsStore.get()[0]).toMatchObject({ block: 1, at: fingerprintOf(touched[1]) })
    const before = writes.length
    reanchorExcerpts(first.id, touched)
    expect(writes.length).toBe(before)
    // Editors restore the original words: the excerpt is exact again.
    reanchorExcerpts(first.id, BODY)
    expect(excerptsStore.get()[0]).not.toHaveProperty('at')
  })

  test('nothing is written when nothing moved; other installments are left alone', () => {
    keepPassage({ entry: first, block: 1, text: PASSAGE })
    keepPassage({ entry: second, block: 0, text: '别的访谈' })
    const before = writes.length
    reanchorExcerpts(first.id, BODY)
    expect(writes.length).toBe(before)
    reanchorExcerpts(first.id, [])
    expect(excerptsStore.get().find((e) => e.id === second.id)).not.toHaveProperty('gone')
  })
})

describe('a damaged record', () => {
  test.each([
    ['corrupt JSON', '{"v":1,"data":['],
    ['a newer version', JSON.stringify({ v: 2, data: [] })],
    ['an excerpt without its text', JSON.stringify({ v: 1, data: [{ key: 'x', id: 'a' }] })],
  ])('%s is set aside and the list starts empty', (_what, stored) => {
    memory.set(KEY, stored)
    excerptsStore.reload()
    expect(excerptsStore.get()).toEqual([])
    expect(memory.get(setAsideKey(KEY))).toBe(stored)
  })
})
