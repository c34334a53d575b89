/**
 * Search compares folded text: full-width forms as half-width (ＡＢＣ１ as abc1), the ideographic
 * space as a space, Latin letters in lower case. The fold keeps every UTF-16 unit in its place, so a
 * match found in folded text marks the same characters in the original. No `Intl`, no NFKC (which
 * can change lengths): Android WeChat has no `Intl`, and positions must line up.
 */
const FULL_TO_HALF = 0xfee0
const IDEOGRAPHIC_SPACE = 0x3000
/** Full-width ASCII forms, the ideographic space, and A–Z (other scripts' case maps can change length). */
const FOLDABLE = /[\uff01-\uff5e\u3000A-Z]/g

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0)
  if (code === IDEOGRAPHIC_SPACE) return ' '
  return (code > 0xff00 ? String.fromCharCode(code - FULL_TO_HALF) : ch).toLowerCase()
}

// A native scan with a callback per foldable character: many times faster than building the string
// character by character in script, which matters for the megabytes of text a search file holds.
export function fold(text: string): string {
  return text.replace(FOLDABLE, foldChar)
}

/** Longest query that is searched; anything longer is cut, never refused. */
export const MAX_QUERY = 64
/** Most words a query is split into; later ones are ignored. */
export const MAX_WORDS = 8

/** The first `max` UTF-16 units of `text`, one fewer when the cut would leave half an emoji. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text
  const last = text.charCodeAt(max - 1)
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max)
}

/** The distinct words of a query, folded: whitespace separates them, all must match. */
export function queryWords(raw: string): string[] {
  const words = fold(cut(String(raw ?? ''), MAX_QUERY * 2))
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => cut(w, MAX_QUERY))
  return [...new Set(words)].slice(0, MAX_WORDS)
}
