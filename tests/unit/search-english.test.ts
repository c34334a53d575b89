/**
 * Search in both languages: the English title, people line and tags of a manifest entry's `en`, and
 * the English body blocks the search file holds (`enBlocks`), are searched beside the Chinese, whatever
 * the interface's language. Each installment is one result; each result says which language its
 * marks and its passage are in.
 */
import { publishInstallments } from '../../scripts/content/build'
import { blockText } from '../../scripts/content/search-index'
import { generateSeries } from '../fixtures/generate'
import {
  BILINGUAL_INSTALLMENTS,
  published,
  RANK_WORD_EN,
  SEARCH_SERIES,
  withEnglish,
} from './support/search-series'
import { fullWidth, random, scanSearch, searchable } from './support/search-scan'
import type { Installment, ManifestEntry } from '@/content/schema'
import { createSearchEngine, type SearchEngine, type SearchHit } from '@/content/search/engine'
import { validateSearchIndex, type SearchIndex } from '@/content/search/file'
import { ELLIPSIS, SNIPPET_CHARS, SNIPPET_CHARS_EN, type Mark } from '@/content/search/marks'

const series = published(BILINGUAL_INSTALLMENTS)
const entries = series.manifest.installments
const engine = createSearchEngine(entries, series.index)
const installment = (id: string) => BILINGUAL_INSTALLMENTS.find((i) => i.id === id) as Installment

const hitsOf = (query: string, on: SearchEngine = engine) => {
  const results = on.search(query)
  return results.first(results.count)
}
const idsOf = (query: string, on: SearchEngine = engine) => hitsOf(query, on).map((hit) => hit.entry.id)
const hitFor = (query: string, id: string, on: SearchEngine = engine): SearchHit => {
  const hit = hitsOf(query, on).find((h) => h.entry.id === id)
  if (!hit) throw new Error(`"${query}" did not find ${id}`)
  return hit
}
const marked = (marks: Mark[]) => marks.filter((m) => m.hit).map((m) => m.text)
const markedOrNull = (marks: Mark[] | null) => (marks ? marked(marks) : null)
const shown = (marks: Mark[] | null) => (marks ?? []).map((m) => m.text).join('')

/** What a reader is shown of a result: each field's marked words, null where the field is not shown. */
type Seen = {
  field: SearchHit['field']
  title: string[]
  people: string[]
  tags: string[] | null
  titleEn: string[] | null
  peopleEn: string[] | null
  tagsEn: string[] | null
  snippet: string[] | null
  block: number | null
  snippetLang: SearchHit['snippetLang']
}
const seen = (hit: SearchHit): Seen => ({
  field: hit.field,
  title: marked(hit.title),
  people: marked(hit.people),
  tags: markedOrNull(hit.tags),
  titleEn: markedOrNull(hit.titleEn),
  peopleEn: markedOrNull(hit.peopleEn),
  tagsEn: markedOrNull(hit.tagsEn),
  snippet: markedOrNull(hit.snippet),
  block: hit.block,
  snippetLang: hit.snippetLang,
})
/** Nothing marked anywhere: what each row of a table starts from. */
const NOTHING: Omit<Seen, 'field'> = {
  title: [],
  people: [],
  tags: null,
  titleEn: null,
  peopleEn: null,
  tagsEn: null,
  snippet: null,
  block: null,
  snippetLang: null,
}

/** The text of block `block` in a language, as the search file holds it. */
const blockOf = (id: string, block: number, lang: 'zh' | 'en') => {
  const i = installment(id)
  const body = lang === 'zh' ? i.body : (i.en?.body ?? [])
  return blockText(body[block])
}

test('the bilingual column publishes English body blocks for the installments that have them', () => {
  expect(validateSearchIndex(series.index).kind).toBe('ok')
  expect(series.index.installments.filter((e) => e.enBlocks).map((e) => e.id)).toEqual([
    'bi-1',
    'bi-3',
    'bi-5',
  ])
  expect(engine.installments).toBe(BILINGUAL_INSTALLMENTS.length)
  expect(engine.bodies).toBe(BILINGUAL_INSTALLMENTS.length)
})

describe('what a search finds, in either language', () => {
  test.each<[string, string, string, Partial<Seen> & Pick<Seen, 'field'>]>([
    ['an English title', 'praseodymium', 'bi-1', { field: 'title', titleEn: ['Praseodymium'] }],
    ['an English organisation', 'Smelter', 'bi-1', { field: 'people', peopleEn: ['Smelter'] }],
    ['an English role', 'operator', 'bi-2', { field: 'people', peopleEn: ['Operator'] }],
    ['an English tag', 'WORKSHOP', 'bi-2', { field: 'tags', tagsEn: ['Workshop'] }],
    [
      'two English words in one body block',
      'Cerium oxide',
      'bi-1',
      { field: 'body', snippet: ['Cerium', 'oxide'], block: 1, snippetLang: 'en' },
    ],
    [
      'two English words, each twice',
      'rare earth',
      'bi-1',
      { field: 'body', snippet: ['rare', 'earth', 'rare', 'earth'], block: 3, snippetLang: 'en' },
    ],
    [
      'an English tag and body: the tag ranks it, the body shows',
      'polishing',
      'bi-1',
      { field: 'tags', tagsEn: ['Polishing'], snippet: ['polishing'], block: 1, snippetLang: 'en' },
    ],
    ['a Chinese title', '镨钕', 'bi-1', { field: 'title', title: ['镨钕'] }],
    ['a Chinese organisation', '示例冶炼厂', 'bi-1', { field: 'people', people: ['示例冶炼厂'] }],
    [
      'a Chinese body block',
      '氧化铈',
      'bi-1',
      { field: 'body', snippet: ['氧化铈'], block: 1, snippetLang: 'zh' },
    ],
    [
      'a Chinese tag and body',
      '抛光',
      'bi-1',
      { field: 'tags', tags: ['抛光'], snippet: ['抛光'], block: 1, snippetLang: 'zh' },
    ],
    [
      'a Chinese word and an English one, every word matching (AND) across languages',
      '分离 Praseodymium',
      'bi-1',
      {
        field: 'title',
        titleEn: ['Praseodymium'],
        tags: ['分离'],
        snippet: ['分离'],
        block: 3,
        snippetLang: 'zh',
      },
    ],
    [
      'a Chinese body without English',
      '这一期只有中文',
      'bi-6',
      { field: 'body', snippet: ['这一期只有中文'], block: 1, snippetLang: 'zh' },
    ],
  ])('%s (%s): found in %s, in the field and language it is in', (_what, query, id, expected) => {
    expect(idsOf(query)).toEqual([id])
    expect(seen(hitFor(query, id))).toEqual({ ...NOTHING, ...expected })
  })

  test.each([
    ['Cerium oxide'],
    ['cerium oxide'],
    ['CERIUM OXIDE'],
    ['cErIuM OxIdE'],
    [fullWidth('Cerium Oxide')],
  ])('English in any case or width (%s) finds the same, marked as written', (query) => {
    expect(idsOf(query)).toEqual(['bi-1'])
    const hit = hitFor(query, 'bi-1')
    expect(marked(hit.snippet ?? [])).toEqual(['Cerium', 'oxide'])
    expect(hit.hits).toBe(2)
  })

  test.each<[string, string, string[], number[]]>([
    ['a Latin tag in both languages, and in both bodies', 'NdFeB', ['bi-3'], [5]],
    ['two English words, one of them twice, in an English title', 'year after', ['bi-2'], [3]],
    ['an English title and tag', RANK_WORD_EN, ['bi-2', 'bi-3', 'bi-4', 'bi-5'], [2, 1, 1, 4]],
    [
      'a Chinese character in tags, organisations, captions and bodies',
      '镧',
      ['bi-4', 'bi-2', 'bi-5'],
      [1, 1, 4],
    ],
  ])('%s (%s): each installment once, with the matches of both languages', (_what, query, ids, hits) => {
    const results = engine.search(query)
    expect(results.count).toBe(ids.length)
    expect(hitsOf(query).map((h) => [h.entry.id, h.hits])).toEqual(ids.map((id, i) => [id, hits[i]]))
  })

  test('a word in both languages marks both', () => {
    expect(seen(hitFor('ndfeb', 'bi-3'))).toEqual({
      ...NOTHING,
      field: 'tags',
      tags: ['NdFeB'],
      tagsEn: ['NdFeB'],
      // The best passage in either language; on a tie, the earliest block, Chinese before English.
      snippet: ['NdFeB'],
      block: 1,
      snippetLang: 'zh',
    })
  })

  test.each(['不存在的词', 'zzzz', 'cerium zzzz', 'Praseodymiumx'])(
    'an unknown word finds nothing: %s',
    (query) => {
      expect(engine.search(query).count).toBe(0)
    },
  )
})

describe('ranking', () => {
  test(`a field ranks the same in either language: "${RANK_WORD_EN}"`, () => {
    // English title + English tag; Chinese title; English organisation; English body (four times).
    expect(hitsOf(RANK_WORD_EN).map((h) => [h.entry.id, h.field, h.hits])).toEqual([
      ['bi-2', 'title', 2],
      ['bi-3', 'title', 1],
      ['bi-4', 'people', 1],
      ['bi-5', 'body', 4],
    ])
    expect(seen(hitFor(RANK_WORD_EN, 'bi-2'))).toEqual({
      ...NOTHING,
      field: 'title',
      titleEn: [RANK_WORD_EN],
      tagsEn: [RANK_WORD_EN],
    })
    expect(seen(hitFor(RANK_WORD_EN, 'bi-3'))).toEqual({ ...NOTHING, field: 'title', title: [RANK_WORD_EN] })
  })

  // One installment, the word in one field in Chinese and a better one in English, or the reverse.
  const plain = BILINGUAL_INSTALLMENTS[5]
  test.each<[string, Partial<Installment>, SearchHit['field'], number]>([
    [
      'an English title beats a Chinese organisation',
      {
        interviewee: { ...plain.interviewee, organization: 'Yttrium 实验室（虚构）' },
        en: { title: 'Yttrium (fictional)' },
      },
      'title',
      2,
    ],
    [
      'a Chinese title beats an English organisation',
      {
        title: 'Yttrium 的一年（虚构）',
        en: { interviewee: { name: 'Yue (fictional)', role: 'Founder', organization: 'Yttrium Lab' } },
      },
      'title',
      2,
    ],
    [
      'an English people line beats a Chinese tag',
      { tags: ['Yttrium'], en: { interviewee: { name: 'Yttrium Yue (fictional)', role: 'Founder' } } },
      'people',
      2,
    ],
    [
      'an English tag beats a Chinese body',
      { body: [{ type: 'answer', text: '说到 Yttrium。' }], en: { tags: ['Yttrium'] } },
      'tags',
      2,
    ],
    [
      'a Chinese tag beats an English body',
      {
        tags: ['Yttrium'],
        body: [{ type: 'answer', text: '说到钇。' }],
        en: { body: [{ type: 'answer', text: 'Yttrium, yttrium.' }] },
      },
      'tags',
      3,
    ],
  ])('the best field, whichever its language: %s', (_what, change, field, hits) => {
    const made = published([{ ...plain, ...change }])
    const on = createSearchEngine(made.manifest.installments, made.index)
    expect(hitsOf('yttrium', on).map((h) => [h.field, h.hits])).toEqual([[field, hits]])
  })

  // Two installments the same but for the language their title holds the word in.
  const twin = (id: string, number: number, lang: 'zh' | 'en'): Installment => ({
    ...BILINGUAL_INSTALLMENTS[5],
    id,
    number,
    title: lang === 'zh' ? 'Yttrium 的一年（虚构）' : '一年（虚构）',
    ...(lang === 'en' ? { en: { title: 'A Year of Yttrium (fictional)' } } : {}),
  })
  test.each<[string, Array<[string, number, 'zh' | 'en']>, string[]]>([
    [
      'the newer in English',
      [
        ['zh', 1, 'zh'],
        ['en', 2, 'en'],
      ],
      ['en', 'zh'],
    ],
    [
      'the newer in Chinese',
      [
        ['zh', 2, 'zh'],
        ['en', 1, 'en'],
      ],
      ['zh', 'en'],
    ],
  ])('the same matches in the same field, %s: newest first, language aside', (_what, twins, expected) => {
    const made = published(twins.map(([id, number, lang]) => twin(id, number, lang)))
    const on = createSearchEngine(made.manifest.installments, made.index)
    expect(hitsOf('yttrium', on).map((h) => [h.entry.id, h.field, h.hits])).toEqual(
      expected.map((id) => [id, 'title', 1]),
    )
  })
})

describe('pinyin beside English', () => {
  test.each<[string, string, Array<[string, Partial<Seen> & Pick<Seen, 'field'>]>]>([
    [
      'a name spelled in pinyin, and English holding the same letters: both found',
      'lin',
      [
        ['bi-2', { field: 'people', people: ['林'], peopleEn: ['Lin'] }],
        ['bi-3', { field: 'body', snippet: ['lin', 'lin'], block: 3, snippetLang: 'en' }],
      ],
    ],
    [
      'pinyin and the English name of the same person: both marked, in both languages',
      'yangli',
      [
        ['bi-4', { field: 'people', people: ['样例'], peopleEn: ['Yangli'] }],
        ['bi-1', { field: 'people', people: ['样例'], peopleEn: ['Yangli'] }],
        ['bi-6', { field: 'people', people: ['样例'] }],
        ['bi-5', { field: 'people', people: ['样例'] }],
        ['bi-3', { field: 'people', people: ['样例'] }],
      ],
    ],
    ['pinyin of a Chinese tag', 'paoguang', [['bi-1', { field: 'tags', tags: ['抛光'] }]]],
    ['initials of a Chinese title', 'sysdd', [['bi-4', { field: 'title', title: ['实验室的灯'] }]]],
    [
      'an English word that reads as pinyin is still found as written',
      'lining',
      [['bi-3', { field: 'body', snippet: ['lining', 'lining'], block: 3, snippetLang: 'en' }]],
    ],
  ])('%s (%s)', (_what, query, expected) => {
    expect(hitsOf(query).map((h) => [h.entry.id, seen(h)])).toEqual(
      expected.map(([id, view]) => [id, { ...NOTHING, ...view }]),
    )
  })

  test.each<[string, string, string[]]>([
    // A Latin word in a Chinese title is one of its syllables (Lanthanum 与磁体车间: l y c t c j).
    ['initials through a Latin word of a Chinese title', 'lyc', ['bi-3']],
    // English has no pinyin: The Story of Praseodymium is not t s o p.
    ['initials of an English title', 'tsop', []],
    ['initials of an English name', 'lxf', []],
  ])('English text has no pinyin: %s (%s)', (_what, query, ids) => {
    expect(idsOf(query)).toEqual(ids)
  })
})

describe('snippets: the passage, its block and its language', () => {
  test.each<[string, string, number, 'zh' | 'en', string[]]>([
    ['炉衬', 'bi-2', 1, 'zh', ['炉衬']],
    ['lining', 'bi-3', 3, 'en', ['lining', 'lining']],
    // A tie: the earliest block, Chinese before English.
    ['NdFeB', 'bi-3', 1, 'zh', ['NdFeB']],
    // More matches win over an earlier block in the other language.
    ['抛光 rare', 'bi-1', 3, 'en', ['rare', 'rare']],
    ['镧', 'bi-5', 2, 'zh', ['镧', '镧', '镧']],
    [RANK_WORD_EN, 'bi-5', 2, 'en', [RANK_WORD_EN, RANK_WORD_EN.toUpperCase(), RANK_WORD_EN]],
    ['sample of', 'bi-5', 1, 'en', ['sample', 'of']],
  ])('%s in %s: block %i, in %s', (query, id, block, lang, words) => {
    const hit = hitFor(query, id)
    expect([hit.block, hit.snippetLang, marked(hit.snippet ?? [])]).toEqual([block, lang, words])
    // The passage is that block's text in that language (short blocks are shown whole).
    expect(shown(hit.snippet)).toBe(blockOf(id, block, lang))
  })
})

describe('a long block is cut around the match, to about the same width in either language', () => {
  const filler = (word: string, n: number) => Array(n).fill(word).join(' ')
  const long: Installment = {
    ...BILINGUAL_INSTALLMENTS[5],
    id: 'long-1',
    body: [{ type: 'answer' as const, text: `${'稳'.repeat(100)}钆${'稳'.repeat(100)}` }],
    en: {
      body: [{ type: 'answer' as const, text: `${filler('steady', 40)} Gadolinium ${filler('steady', 40)}` }],
    },
  }
  const made = published([long])
  const on = createSearchEngine(made.manifest.installments, made.index)

  test.each<[string, string, 'zh' | 'en', number]>([
    ['Chinese', '钆', 'zh', SNIPPET_CHARS],
    ['English', 'gadolinium', 'en', SNIPPET_CHARS_EN],
  ])('%s: at most %s characters, the match a quarter in', (_what, query, lang, chars) => {
    const hit = hitFor(query, long.id, on)
    expect(hit.snippetLang).toBe(lang)
    const marks = hit.snippet ?? []
    expect([marks[0], marks[marks.length - 1]]).toEqual([
      { text: ELLIPSIS, hit: false },
      { text: ELLIPSIS, hit: false },
    ])
    const inner = shown(marks.slice(1, -1))
    expect(inner.length).toBe(chars)
    expect(blockText((lang === 'zh' ? long.body : (long.en?.body ?? []))[0])).toContain(inner)
    expect(inner.indexOf(marked(marks)[0])).toBe(chars / 4)
  })
})

describe('without English body text', () => {
  const withoutEnBlocks = (index: SearchIndex): SearchIndex => ({
    ...index,
    installments: index.installments.map(({ enBlocks: _en, ...rest }) => rest),
  })

  test.each<[string, () => SearchEngine]>([
    ['no search file: titles, people and tags only', () => createSearchEngine(entries, null)],
    [
      'an older search file, without enBlocks',
      () => createSearchEngine(entries, withoutEnBlocks(series.index)),
    ],
  ])('%s: English metadata is searched, English bodies are not', (_what, make) => {
    const on = make()
    expect(idsOf('praseodymium', on)).toEqual(['bi-1'])
    expect(idsOf('smelter', on)).toEqual(['bi-1'])
    expect(idsOf('workshop', on)).toEqual(['bi-2'])
    expect(idsOf('cerium', on)).toEqual([])
    expect(idsOf('lining', on)).toEqual([])
    for (const hit of hitsOf(RANK_WORD_EN, on)) expect(hit.snippetLang).not.toBe('en')
  })

  test('an older search file still validates, and its Chinese bodies are searched', () => {
    const older = JSON.parse(JSON.stringify(withoutEnBlocks(series.index))) as unknown
    expect(validateSearchIndex(older).kind).toBe('ok')
    const on = createSearchEngine(entries, withoutEnBlocks(series.index))
    expect(on.bodies).toBe(entries.length)
    expect(seen(hitFor('氧化铈', 'bi-1', on))).toEqual({
      ...NOTHING,
      field: 'body',
      snippet: ['氧化铈'],
      block: 1,
      snippetLang: 'zh',
    })
  })

  test('an entry for another edition of the body: neither language of its body is searched', () => {
    const stale = createSearchEngine(entries, {
      ...series.index,
      installments: series.index.installments.map((e) =>
        e.id === 'bi-1' ? { ...e, sha256: 'f'.repeat(64) } : e,
      ),
    })
    expect(idsOf('cerium', stale)).toEqual([])
    expect(idsOf('氧化铈', stale)).toEqual([])
    expect(idsOf('praseodymium', stale)).toEqual(['bi-1'])
    expect(idsOf('lining', stale)).toEqual(['bi-3'])
  })
})

function queriesFrom(installments: readonly Installment[], seed: number): string[] {
  const next = random(seed)
  const pick = <T>(list: readonly T[]) => list[next(list.length)]
  const zh = installments.flatMap((i) => searchable({ ...i, en: undefined })).filter(Boolean)
  const en = installments.flatMap((i) => searchable(i)).filter((t) => /[a-z]/i.test(t))
  const piece = (texts: string[]) => {
    const text = pick(texts)
    const from = next(text.length)
    return text.slice(from, from + 1 + next(8)).trim()
  }
  const word = () =>
    pick(
      pick(en)
        .split(/[^A-Za-z]+/)
        .filter(Boolean),
    )
  const queries: string[] = []
  for (let i = 0; i < 80; i++) queries.push(piece(en))
  for (let i = 0; i < 60; i++) queries.push(word())
  for (let i = 0; i < 40; i++) queries.push(`${word()} ${word()}`)
  for (let i = 0; i < 40; i++) queries.push(`${piece(zh)} ${word()}`)
  for (let i = 0; i < 20; i++) queries.push(word().toUpperCase())
  return queries.filter((q) => q.length > 0)
}

describe('the engine finds exactly what a scan of every field in both languages finds', () => {
  // English body and metadata for one in three, metadata alone for one in three, none for the rest.
  const generated = generateSeries(30, 3000).map((i, k) => (k % 3 === 2 ? i : withEnglish(i, k, k % 3 === 0)))
  const built = publishInstallments(SEARCH_SERIES, generated)
  const manifest = built.manifest as { installments: ManifestEntry[]; search: { path: string } }
  const index = JSON.parse(built.files.get(manifest.search.path)?.toString() ?? '{}') as SearchIndex

  test.each<[string, () => SearchIndex]>([
    ['as published', () => index],
    [
      'one entry stale, one without enBlocks',
      () => ({
        ...index,
        installments: index.installments.map((e, i) =>
          i === 3 ? { ...e, sha256: '0'.repeat(64) } : i === 6 ? { ...e, enBlocks: undefined } : e,
        ),
      }),
    ],
  ])('a generated series of 30 × 3000, %s', (_what, make) => {
    const file = make()
    expect(index.installments.filter((e) => e.enBlocks).length).toBe(10)
    const scan = scanSearch(file, manifest.installments)
    const searched = createSearchEngine(manifest.installments, file)
    let found = 0
    for (const query of [...queriesFrom(generated, 11), RANK_WORD_EN, 'sample person', 'tag1']) {
      const expected = scan(query)
      const results = searched.search(query)
      const ids = results.first(results.count).map((h) => h.entry.id)
      expect({ query, ids: [...ids].sort() }).toEqual({ query, ids: expected })
      // Each installment once.
      expect(new Set(ids).size).toBe(ids.length)
      expect(results.count).toBe(expected.length)
      if (expected.length > 0 && expected.length < generated.length) found++
    }
    // The queries tell installments apart, not only all or nothing.
    expect(found).toBeGreaterThan(20)
  })
})
