/**
 * Sharing a page's link from a button. In WeChat the share button is the platform's own
 * (`<Button openType="share">`, answered by useShareAppMessage), so this is never called there; the
 * browser build's version is share-link.h5.ts, picked by Taro for H5.
 */
import type { ShareLink, ShareOutcome } from './share-outcome'

export type { ShareLink, ShareOutcome } from './share-outcome'

export function shareLink(_link: ShareLink): Promise<ShareOutcome> {
  return Promise.resolve('failed')
}

/** A page path (`/pages/reader/index?id=…`) as a link; WeChat shares paths, not addresses. */
export function pageLink(path: string): string {
  return path
}
