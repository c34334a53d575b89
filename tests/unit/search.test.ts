/**
 * Full-text search as a reader meets it: the engine built from a real search file (a hand-made column
 * published with the editors' builder, the fixture column, and a generated series), what it finds,
 * in what order, and what it marks.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { publishInstallments } from '../../scripts/content/build'
import { blockText } from '../../scripts/content/search-index'
import { fixture, FIXTURE_BUNDLED } from '../fixtures/built'
import { generateSeries } from '../fixtures/generate'
import { FIXTURE_COUNT, fixtureId, fixtureTopic } from '../fixtures/series'
import {
  BODY_ONLY_CHARS,
  BODY_PHRASE,
  EMOJI,
  FULL_WIDTH_WORD,
  LATIN_WORD,
  published,
  RANK_WORD,
  SEARCH_INSTALLMENTS,
  SEARCH_SERIES,
  type PublishedSeries,
} from './support/search-series'
import { fullWidth, random, scanSearch, searchable } from './support/search-scan'
import type { Installment, ManifestEntry } from '@/content/schema'
import { createSearchEngine, type SearchEngine, type SearchHit } from '@/content/search/engine'
import type { SearchIndex } from '@/content/search/file'
import { fold, MAX_QUERY, MAX_WORDS, queryWords } from '@/content/search/fold'
import { ELLIPSIS, marksOf, snippetOf, SNIPPET_CHARS, type Mark } from '@/content/search/marks'
import { isPinyinQuery, matchPinyin } from '@/content/search/pinyin'
import { validateSearchIndex } from '@/content/search/file'

const series: PublishedSeries = published()
const entries = series.manifest.installments
const engine = createSearchEngine(entries, series.index)
const installment = (id: string) => SEARCH_INSTALLMENTS.find((i) => i.id === id) as Installment
const idsOf = (query: string, on: SearchEngine = engine) => {
  const results = on.search(query)
  return results.first(results.count).map((hit) => hit.entry.id)
}
const hitFor = (query: string, id: string, on: SearchEngine = engine): SearchHit => {
  const results = on.search(query)
  const hit = results.first(results.count).find((h) => h.entry.id === id)
  if (!hit) throw new Error(`"${query}" did not find ${id}`)
  return hit
}
/** The ids of the installments whose `field` holds `text`, in the order the ranking gives equal hits. */
const holding = (text: string, where: (i: Installment) => string[]) =>
  SEARCH_INSTALLMENTS.filter((i) => where(i).some((t) => t.includes(text))).map((i) => i.id)
const marked = (marks: Mark[] | null) => (marks ?? []).filter((m) => m.hit).map((m) => m.text)
const shown = (marks: Mark[] | null) => (marks ?? []).map((m) => m.text).join('')
const count = (text: string, word: string) => text.split(word).length - 1
/** Every text of an installment that search looks in, as the reader would list them. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

test('the hand-made search file is valid and covers every installment', () => {
  expect(validateSearchIndex(series.index).kind).toBe('ok')
  expect(engine.installments).toBe(SEARCH_INSTALLMENTS.length)
  expect(engine.bodies).toBe(SEARCH_INSTALLMENTS.length)
})

describe('fold', () => {
  test.each([
    ['full-width letters', 'ＡＢＣａｂｃ', 'abcabc'],
    ['full-width digits', '０１２３４５６７８９', '0123456789'],
    [
      'full-width punctuation',
      '！＂＃＄％＆（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～',
      '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~',
    ],
    ['the ideographic space', '稀土\u3000之光', '稀土 之光'],
    ['A–Z', 'NdFeB ABCXYZ', 'ndfeb abcxyz'],
    ['Chinese and its own punctuation, untouched', '萃取槽、“磁体”。', '萃取槽、“磁体”。'],
    ['emoji, untouched', `磁${EMOJI}铁😀`, `磁${EMOJI}铁😀`],
    ['mixed text', 'Ｎｄ２Ｆｅ１４Ｂ\u3000磁体 🧲 OK', 'nd2fe14b 磁体 🧲 ok'],
  ])('%s', (_what, text, folded) => {
    expect(fold(text)).toBe(folded)
  })

  test.each([
    ['letters whose lower case is longer', 'İstanbul ẞ ﬁ'],
    ['emoji and flags', '🧲😀🇨🇳👩‍🔬'],
    ['combining marks', 'é ü'],
    ['mixed text', `ＮｄＦｅＢ${EMOJI}磁体\u3000Ａ１！abc`],
  ])('keeps the length and every unit it does not fold: %s', (_what, text) => {
    const folded = fold(text)
    expect(folded).toHaveLength(text.length)
    for (let i = 0; i < text.length; i++)
      if (!/[\uff01-\uff5e\u3000A-Z]/.test(text[i])) expect(folded[i]).toBe(text[i])
  })

  test('keeps the length of every UTF-16 unit, one at a time and all together', () => {
    const all = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).join('')
    expect(fold(all)).toHaveLength(all.length)
  })
})

describe('queryWords', () => {
  test.each<[string, string, string[]]>([
    ['splits on any whitespace', 'a b\tc\nd\u3000e\u00a0f  g', ['a', 'b', 'c', 'd', 'e', 'f', 'g']],
    ['folds each word', 'ＮｄＦｅＢ  Ｃｅ', ['ndfeb', 'ce']],
    ['drops a word it already has, after folding', 'abc ABC ＡＢＣ 磁体 磁体', ['abc', '磁体']],
    ['only spaces', '  \u3000 \t ', []],
    ['nothing', '', []],
  ])('%s', (_what, query, words) => {
    expect(queryWords(query)).toEqual(words)
  })

  test(`keeps the first ${MAX_WORDS} words`, () => {
    const words = Array.from({ length: MAX_WORDS * 2 }, (_, i) => `w${i}`)
    expect(queryWords(words.join(' '))).toEqual(words.slice(0, MAX_WORDS))
  })

  test(`cuts a long word to ${MAX_QUERY} characters`, () => {
    expect(queryWords('磁'.repeat(500))).toEqual(['磁'.repeat(MAX_QUERY)])
  })

  test.each([
    ['one long word', 'x'.repeat(500)],
    ['many short words', 'ab '.repeat(170)],
    ['many long words', `${'y'.repeat(100)} `.repeat(5)],
    ['Chinese with ideographic spaces', '稀土之光\u3000'.repeat(100)],
  ])('a 500-character query (%s) is cut, never refused, and invents nothing', (_what, query) => {
    const words = queryWords(query.slice(0, 500))
    expect(words.length).toBeGreaterThan(0)
    expect(words.length).toBeLessThanOrEqual(MAX_WORDS)
    for (const word of words) {
      expect(word.length).toBeLessThanOrEqual(MAX_QUERY)
      expect(fold(query)).toContain(word)
    }
  })

  test('a query that is not a string is no query', () => {
    expect(queryWords(undefined as unknown as string)).toEqual([])
    expect(queryWords(null as unknown as string)).toEqual([])
  })

  test('never cuts an emoji in half, wherever the cut falls', () => {
    for (let lead = 0; lead < 4; lead++)
      for (const gap of ['', ' ']) {
        const query = 'x'.repeat(lead) + `😀${gap}`.repeat(200)
        for (const word of queryWords(query)) expect(word).not.toMatch(LONE_SURROGATE)
      }
  })
})

describe('what a search finds', () => {
  test('a phrase only in a body: its installment, the block it is in, every hit, and the phrase marked', () => {
    const owner = holding(BODY_PHRASE, (i) => i.body.map(blockText))
    expect(owner).toHaveLength(1)
    expect(idsOf(BODY_PHRASE)).toEqual(owner)
    const hit = hitFor(BODY_PHRASE, owner[0])
    const blocks = installment(owner[0]).body.map(blockText)
    expect(hit.field).toBe('body')
    expect(hit.block).toBe(blocks.findIndex((text) => text.includes(BODY_PHRASE)))
    expect(hit.hits).toBe(blocks.reduce((sum, text) => sum + count(text, BODY_PHRASE), 0))
    expect(marked(hit.snippet)).toEqual(Array(count(blocks[hit.block ?? -1], BODY_PHRASE)).fill(BODY_PHRASE))
    expect(shown(hit.snippet)).toBe(blocks[hit.block ?? -1])
    expect(hit.tags).toBeNull()
    expect(marked(hit.title)).toEqual([])
  })

  test.each([
    ['a single Chinese character', BODY_ONLY_CHARS[0]],
    ['two characters', BODY_ONLY_CHARS],
    ['an emoji', EMOJI],
  ])('%s', (_what, query) => {
    const owners = holding(query, (i) => [i.title, ...i.tags, ...i.body.map(blockText)])
    expect(owners.length).toBeGreaterThan(0)
    expect(idsOf(query).sort()).toEqual(owners.sort())
    for (const id of owners) expect(marked(hitFor(query, id).snippet)).toContain(query)
  })

  test.each([LATIN_WORD, LATIN_WORD.toLowerCase(), LATIN_WORD.toUpperCase(), fullWidth(LATIN_WORD)])(
    'a Latin word in any case or width: %s',
    (query) => {
      const owner = holding(LATIN_WORD, (i) => i.body.map(blockText))
      expect(idsOf(query)).toEqual(owner)
      expect(marked(hitFor(query, owner[0]).snippet)).toEqual([LATIN_WORD])
    },
  )

  test('full-width letters in the text are found by half-width ones, and marked as written', () => {
    const owner = holding(FULL_WIDTH_WORD, (i) => i.body.map(blockText))
    expect(idsOf(fold(FULL_WIDTH_WORD))).toEqual(owner)
    expect(marked(hitFor('abc', owner[0]).snippet)).toEqual([FULL_WIDTH_WORD])
  })

  test('a Latin tag is found in any case', () => {
    const owner = holding('NdFeB', (i) => i.tags)
    expect(idsOf('ndfeb')).toEqual(owner)
    expect(hitFor('NDFEB', owner[0]).field).toBe('tags')
    expect(marked(hitFor('ndfeb', owner[0]).tags)).toEqual(['NdFeB'])
  })

  test.each<[string, string[], string]>([
    ['both words in one field', [RANK_WORD, '萃取槽'], 'title'],
    ['title and tag', [RANK_WORD, 'NdFeB'], 'title'],
    ['body and role', [BODY_PHRASE, '研究员'], 'people'],
    ['two body blocks', [BODY_PHRASE, RANK_WORD], 'body'],
  ])('every word must match (AND), across fields too: %s', (_what, words, field) => {
    const texts = (i: Installment) => searchable(i).map(fold)
    const expected = SEARCH_INSTALLMENTS.filter((i) =>
      words.every((w) => texts(i).some((t) => t.includes(fold(w)))),
    ).map((i) => i.id)
    expect(expected).toHaveLength(1)
    expect(idsOf(words.join(' '))).toEqual(expected)
    expect(hitFor(words.join(' '), expected[0]).field).toBe(field)
    // Each word alone finds more than both together.
    for (const word of words) expect(idsOf(word).length).toBeGreaterThanOrEqual(1)
    expect(words.some((word) => idsOf(word).length > 1)).toBe(true)
  })

  test.each(['不存在的词', `${RANK_WORD} 不存在`, 'zzzz', `${LATIN_WORD}x`])(
    'an unknown word finds nothing: %s',
    (query) => {
      const results = engine.search(query)
      expect(results.count).toBe(0)
      expect(results.first(10)).toEqual([])
    },
  )

  test('a match never spans two fields or two blocks', () => {
    const [first, second] = installment('search-3').body.map(blockText).slice(4, 6)
    expect(idsOf(first.slice(-2) + second.slice(0, 2))).toEqual([])
    const entry = entries[0]
    expect(idsOf(entry.title.slice(-1) + entry.interviewee.name.slice(0, 1))).toEqual([])
  })
})

describe('ranking', () => {
  const rankOf = (i: Installment) => {
    if (i.title.includes(RANK_WORD)) return 0
    if (
      [i.interviewee.name, i.interviewee.role, i.interviewee.organization].some((t) => t?.includes(RANK_WORD))
    )
      return 1
    if (i.tags.some((t) => t.includes(RANK_WORD))) return 2
    return 3
  }
  const hitsOf = (i: Installment) =>
    [
      i.title,
      i.interviewee.name,
      i.interviewee.organization ?? '',
      ...i.tags,
      ...i.body.map(blockText),
    ].reduce((sum, text) => sum + count(text, RANK_WORD), 0)

  test('title before name, name before tag, tag before body; then more hits first', () => {
    const matching = SEARCH_INSTALLMENTS.filter((i) => hitsOf(i) > 0)
    // The column is built so that every tier is there, a body-only installment with more hits than
    // the title one, and two body-only ones whose hits disagree with their numbers.
    expect(new Set(matching.map(rankOf))).toEqual(new Set([0, 1, 2, 3]))
    const bodyOnly = matching.filter((i) => rankOf(i) === 3)
    expect(bodyOnly.length).toBeGreaterThanOrEqual(2)
    const expected = [...matching]
      .sort((a, b) => rankOf(a) - rankOf(b) || hitsOf(b) - hitsOf(a) || b.number - a.number)
      .map((i) => i.id)
    expect(expected).not.toEqual([...matching].sort((a, b) => b.number - a.number).map((i) => i.id))

    const results = engine.search(RANK_WORD)
    const hits = results.first(results.count)
    expect(hits.map((h) => h.entry.id)).toEqual(expected)
    expect(hits.map((h) => h.field)).toEqual(
      expected.map((id) => ['title', 'people', 'tags', 'body'][rankOf(installment(id))]),
    )
    expect(hits.map((h) => h.hits)).toEqual(expected.map((id) => hitsOf(installment(id))))
  })

  test('first(n) gives the first n results, and asking for more keeps the earlier ones as they were', () => {
    const results = engine.search(RANK_WORD)
    expect(results.count).toBeGreaterThan(3)
    const two = results.first(2)
    const all = results.first(results.count)
    expect(two).toHaveLength(2)
    expect(all).toHaveLength(results.count)
    expect(all.slice(0, 2)).toEqual(two)
    two.forEach((hit, i) => expect(all[i]).toBe(hit))
    expect(results.first(2)).toEqual(two)
    expect(results.first(results.count + 10)).toHaveLength(results.count)
    expect(results.first(0)).toEqual([])
    // A fresh search ranks the same way.
    expect(engine.search(RANK_WORD).first(results.count)).toEqual(all)
  })
})

describe('pinyin', () => {
  test.each<[string, string, 'title' | 'people' | 'tags', string]>([
    ['full syllables in a title', 'cuiqu', 'title', '萃取'],
    ['initials in a title', 'cq', 'title', '萃取'],
    ['a syllable and a half', 'cuiq', 'title', '萃取'],
    ['full syllables in a name', 'yueming', 'people', '岳明'],
    ['initials of a whole name', 'yml', 'people', '岳明澜'],
    ['full syllables in a tag', 'paoguang', 'tags', '抛光'],
    ['initials in a tag', 'pgf', 'tags', '抛光粉'],
  ])('%s (%s) finds it and marks the characters spelled', (_what, query, field, chars) => {
    const owners = holding(chars, (i) =>
      field === 'title' ? [i.title] : field === 'people' ? [i.interviewee.name] : i.tags,
    )
    expect(owners).toHaveLength(1)
    expect(idsOf(query)).toEqual(owners)
    const hit = hitFor(query, owners[0])
    expect(hit.field).toBe(field)
    const marks = field === 'title' ? hit.title : field === 'people' ? hit.people : hit.tags
    expect(marked(marks)).toEqual([chars])
    expect(hit.snippet).toBeNull()
  })

  test('one letter is not a pinyin query', () => {
    expect(isPinyinQuery('c')).toBe(false)
    expect(matchPinyin('c', ['cui', 'qu'])).toBeNull()
    // No text in the column holds a "q"; the initial of 取 does not count.
    const texts = SEARCH_INSTALLMENTS.flatMap((i) => [
      i.title,
      ...Object.values(i.interviewee),
      ...i.tags,
      ...i.body.map(blockText),
    ])
    expect(texts.some((t) => fold(t ?? '').includes('q'))).toBe(false)
    expect(idsOf('q')).toEqual([])
    expect(idsOf('cq')).toHaveLength(1)
  })

  test('pinyin never matches body text', () => {
    const owner = holding(BODY_ONLY_CHARS, (i) => i.body.map(blockText))
    expect(owner).toHaveLength(1)
    expect(idsOf(BODY_ONLY_CHARS)).toEqual(owner)
    // 钐钴 is shan gu; spelled out or as initials, it finds nothing of the body's.
    expect(idsOf('shangu')).toEqual([])
    expect(idsOf('shan')).not.toContain(owner[0])
  })

  test('a Latin query matches the letters as written and the pinyin together, in one AND', () => {
    const owner = holding('NdFeB', (i) => i.tags)
    expect(idsOf('cuiqu ndfeb')).toEqual(owner)
    expect(idsOf('cuiqu yueming')).toEqual([])
  })
})

describe('snippets', () => {
  test('a long block is cut around the match, with an ellipsis at each cut end', () => {
    const owner = holding(LATIN_WORD, (i) => i.body.map(blockText))[0]
    const hit = hitFor(LATIN_WORD, owner)
    const text = installment(owner).body.map(blockText)[hit.block ?? -1]
    const at = text.indexOf(LATIN_WORD)
    // The column puts the word far enough into a long enough block for both ends to be cut.
    expect(at).toBeGreaterThan(SNIPPET_CHARS / 2)
    expect(text.length - at).toBeGreaterThan(SNIPPET_CHARS)
    const marks = hit.snippet ?? []
    expect(marks[0]).toEqual({ text: ELLIPSIS, hit: false })
    expect(marks[marks.length - 1]).toEqual({ text: ELLIPSIS, hit: false })
    const inner = shown(marks.slice(1, -1))
    expect(text).toContain(inner)
    expect(inner.length).toBeLessThanOrEqual(SNIPPET_CHARS + 2)
    expect(marked(marks)).toEqual([LATIN_WORD])
  })

  test('a short block is shown whole, with no ellipsis', () => {
    const text = '短短一句话，有磁体。'
    expect(snippetOf(text, [{ from: 7, to: 9 }])).toEqual([
      { text: '短短一句话，有', hit: false },
      { text: '磁体', hit: true },
      { text: '。', hit: false },
    ])
  })

  test('an emoji at either cut is never split, wherever it falls', () => {
    const word = '磁体'
    const from = 100
    for (let emojiAt = 0; emojiAt < 200; emojiAt++) {
      if (emojiAt >= from - 1 && emojiAt < from + word.length) continue
      const units = Array.from({ length: 260 }, () => '甲')
      units.splice(from, word.length, ...word)
      units.splice(emojiAt, 2, ...'😀'.split(''))
      const text = units.join('')
      expect(text.indexOf(word)).toBe(from)
      const marks = snippetOf(text, [{ from, to: from + word.length }])
      for (const mark of marks) expect(mark.text).not.toMatch(LONE_SURROGATE)
      expect(marked(marks)).toEqual([word])
    }
  })

  test('every occurrence inside the window is marked, none outside it', () => {
    const word = '磁体'
    const text = `${'前'.repeat(100)}${word}一${word}二${word}${'后'.repeat(100)}${word}`
    const spans = [...text.matchAll(new RegExp(word, 'g'))].map((m) => ({
      from: m.index ?? 0,
      to: (m.index ?? 0) + word.length,
    }))
    const marks = snippetOf(text, spans)
    expect(marked(marks)).toEqual([word, word, word])
    expect(marks[0].text).toBe(ELLIPSIS)
    expect(marks[marks.length - 1].text).toBe(ELLIPSIS)
  })

  test('through the engine: every occurrence in the block is marked', () => {
    const hit = hitFor(RANK_WORD, 'search-3')
    const text = installment('search-3').body.map(blockText)[hit.block ?? -1]
    expect(marked(hit.snippet)).toEqual(Array(count(text, RANK_WORD)).fill(RANK_WORD))
  })

  test('marksOf leaves the text whole, joining overlapping and touching spans', () => {
    const marks = marksOf('abcdefgh', [
      { from: 5, to: 7 },
      { from: 1, to: 3 },
      { from: 2, to: 4 },
      { from: 4, to: 5 },
    ])
    expect(shown(marks)).toBe('abcdefgh')
    expect(marked(marks)).toEqual(['bcdefg'])
  })
})

describe('bad input', () => {
  test.each([
    ['a 500-character query', 'x'.repeat(500)],
    ['a 500-character query of a real word', `${RANK_WORD} `.repeat(167)],
    ['regex metacharacters', '.*+?^${}()|[]\\'],
    ['each metacharacter alone', '. * + ? ^ $ { } ( ) | [ ] \\'],
    ['an emoji that is nowhere', '🦄'],
    ['only spaces', '   \u3000  '],
    ['a NUL character', '\u0000'],
    ['a NUL inside a word', `${RANK_WORD}\u0000萃取`],
    ['a NUL between two fields', `${entries[0].title.slice(-1)}\u0000${entries[0].interviewee.name[0]}`],
    ['a query that is not a string', undefined as unknown as string],
  ])('%s never throws, and finds only what holds every word', (_what, query) => {
    expect(() => engine.search(query)).not.toThrow()
    const results = engine.search(query)
    const hits = results.first(results.count)
    expect(hits).toHaveLength(results.count)
    const texts = (i: Installment) =>
      fold(
        [
          i.title,
          i.interviewee.name,
          i.interviewee.role,
          i.interviewee.organization,
          ...i.tags,
          ...i.body.map(blockText),
        ].join('\n'),
      )
    for (const hit of hits)
      for (const word of queryWords(query)) expect(texts(installment(hit.entry.id))).toContain(word)
  })

  test('a 500-character query of a real word finds what the word finds', () => {
    expect(idsOf(`${RANK_WORD} `.repeat(167))).toEqual(idsOf(RANK_WORD))
  })
})

describe('without a search file, or with a stale one', () => {
  const metadata = createSearchEngine(entries, null)
  const organisation = (id: string) => installment(id).interviewee.organization ?? ''

  test.each<[string, string, 'title' | 'people' | 'tags']>([
    ['a title', '萃取槽', 'title'],
    ['a name', '岳明澜', 'people'],
    ['an organisation', organisation('search-6').slice(0, 5), 'people'],
    ['a role', '操作工', 'people'],
    ['a tag', '抛光粉', 'tags'],
  ])('titles, people and tags are still searched: %s', (_what, query, field) => {
    const owners = SEARCH_INSTALLMENTS.filter((i) =>
      (field === 'title'
        ? [i.title]
        : field === 'people'
          ? [i.interviewee.name, i.interviewee.role, i.interviewee.organization ?? '']
          : i.tags
      ).some((t) => t.includes(query)),
    ).map((i) => i.id)
    expect(owners).toHaveLength(1)
    expect(idsOf(query, metadata)).toEqual(owners)
    expect(hitFor(query, owners[0], metadata).field).toBe(field)
  })

  test('bodies and pinyin are not', () => {
    expect(metadata.bodies).toBe(0)
    expect(metadata.installments).toBe(entries.length)
    expect(idsOf(BODY_PHRASE, metadata)).toEqual([])
    expect(idsOf(LATIN_WORD, metadata)).toEqual([])
    expect(idsOf('cuiqu', metadata)).toEqual([])
    for (const hit of metadata.search(RANK_WORD).first(10)) {
      expect(hit.field).not.toBe('body')
      expect(hit.snippet).toBeNull()
      expect(hit.block).toBeNull()
    }
  })

  test('an index entry for another edition of a body is not searched; the rest of the file is', () => {
    const stale = holding(BODY_PHRASE, (i) => i.body.map(blockText))[0]
    const index: SearchIndex = {
      ...series.index,
      installments: series.index.installments.map((e) =>
        e.id === stale ? { ...e, sha256: 'f'.repeat(64) } : e,
      ),
    }
    const mixed = createSearchEngine(entries, index)
    expect(mixed.bodies).toBe(entries.length - 1)
    expect(idsOf(BODY_PHRASE, mixed)).toEqual([])
    expect(idsOf(installment(stale).title, mixed)).toEqual([stale])
    expect(idsOf(LATIN_WORD, mixed)).toEqual(idsOf(LATIN_WORD))
  })

  test('an index that lists installments the manifest does not, or misses some, is read for those it has', () => {
    const [first, ...rest] = series.index.installments
    const extra = { ...first, id: 'not-in-the-manifest' }
    const partial = createSearchEngine(entries, { ...series.index, installments: [...rest, extra] })
    expect(partial.bodies).toBe(entries.length - 1)
    expect(partial.installments).toBe(entries.length)
    expect(idsOf(LATIN_WORD, partial)).toEqual(idsOf(LATIN_WORD))
  })
})

describe('the fixture column', () => {
  const fixtureIndex = JSON.parse(
    readFileSync(path.join(FIXTURE_BUNDLED, fixture.search?.path ?? 'missing'), 'utf8'),
  ) as SearchIndex
  const fixtureEngine = createSearchEngine(fixture.installments, fixtureIndex)

  test('its search file covers every body', () => {
    expect(validateSearchIndex(fixtureIndex).kind).toBe('ok')
    expect(fixtureEngine.bodies).toBe(fixture.installments.length)
  })

  test.each(Array.from({ length: FIXTURE_COUNT }, (_, i) => i + 1))(
    'the topic of no. %i finds its title first, and no other title',
    (number) => {
      const results = fixtureEngine.search(fixtureTopic(number))
      const hits = results.first(results.count)
      expect(hits[0].entry.id).toBe(fixtureId(number))
      expect(hits[0].field).toBe('title')
      expect(hits.filter((h) => h.field === 'title').map((h) => h.entry.id)).toEqual([fixtureId(number)])
    },
  )
})

function queriesFrom(installments: readonly Installment[], index: SearchIndex, seed: number): string[] {
  const next = random(seed)
  const pick = <T>(list: readonly T[]) => list[next(list.length)]
  const texts = installments.flatMap(searchable)
  const pinyins = index.installments.flatMap((e) => [e.pinyin.title, e.pinyin.name, ...e.pinyin.tags])
  const piece = () => {
    const text = pick(texts.filter(Boolean))
    const from = next(text.length)
    return text.slice(from, from + 1 + next(6)).trim()
  }
  const spelled = () => {
    const syllables = pick(pinyins).split(' ').filter(Boolean)
    if (!syllables.length) return 'zz'
    const from = next(syllables.length)
    const run = syllables.slice(from, from + 1 + next(3))
    return next(2) ? run.map((s) => s[0]).join('') : run.join('').slice(0, 2 + next(8))
  }
  const queries: string[] = []
  for (let i = 0; i < 150; i++) queries.push(piece())
  for (let i = 0; i < 60; i++) queries.push(spelled())
  for (let i = 0; i < 60; i++) queries.push(`${piece()} ${next(2) ? spelled() : piece()}`)
  for (let i = 0; i < 20; i++) queries.push(fullWidth(piece()).toUpperCase())
  return queries.filter((q) => q.length > 0)
}

describe('the postings never lose a match: the engine finds exactly what a scan of every field finds', () => {
  const generated = generateSeries(30, 3000)
  const built = publishInstallments(SEARCH_SERIES, generated)
  const manifest = built.manifest as { installments: ManifestEntry[]; search: { path: string } }
  const generatedIndex = JSON.parse(built.files.get(manifest.search.path)?.toString() ?? '{}') as SearchIndex

  test.each<[string, () => [readonly Installment[], readonly ManifestEntry[], SearchIndex]]>([
    ['a generated series of 30 × 3000', () => [generated, manifest.installments, generatedIndex]],
    ['the hand-made column', () => [SEARCH_INSTALLMENTS, entries, series.index]],
    [
      'the hand-made column, one body stale',
      () => [
        SEARCH_INSTALLMENTS,
        entries,
        {
          ...series.index,
          installments: series.index.installments.map((e, i) =>
            i === 2 ? { ...e, sha256: '0'.repeat(64) } : e,
          ),
        },
      ],
    ],
  ])('%s', (_what, make) => {
    const [installments, manifestEntries, index] = make()
    const scan = scanSearch(index, manifestEntries)
    const searched = createSearchEngine(manifestEntries, index)
    const queries = [
      ...queriesFrom(installments, index, 7),
      RANK_WORD,
      BODY_PHRASE,
      '虚构',
      '第 1',
      'sheng cheng',
      'scd',
      'engineer',
    ]
    let found = 0
    for (const query of queries) {
      const expected = scan(query)
      const results = searched.search(query)
      expect({
        query,
        ids: results
          .first(results.count)
          .map((h) => h.entry.id)
          .sort(),
      }).toEqual({
        query,
        ids: expected,
      })
      expect(results.count).toBe(expected.length)
      if (expected.length > 0 && expected.length < installments.length) found++
    }
    // The queries tell installments apart, not only all or nothing.
    expect(found).toBeGreaterThan(10)
  })
})

describe('Latin words and pinyin in one field', () => {
  // Titles whose Latin words the CLI also keeps as "syllables", and one with 〇.
  const base = SEARCH_INSTALLMENTS[0]
  const made = (id: string, number: number, title: string, tags: string[], body: string): Installment => ({
    ...base,
    id,
    number,
    title,
    tags,
    body: [{ type: 'paragraph', text: body }],
  })
  const latin = published([
    made('latin-1', 1, 'AI 与 5G 时代（虚构）', ['AI'], '这一期讲 AI 在冶炼里的用处。'),
    made('latin-2', 2, '我爱稀土（虚构）', ['稀土'], '没有拉丁字母的一期。'),
    made('latin-3', 3, 'Wi-Fi 6 时代的工程师（虚构）', ['通信'], '车间里的网络。'),
    made('latin-4', 4, '二〇二四年的冬天（虚构）', ['冬天'], '那年冬天很冷。'),
  ])
  const on = createSearchEngine(latin.manifest.installments, latin.index)

  test('a Latin word written in a field counts once there, not again as that field’s pinyin', () => {
    // Title, tag and body each say AI once: three matches.
    expect(hitFor('ai', 'latin-1', on).hits).toBe(3)
    // Where AI is written it ranks above a title that only sounds like it (爱 ai).
    expect(idsOf('ai', on)).toEqual(['latin-1', 'latin-2'])
  })

  test.each([
    ['shidai', 'latin-3', ['时代']],
    ['gcs', 'latin-3', ['工程师']],
    ['erling', 'latin-4', ['二〇']],
  ])('pinyin %s marks just the characters it spells in %s', (query, id, expected) => {
    expect(marked(hitFor(query, id, on).title)).toEqual(expected)
  })
})
