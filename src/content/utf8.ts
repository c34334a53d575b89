/**
 * UTF-8 without TextEncoder, which not every WeChat base library has. encodeURIComponent yields
 * the UTF-8 bytes as %XX escapes; unescape turns each into one Latin-1 character.
 */
function utf8Binary(text: string): string {
  return unescape(encodeURIComponent(text))
}

export function utf8Encode(text: string): Uint8Array {
  const binary = utf8Binary(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function utf8Length(text: string): number {
  return utf8Binary(text).length
}
