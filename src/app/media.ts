/**
 * Part of the composition root: where the pictures of the content on screen come from. Remote content
 * names its host; bundled content has a few small pictures in the reader's package and the rest on the
 * content host — the build's content URL, else the media address the series declares.
 */
import { packagedMedia } from '@/content/bundled/media'
import { mediaUrl, type MediaPlaces } from '@/content/media'
import type { ContentSource } from '@/content/repository'
import type { Series } from '@/content/schema'

import { CONTENT_URL } from './root'

const packaged: ReadonlySet<string> = new Set(packagedMedia)

/** A resolver for one page: `inPackage` when the page is in the reader's package, which carries them. */
export function mediaResolver(
  source: ContentSource,
  series: Series | null,
  inPackage: boolean,
): (src: string) => string | null {
  const places: MediaPlaces = { packaged, host: CONTENT_URL || series?.media || null, inPackage }
  return (src) => mediaUrl(src, source, places)
}
