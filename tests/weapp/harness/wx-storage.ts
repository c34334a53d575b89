/**
 * `wx` storage: a Map, with WeChat's limits (1 MB a key, 10 MB in all) and faults a test can switch on
 * (`quota`: every write fails as if full; `read-error`: every read throws).
 */
import { jsonBytes } from './tree'
import { asyncApi, type Later, type Wx } from './wx-types'

export type StorageFault = 'none' | 'quota' | 'read-error'

export const STORAGE_LIMIT_BYTES = 10 * 1024 * 1024
export const KEY_LIMIT_BYTES = 1024 * 1024

/** Read at every call, so a test can swap the fault while the app runs. */
export type StorageHost = {
  storage: Map<string, unknown>
  storageFault: StorageFault
  /** Every getStorageSync of a key that exists, with the bytes of what it held. */
  storageReads: StorageRead[]
}
export type StorageRead = { key: string; bytes: number }

export function storageApis(host: StorageHost, later: Later) {
  const storageBytes = () => [...host.storage.values()].reduce<number>((sum, v) => sum + jsonBytes(v), 0)
  const getStorageSync = <T>(key: string): T => {
    if (host.storageFault === 'read-error') throw new Error('getStorageSync:fail')
    if (!host.storage.has(key)) return '' as T
    const value = host.storage.get(key)
    host.storageReads.push({ key, bytes: jsonBytes(value) })
    return structuredClone(value) as T
  }
  const setStorageSync = (key: string, value: unknown) => {
    const bytes = jsonBytes(value)
    if (
      host.storageFault === 'quota' ||
      bytes > KEY_LIMIT_BYTES ||
      storageBytes() + bytes > STORAGE_LIMIT_BYTES
    ) {
      throw new Error('setStorageSync:fail exceed storage max size 10MB')
    }
    host.storage.set(key, structuredClone(value))
  }
  const removeStorageSync = (key: string) => {
    host.storage.delete(key)
  }
  const getStorageInfoSync = () => ({
    keys: [...host.storage.keys()],
    currentSize: Math.ceil(storageBytes() / 1024),
    limitSize: STORAGE_LIMIT_BYTES / 1024,
  })
  return {
    getStorageSync,
    setStorageSync,
    removeStorageSync,
    getStorageInfoSync,
    clearStorageSync: () => host.storage.clear(),
    getStorage: asyncApi(later, 'getStorage', (o) => ({ data: getStorageSync(o.key) })),
    setStorage: asyncApi(later, 'setStorage', (o) => setStorageSync(o.key, o.data)),
    removeStorage: asyncApi(later, 'removeStorage', (o) => removeStorageSync(o.key)),
    getStorageInfo: asyncApi(later, 'getStorageInfo', getStorageInfoSync),
  } satisfies Partial<Wx>
}
