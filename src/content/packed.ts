import { inflateSync, strFromU8 } from 'fflate'

/**
 * Bundled bodies travel packed: each body's JSON, deflated and written in base64. Chinese text is
 * 3 bytes a character in UTF-8 and deflate takes it to about half; base64 costs a third back, so a
 * body rides in the reader's package at about two thirds of its JSON. Unpacked when it is opened.
 * Imported only by the reader's package: fflate's inflate never reaches the main package.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const VALUE = new Map(Array.from(ALPHABET, (c, i) => [c, i]))

/** base64 (RFC 4648, padded) to bytes; null for anything else. Android WeChat has no atob. */
export function bytesOfBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const bytes = new Uint8Array((text.length / 4) * 3 - padding)
  let at = 0
  for (let i = 0; i < text.length; i += 4) {
    let quad = 0
    for (let j = 0; j < 4; j++) {
      const c = text[i + j]
      const value = c === '=' && i + 4 === text.length && j >= 4 - padding ? 0 : VALUE.get(c)
      if (value === undefined) return null
      quad = (quad << 6) | value
    }
    for (let k = 2; k >= 0 && at < bytes.length; k--) bytes[at++] = (quad >> (8 * k)) & 0xff
  }
  return bytes
}

/**
 * A packed body as the JSON value it was; null when it is damaged, which fails validation, so the
 * reader says so and the failure is logged, as for any body that does not check out.
 */
export function unpackBody(packed: string): unknown {
  try {
    const bytes = bytesOfBase64(packed)
    return bytes ? (JSON.parse(strFromU8(inflateSync(bytes))) as unknown) : null
  } catch {
    return null
  }
}
