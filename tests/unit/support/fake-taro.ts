/**
 * A stand-in for @tarojs/taro's storage in unit tests: an in-memory map that can be told to fail
 * the way WeChat's storage fails (quota on write, errors on read).
 */
export const memory = new Map<string, unknown>()
export const faults = { read: false, write: false }
/** Every key written, in order: a test can tell an unneeded rewrite from none. */
export const writes: string[] = []

export function resetStorage(): void {
  memory.clear()
  writes.length = 0
  faults.read = false
  faults.write = false
}

const Taro = {
  getStorageSync(key: string): unknown {
    if (faults.read) throw new Error('getStorageSync:fail')
    return memory.has(key) ? memory.get(key) : ''
  },
  setStorageSync(key: string, value: unknown): void {
    if (faults.write) throw new Error('setStorageSync:fail exceed storage max size 10MB')
    writes.push(key)
    memory.set(key, value)
  },
  removeStorageSync(key: string): void {
    memory.delete(key)
  },
  getStorageInfoSync() {
    return { keys: [...memory.keys()], currentSize: 0, limitSize: 10240 }
  },
}

export default Taro
