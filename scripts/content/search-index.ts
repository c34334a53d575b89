/**
 * The full-text search file (search/index.<hash>.json): each body block's text (and each English body
 * block's, `enBlocks`, when the installment has an English body) and the pinyin of each installment's
 * title, interviewee and tags (Chinese only: English has none). Pinyin is computed here, by the CLI, so no pinyin library
 * ever ships to phones: nothing under src/ may import pinyin-pro.
 */
import { gzipSync } from 'node:zlib'

import { pinyin } from 'pinyin-pro'

import { SCHEMA_VERSION, type Installment } from '../../src/content/schema'
import { validateSearchIndex, type SearchEntry, type SearchIndex } from '../../src/content/search/file'
import { blockText, searchEntryOf } from '../../src/content/search/text'

export { blockText }

/** Full-width ASCII (U+FF01..U+FF5E, e.g. 'Ａ１') as its half-width self. */
const halfWidth = (text: string) =>
  text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))

/** Two-character surnames: read as one, like a single-character surname. */
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 万俟 单于 澹台 轩辕 端木 独孤 南宫 呼延 闻人 西门'.split(
    ' ',
  ),
)

const pinyinTokens = (text: string, surname: boolean) =>
  pinyin(text, {
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
    v: true,
    ...(surname ? { surname: 'head' as const } : {}),
  })

/**
 * A name's reading: the surname as a surname (单 shan, 尉迟 yu chi) and the given name as ordinary
 * words, since pinyin-pro's surname mode also reads the given name's polyphones as surnames
 * (王重阳 would be wang zhong yang).
 */
function nameTokens(text: string): string[] {
  const asSurname = pinyinTokens(text, true)
  const asWords = pinyinTokens(text, false)
  if (asSurname.length !== asWords.length) return asSurname
  const surname = COMPOUND_SURNAMES.has(text.slice(0, 2)) ? 2 : 1
  return [...asSurname.slice(0, surname), ...asWords.slice(surname)]
}

/**
 * Toneless pinyin, lower case, ü as v, syllables and Latin words separated by single spaces:
 * '萃取槽里的NdFeB磁体' → 'cui qu cao li de ndfeb ci ti'. Punctuation and symbols are dropped.
 * `name` reads a person's name: '单田芳' → 'shan tian fang', '王重阳' → 'wang chong yang'.
 */
export function pinyinOf(text: string, name = false): string {
  const tokens = name ? nameTokens(text) : pinyinTokens(text, false)
  return tokens
    .filter((token) => /[\p{L}\p{N}]/u.test(token))
    .map((token) =>
      halfWidth(token)
        .toLowerCase()
        .replace(/[^a-z0-9 ]/g, ''),
    )
    .flatMap((token) => token.split(' '))
    .filter(Boolean)
    .join(' ')
}

/**
 * The search file for a series: installments in the manifest's order, each with its body's sha256,
 * and with its English body's block texts (`enBlocks`, aligned with `en.body`) when it has one.
 */
export function searchIndexOf(
  installments: ReadonlyArray<{ installment: Installment; sha256: string }>,
): SearchIndex {
  return {
    schemaVersion: SCHEMA_VERSION,
    installments: installments.map(({ installment, sha256 }) =>
      searchEntryOf(installment, sha256, pinyinFor(installment)),
    ),
  }
}

/** The pinyin the search file keeps for an installment's title, interviewee and tags. */
export function pinyinFor(installment: Installment): SearchEntry['pinyin'] {
  return {
    title: pinyinOf(installment.title),
    name: pinyinOf(installment.interviewee.name, true),
    tags: installment.tags.map((tag) => pinyinOf(tag)),
  }
}

/** A search path names the first 12 hex of its sha256, like a body's. */
export const searchPathOf = (sha256: string) => `search/index.${sha256.slice(0, 12)}.json`
export const searchPartPathOf = (sha256: string) => `search/part.${sha256.slice(0, 12)}.json`

/**
 * About a megabyte a part: on a phone one part is fetched, hashed, parsed and kept in a short step,
 * and a whole edition of 999 interviews is some twenty of them.
 */
export const SEARCH_PART_BYTES = 1024 * 1024

/**
 * The search file cut into parts of at most SEARCH_PART_BYTES (an installment larger than that is a
 * part of its own), each a search file of its own, in order: together they list what the whole lists.
 */
export function searchPartsOf(index: SearchIndex, max = SEARCH_PART_BYTES): Buffer[] {
  const parts: Buffer[] = []
  let run: string[] = []
  let bytes = 0
  const wrap = (entries: string[]) =>
    Buffer.from(
      `{"schemaVersion":${JSON.stringify(index.schemaVersion)},"installments":[${entries.join(',')}]}`,
    )
  for (const entry of index.installments) {
    const text = JSON.stringify(entry)
    const size = Buffer.byteLength(text) + 1
    if (run.length && bytes + size > max) {
      parts.push(wrap(run))
      run = []
      bytes = 0
    }
    run.push(text)
    bytes += size
  }
  if (run.length || !parts.length) parts.push(wrap(run))
  return parts
}

export type SearchSize = {
  /** The search file's bytes, and gzipped at level 9 (what a CDN would send). */
  bytes: number
  gzipBytes: number
  /**
   * The bodies' plain text: each installment's block texts joined with '\n', as UTF-8, and its English
   * block texts likewise.
   */
  textBytes: number
  /** bytes ÷ textBytes: what the search file costs over the words it indexes. */
  ratio: number
}

/** How large a search file is, against the text it holds. */
export function searchSizeOf(file: Buffer): SearchSize {
  const index = validateSearchIndex(JSON.parse(file.toString('utf8')))
  if (index.kind !== 'ok') throw new Error(`not a search file: ${index.problems.join('; ')}`)
  const textBytes = index.value.installments.reduce(
    (sum, entry) =>
      sum + Buffer.byteLength(entry.blocks.join('\n')) + Buffer.byteLength((entry.enBlocks ?? []).join('\n')),
    0,
  )
  return {
    bytes: file.length,
    gzipBytes: gzipSync(file, { level: 9 }).length,
    textBytes,
    ratio: textBytes ? file.length / textBytes : 0,
  }
}
