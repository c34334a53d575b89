import { plainText } from '../inline'
import type { Block, Installment } from '../schema'
import type { SearchEntry } from './file'

/**
 * The words of a body as the search file holds them. Shared by the CLI, which writes the search file,
 * and the app, which rebuilds the bundled one from the bodies it ships instead of carrying the same
 * text twice: both sides make the same file from the same body.
 */

/** The words a block shows a reader, without markup: '' for a block with none. */
export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'question':
    case 'answer':
    case 'heading':
      return plainText(block.text)
    case 'quote':
      return block.cite ? `${plainText(block.text)} — ${block.cite}` : plainText(block.text)
    case 'image':
      return block.caption ?? ''
    case 'divider':
      return ''
  }
}

/**
 * One installment's entry in the search file, from its body (and English body, when it has one), its
 * sha256 and its pinyin. The English body lines up with the Chinese block for block (the CLI refuses
 * anything else); one that does not is left out rather than point a hit at the wrong block.
 */
export function searchEntryOf(
  installment: Installment,
  sha256: string,
  pinyin: SearchEntry['pinyin'],
): SearchEntry {
  const blocks = installment.body.map(blockText)
  const en = installment.en?.body
  const entry: SearchEntry = { id: installment.id, sha256, pinyin, blocks }
  if (en && en.length === blocks.length) entry.enBlocks = en.map(blockText)
  return entry
}
