import { createHash } from 'node:crypto'

/** The sha256 of a file's bytes (or of text, as UTF-8), in hex: how published content is named and checked. */
export function sha256Of(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
