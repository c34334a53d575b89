import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex } from '@noble/hashes/utils'

import { utf8Encode } from './utf8'

/** The sha256 of text, as the content CLI computes it over the file's bytes. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8Encode(text)))
}
