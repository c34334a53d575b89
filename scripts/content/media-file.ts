import { imageSize } from 'image-size'

import { sha256Of } from './hash'

const EXTENSIONS: Record<string, string> = { png: 'png', jpg: 'jpg', jpeg: 'jpg', webp: 'webp', gif: 'gif' }

export type MediaFile = { name: string; width: number; height: number }

/**
 * What the importer needs of a downloaded image file: its size and its content-addressed
 * name, `media/<16 hex of sha256>.<ext>`. Or why it cannot be one: not an image at all, or not a type
 * WeChat and the browser both show.
 */
export function identifyImage(bytes: Uint8Array): MediaFile | 'unreadable' | 'unsupported' {
  let size: { width?: number; height?: number; type?: string }
  try {
    size = imageSize(bytes)
  } catch {
    return 'unreadable'
  }
  const ext = EXTENSIONS[size.type ?? '']
  if (!ext || !size.width || !size.height) return 'unsupported'
  const hash = sha256Of(bytes).slice(0, 16)
  return { name: `media/${hash}.${ext}`, width: size.width, height: size.height }
}
