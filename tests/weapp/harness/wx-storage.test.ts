import { setUp, type Outcome } from './wx-setup'
import type { WxHost } from './wx'
import { KEY_LIMIT_BYTES } from './wx-storage'

describe('wx storage', () => {
  it.each<[string, Partial<WxHost>, () => [string, unknown], string | null]>([
    ['a small write', {}, () => ['k', { a: 1 }], null],
    ['a write under quota fault', { storageFault: 'quota' }, () => ['k', 1], 'exceed storage max size'],
    ['a key over 1 MB', {}, () => ['k', 'x'.repeat(KEY_LIMIT_BYTES)], 'exceed storage max size'],
    [
      'a write past 10 MB in all',
      {
        storage: new Map(Array.from({ length: 10 }, (_, i) => [`big${i}`, 'x'.repeat(KEY_LIMIT_BYTES - 10)])),
      },
      () => ['k', 'x'.repeat(1000)],
      'exceed storage max size',
    ],
  ])('setStorageSync: %s', (_name, host, write, error) => {
    const { api, host: h } = setUp({}, host)
    const [key, value] = write()
    if (error) {
      expect(() => api('setStorageSync')(key, value)).toThrow(error)
      expect(h.storage.has(key)).toBe(false)
    } else {
      api('setStorageSync')(key, value)
      expect(h.storage.get(key)).toEqual(value)
    }
  })

  it('reads a copy, an empty string for a missing key, and throws under a read fault', () => {
    const { api, host } = setUp()
    api('setStorageSync')('k', { n: 1 })
    const read = api('getStorageSync')('k') as { n: number }
    read.n = 2
    expect(api('getStorageSync')('k')).toEqual({ n: 1 })
    expect(api('getStorageSync')('missing')).toBe('')
    host.storageFault = 'read-error'
    expect(() => api('getStorageSync')('k')).toThrow('getStorageSync:fail')
  })

  it.each<[string, Partial<WxHost>, string, Outcome]>([
    [
      'getStorage',
      { storage: new Map([['k', 5]]) },
      'getStorage',
      { success: { errMsg: 'getStorage:ok', data: 5 } },
    ],
    [
      'getStorage under a read fault',
      { storageFault: 'read-error' },
      'getStorage',
      { fail: { errMsg: 'getStorageSync:fail' } },
    ],
    [
      'setStorage under quota',
      { storageFault: 'quota' },
      'setStorage',
      { fail: { errMsg: 'setStorageSync:fail exceed storage max size 10MB' } },
    ],
  ])('%s calls back on the next tick', async (_name, host, name, expected) => {
    const { call } = setUp({}, host)
    const outcome = await call(name, { key: 'k', data: 1 })
    expect(outcome).toEqual({ ...expected, complete: expected.success ?? expected.fail })
  })
})
