import type { ContentSource } from './repository'
import { joinUrl } from './url'

/** Where bundled media are copied in the package (see config/index.ts `copy`). */
export const BUNDLED_MEDIA_ROOT = '/static/'

/** Resolves a contract image src: https URLs stand as they are; media/… is relative to the source. */
export function mediaUrl(src: string, source: ContentSource): string {
  if (/^https:\/\//.test(src)) return src
  if (source.kind === 'remote') return joinUrl(source.base, src)
  return `${BUNDLED_MEDIA_ROOT}${src}`
}
