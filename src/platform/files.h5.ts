import { writeOutcomeOf, type FileStore, type WriteOutcome } from './file-store'

export type { FileStore, WriteOutcome } from './file-store'

const STORE = 'files'

const failureOf = (error: unknown): WriteOutcome =>
  writeOutcomeOf(error instanceof Error ? `${error.name} ${error.message}` : String(error))

/**
 * The browser's store for the same files: IndexedDB, which holds far more than localStorage's few
 * megabytes (a whole edition's search file), one database per folder, a record per name. Reads are
 * asynchronous only (`readNow` is undefined): callers take the asynchronous path. Never throws.
 */
export function fileStore(folder: string): FileStore | null {
  if (typeof indexedDB === 'undefined') return null
  let opening: Promise<IDBDatabase | null> | null = null
  const open = () =>
    (opening ??= new Promise((resolve) => {
      try {
        const request = indexedDB.open(`lre-${folder}`, 1)
        request.onupgradeneeded = () => request.result.createObjectStore(STORE)
        request.onsuccess = () => {
          // Another tab opening a newer version must not wait on this one.
          request.result.onversionchange = () => request.result.close()
          resolve(request.result)
        }
        request.onerror = () => {
          opening = null
          resolve(null)
        }
      } catch {
        opening = null
        resolve(null)
      }
    }))

  /** One request in its own transaction; `fallback` when the database or the request fails. */
  const run = <T>(
    mode: IDBTransactionMode,
    make: (store: IDBObjectStore) => IDBRequest,
    done: (result: unknown) => T,
    fallback: (error: unknown) => T,
  ): Promise<T> =>
    open().then(
      (db) =>
        new Promise<T>((resolve) => {
          if (!db) return resolve(fallback(new Error('IndexedDB is not available')))
          try {
            const transaction = db.transaction(STORE, mode)
            const request = make(transaction.objectStore(STORE))
            transaction.oncomplete = () => resolve(done(request.result))
            // request.error throws while the request is pending; the transaction's error says why.
            transaction.onabort = () => resolve(fallback(transaction.error ?? new Error('aborted')))
          } catch (error) {
            resolve(fallback(error))
          }
        }),
    )

  return {
    readNow: () => undefined,
    read: (name) =>
      run(
        'readonly',
        (store) => store.get(name),
        (value) => (typeof value === 'string' ? value : null),
        () => null,
      ),
    write: (name, text) =>
      run<WriteOutcome>(
        'readwrite',
        (store) => store.put(text, name),
        () => ({ kind: 'ok' }),
        failureOf,
      ),
    remove: (name) =>
      run(
        'readwrite',
        (store) => store.delete(name),
        () => undefined,
        () => undefined,
      ),
    list: () =>
      run(
        'readonly',
        (store) => store.getAllKeys(),
        (keys) => (Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : []),
        () => [],
      ),
  }
}
