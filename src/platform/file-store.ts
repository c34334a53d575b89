/**
 * Files of our own, kept across launches: the user data folder in WeChat (files.ts), IndexedDB in the
 * browser (files.h5.ts). Names are flat (`body.<id>.<hash>.json`); the store holds one folder of them.
 */
export type WriteOutcome =
  | { kind: 'ok' }
  /** The platform's quota for files is reached (WeChat: 200 MB for the user data folder). */
  | { kind: 'full' }
  | { kind: 'failed'; reason: 'missing-folder' | 'directory' | 'other'; message: string }

export type FileStore = {
  /** The text of a file now, where the platform reads synchronously (WeChat); undefined where not. */
  readNow: (name: string) => string | null | undefined
  /** The text of a file, or null when it is missing or cannot be read. */
  read: (name: string) => Promise<string | null>
  write: (name: string, text: string) => Promise<WriteOutcome>
  /** Removes a file (or a directory in its place); never fails. */
  remove: (name: string) => Promise<void>
  /** The names in the folder; empty when it cannot be listed. */
  list: () => Promise<string[]>
}

/**
 * WeChat's messages for a failed write, as values. Pure: the same message always maps the same way.
 * `the maximum size of the file storage limit is exceeded` is the user data folder full; a browser's
 * IndexedDB says QuotaExceededError.
 */
export function writeOutcomeOf(message: string): WriteOutcome {
  if (/maximum size of the file storage limit is exceeded|quota ?exceeded/i.test(message))
    return { kind: 'full' }
  if (/illegal operation on a directory|is a directory/i.test(message))
    return { kind: 'failed', reason: 'directory', message }
  if (/no such file or directory/i.test(message)) return { kind: 'failed', reason: 'missing-folder', message }
  return { kind: 'failed', reason: 'other', message }
}
