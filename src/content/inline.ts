import type { Inline } from './schema'

/** The words of inline text, without its bold and italic: for search, captions, counting, quoting. */
export function plainText(text: Inline): string {
  return typeof text === 'string' ? text : text.map((run) => run.text).join('')
}
