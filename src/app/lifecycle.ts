/**
 * What a mini program in production needs from its app shell: new versions offered at a good moment,
 * dead links led back to the list, and failures sent to the team's real-time logs.
 */
import { useDidShow } from '@tarojs/taro'

import { text } from '@/i18n'
import { logError, logWarning, errorMessage } from '@/platform/log'
import { currentRoute, LIST_PATH, onPageNotFound, openTabNow, READER_PATH } from '@/platform/navigation'
import { ask, toast } from '@/platform/ui'
import { applyUpdate, watchForUpdate } from '@/platform/update'

let updateReady = false
let updateOffered = false

/** The reader is never interrupted in the middle of an interview; before any page shows, not yet. */
const notNow = () => {
  const route = currentRoute()
  return route === null || `/${route}` === READER_PATH
}

/** Offers the restart once a new version has downloaded, and once a session: 稍后 means not now. */
export async function offerUpdate(): Promise<void> {
  if (!updateReady || updateOffered || notNow()) return
  updateOffered = true
  const answer = await ask({
    content: text.updateReady,
    confirmText: text.updateRestart,
    cancelText: text.updateLater,
  })
  // A modal the platform refused (the app in the background, say) is not the reader's 稍后.
  if (answer === 'failed') updateOffered = false
  if (answer === 'confirm' && !applyUpdate()) logWarning('update-apply-failed')
}

/** Every page but the reader offers a waiting update when it shows: the list, and wherever the reader went. */
export function useOfferUpdateOnShow(): void {
  useDidShow(() => void offerUpdate())
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

/**
 * A shared card or an old link to a page this version no longer has: the list, with a word why. The
 * navigation is asked for before anything else, synchronously, as WeChat requires.
 */
export function watchForDeadLinks(): void {
  onPageNotFound(({ path }) => {
    const opened = openTabNow(LIST_PATH)
    logWarning('page-not-found', { path: path.slice(0, 100) })
    void opened.then((ok) => ok && toast(text.deadLink))
  })
}

export function reportUncaught(kind: 'error' | 'unhandled-rejection', error: unknown): void {
  logError(kind, { message: errorMessage(error) })
}
