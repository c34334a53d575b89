import { load, loadText, remove, save } from '@/platform/storage'

import { faults, memory, resetStorage } from './support/fake-taro'

jest.mock('@tarojs/taro', () => jest.requireActual('./support/fake-taro'))

beforeEach(resetStorage)

describe('storage helpers never throw', () => {
  test.each([
    ['a saved value', () => save('k', { a: 1 }), () => load('k'), { a: 1 }],
    ['a missing key', () => true, () => load('missing'), null],
    ['text that is not JSON', () => memory.set('k', '{oops'), () => load('k'), null],
    [
      'an object stored by someone else',
      () => memory.set('k', { raw: true }),
      () => load('k'),
      { raw: true },
    ],
  ])('load: %s', (_what, arrange, act, expected) => {
    arrange()
    expect(act()).toEqual(expected)
  })

  test('save returns false when the quota is full, and load returns null when reads fail', () => {
    faults.write = true
    expect(save('k', 1)).toBe(false)
    faults.write = false
    expect(save('k', 1)).toBe(true)
    faults.read = true
    expect(load('k')).toBeNull()
    expect(loadText('k')).toBeNull()
  })

  test('remove', () => {
    save('a', 1)
    save('b', 2)
    expect(remove('a')).toBe(true)
    expect([load('a'), load('b')]).toEqual([null, 2])
  })
})
