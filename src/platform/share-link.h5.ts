/**
 * The browser build's share (see share-link.ts): the system share sheet where the browser has one
 * (`navigator.share`, mostly phones), otherwise the link on the clipboard.
 */
import { copyText } from './interaction'
import { shareOutcome, type ShareLink, type ShareOutcome } from './share-outcome'

export type { ShareLink, ShareOutcome } from './share-outcome'

type Share = (data: ShareLink) => Promise<void>

function systemShare(): Share | null {
  const nav = typeof navigator === 'undefined' ? null : navigator
  if (!nav || typeof nav.share !== 'function') return null
  return (data) => nav.share(data)
}

/** Must be called inside the reader's tap: both the sheet and the copy need its activation. */
export function shareLink(link: ShareLink): Promise<ShareOutcome> {
  const copy = () => copyText(link.url)
  const share = systemShare()
  if (!share) return shareOutcome({ kind: 'missing' }, copy)
  let sheet: Promise<void>
  try {
    sheet = share({ title: link.title, url: link.url })
  } catch (error) {
    sheet = Promise.reject(error)
  }
  return sheet.then(
    () => shareOutcome({ kind: 'shared' }, copy),
    (error: unknown) => shareOutcome({ kind: 'rejected', error }, copy),
  )
}

/**
 * A page path as the address that opens it: the router is in hash mode (config/index.ts), so the
 * path follows `#` on this document's address. Built rather than read from the address bar, so a
 * search's passage and words (`&block=…&q=…`) are not passed on.
 */
export function pageLink(path: string): string {
  try {
    const url = new URL(location.href)
    url.hash = path
    return url.href
  } catch {
    return path
  }
}
