/**
 * What a mini program in production needs from its app shell: new versions offered at a good moment,
 * dead links led back to the list, and failures sent to the team's real-time logs.
 */
import { text } from '@/i18n/zh'
import { logError, logWarning, errorMessage } from '@/platform/log'
import { currentRoute, LIST_PATH, READER_PATH, reLaunch, switchTab } from '@/platform/navigation'
import { ask, toast } from '@/platform/ui'
import { applyUpdate, watchForUpdate } from '@/platform/update'

let updateReady = false
let updateOffered = false

/** The reader is never interrupted in the middle of an interview. */
const reading = () => `/${currentRoute() ?? ''}` === READER_PATH

/** Offers the restart once a new version has downloaded, and once a session: 稍后 means not now. */
export async function offerUpdate(): Promise<void> {
  if (!updateReady || updateOffered || reading()) return
  updateOffered = true
  const restart = await ask({
    content: text.updateReady,
    confirmText: text.updateRestart,
    cancelText: text.updateLater,
  })
  if (restart && !applyUpdate()) logWarning('update-apply-failed')
}

export function watchForNewVersion(): void {
  watchForUpdate({
    onReady: () => {
      updateReady = true
      void offerUpdate()
    },
    // WeChat retries on a later launch; the reader is not told about a download they never asked for.
    onFailed: () => logWarning('update-failed'),
  })
}

/** A shared card or an old link to a page this version no longer has: the list, with a word why. */
export async function recoverFromDeadLink(path: string): Promise<void> {
  logWarning('page-not-found', { path: path.slice(0, 100) })
  // The list is a tab: where reLaunch is refused, a tab switch still gets there.
  if ((await reLaunch(LIST_PATH)) || (await switchTab(LIST_PATH))) toast(text.deadLink)
}

export function reportUncaught(kind: 'error' | 'unhandled-rejection', error: unknown): void {
  logError(kind, { message: errorMessage(error) })
}
