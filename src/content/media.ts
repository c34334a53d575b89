import type { ContentSource } from './repository'
import { joinUrl } from './url'

/**
 * Where bundled pictures that ride in the package are copied (config/index.ts): with the reader in
 * WeChat, the only page that shows them from the package; in the browser's static folder.
 */
export const BUNDLED_MEDIA_ROOT = process.env.TARO_ENV === 'weapp' ? '/pages/reader/' : '/static/'

/**
 * Where a bundled picture can be had: in the package (`packaged`, which only the reader's package may
 * show), or on the content host (`host`: the build's content URL, else the series' media address).
 */
export type MediaPlaces = { packaged: ReadonlySet<string>; host: string | null; inPackage: boolean }

export const NO_MEDIA_PLACES: MediaPlaces = { packaged: new Set(), host: null, inPackage: true }

/**
 * Resolves a contract image src: https URLs stand as they are; media/… is relative to the remote
 * source, else in the package when it rides there and the page can show it, else on the host. Null
 * when there is nowhere to fetch it from: the picture keeps its box, placeholder and caption.
 */
export function mediaUrl(
  src: string,
  source: ContentSource,
  places: MediaPlaces = NO_MEDIA_PLACES,
): string | null {
  if (/^https:\/\//.test(src)) return src
  if (source.kind === 'remote') return joinUrl(source.base, src)
  if (places.inPackage && places.packaged.has(src)) return `${BUNDLED_MEDIA_ROOT}${src}`
  return places.host ? joinUrl(places.host, src) : null
}
