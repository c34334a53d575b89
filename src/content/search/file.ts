import * as v from 'valibot'

import { idSchema, SCHEMA_VERSION, sha256Schema } from '../schema'
import { duplicates, parseWith, type Validation } from '../validate'

/**
 * The search file's part of the content contract. It lives apart from schema.ts because only the
 * search page's package and the CLI read it: the main package, which carries schema.ts, never does.
 *
 * One installment in the search file: the text of each body block (same indices as `body`, '' for a
 * block with none) and the pinyin of its title, interviewee and tags, computed by the CLI so that no
 * pinyin library ships to phones. `sha256` is the body it was made from: an entry for another edition
 * of the body is not searched.
 *
 * `enBlocks` (optional within schemaVersion 1: older apps ignore it, older files have none) is the text
 * of each block of the English body (`installment.en.body`), which is aligned with `body`: as many
 * texts as `blocks`, the same indices, '' for a block with none. English has no pinyin.
 */
export const searchEntrySchema = v.pipe(
  v.object({
    id: idSchema,
    sha256: sha256Schema,
    /** Toneless syllables separated by single spaces, lower case, ü as v: "cui qu cao". */
    pinyin: v.object({ title: v.string(), name: v.string(), tags: v.array(v.string()) }),
    blocks: v.array(v.string()),
    enBlocks: v.optional(v.array(v.string())),
  }),
  // A hit names a block by its index in either language: the two must line up.
  v.forward(
    v.partialCheck(
      [['blocks'], ['enBlocks']],
      (entry) => !entry.enBlocks || entry.enBlocks.length === entry.blocks.length,
      'must have one text per block, as blocks has',
    ),
    ['enBlocks'],
  ),
)

export const searchIndexSchema = v.object({
  schemaVersion: v.literal(SCHEMA_VERSION),
  installments: v.array(searchEntrySchema),
})

export type SearchEntry = v.InferOutput<typeof searchEntrySchema>
export type SearchIndex = v.InferOutput<typeof searchIndexSchema>

/** Each installment listed once: the problems when one is listed more than once. */
export const duplicateProblems = (ids: readonly string[]): string[] =>
  duplicates(ids).map((id) => `installments: duplicate id "${id}"`)

/** A search file: schema, and each installment listed once. */
export function validateSearchIndex(data: unknown): Validation<SearchIndex> {
  const parsed = parseWith(searchIndexSchema, data)
  if (parsed.kind !== 'ok') return parsed
  const problems = duplicateProblems(parsed.value.installments.map((e) => e.id))
  return problems.length ? { kind: 'bad-data', problems } : parsed
}
