import { SCHEMA_VERSION, type Manifest } from '../schema'
import { validateBodyOf } from '../validate'
import type { SearchEntry, SearchIndex } from './file'
import { searchEntryOf } from './text'

/**
 * The bundled search file, rebuilt from the bodies the app ships and the pinyin the CLI computed: the
 * same file the CLI wrote (content:bundle checks that), English body blocks included where a body has
 * `en.body`, without a second copy of the text in the package. A body missing or damaged is left out; its installment is still found by title and people.
 */
export function bundledSearchIndex(
  manifest: Manifest,
  bodyOf: (id: string) => unknown,
  pinyin: Readonly<Record<string, SearchEntry['pinyin']>>,
): SearchIndex {
  const installments: SearchEntry[] = []
  for (const entry of manifest.installments) {
    const words = pinyin[entry.id]
    const raw = words ? bodyOf(entry.id) : undefined
    const body = raw === undefined ? null : validateBodyOf(entry.id, raw)
    if (words && body?.kind === 'ok') installments.push(searchEntryOf(body.value, entry.sha256, words))
  }
  return { schemaVersion: SCHEMA_VERSION, installments }
}
