import type { FileStore, WriteOutcome } from '@/platform/file-store'

/**
 * A FileStore in memory for the cache's unit tests, failing as the platforms fail: the folder full
 * (WeChat's message, mapped as files.ts maps it), a directory where a file should be, reads that only
 * the browser's asynchronous kind can do (`sync: false`). The compiled app's own file system is the
 * harness's (tests/weapp/harness/wx-fs.ts).
 */
export type MemoryFiles = FileStore & {
  files: Map<string, string>
  /** Names that are directories, not files. */
  directories: Set<string>
  fault: 'none' | 'full'
  /** Bytes the folder holds at most, as WeChat's 200 MB. */
  limit: number
  writes: string[]
}

const bytes = (text: string) => Buffer.byteLength(text)

export function memoryFiles({ sync = true, limit = Infinity } = {}): MemoryFiles {
  const store: MemoryFiles = {
    files: new Map(),
    directories: new Set(),
    fault: 'none',
    limit,
    writes: [],
    readNow: (name) =>
      sync ? (store.directories.has(name) ? null : (store.files.get(name) ?? null)) : undefined,
    read: async (name) => (store.directories.has(name) ? null : (store.files.get(name) ?? null)),
    async write(name, text): Promise<WriteOutcome> {
      const used = [...store.files].reduce((sum, [n, t]) => sum + (n === name ? 0 : bytes(t)), 0)
      if (store.fault === 'full' || used + bytes(text) > store.limit) return { kind: 'full' }
      if (store.directories.has(name))
        return {
          kind: 'failed',
          reason: 'directory',
          message: `writeFile:fail illegal operation on a directory, open ${name}`,
        }
      store.writes.push(name)
      store.files.set(name, text)
      return { kind: 'ok' }
    },
    async remove(name) {
      store.files.delete(name)
      store.directories.delete(name)
    },
    list: async () => [...store.files.keys(), ...store.directories],
  }
  return store
}
