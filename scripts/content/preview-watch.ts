/**
 * Watches an editor's folder: a burst of saves (an editor's save, a tool writing several files, a
 * rename) becomes one call, once the folder has been quiet for `quietMs`, told whether a picture was
 * among the changes.
 */
import { watch, type FSWatcher } from 'node:fs'
import path from 'node:path'

export type Change = { files: string[]; picturesChanged: boolean }
export type Watcher = { close: () => void }

/** Quiet long enough for a save (some editors write a temp file, then rename it) to be whole. */
export const QUIET_MS = 60

const MARKDOWN = /\.md$/i
/** Editors' swap and backup files: their saves are not the editor's. */
const IGNORED = /(?:^|\/)(?:\.[^/]*\.swp|[^/]*~|\.#[^/]*|\.DS_Store)$/

export function watchFolder(
  dir: string,
  onChange: (change: Change) => void,
  quietMs = QUIET_MS,
  onError: (error: Error) => void = () => undefined,
): Watcher {
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | null = null
  const flush = () => {
    timer = null
    const files = [...pending].sort()
    pending = new Set()
    // Anything but a Markdown file may be a picture (a folder renamed, a file the system could not
    // name): every installment is then read again.
    if (files.length) onChange({ files, picturesChanged: files.some((f) => !MARKDOWN.test(f)) })
  }
  const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, name) => {
    const file = name ? String(name).split(path.sep).join('/') : ''
    if (IGNORED.test(file)) return
    pending.add(file)
    if (timer) clearTimeout(timer)
    timer = setTimeout(flush, quietMs)
  })
  // The folder removed, or the system's limit on watches reached: say so, and keep serving.
  watcher.on('error', (error) => onError(error))
  return {
    close() {
      if (timer) clearTimeout(timer)
      watcher.close()
    },
  }
}
