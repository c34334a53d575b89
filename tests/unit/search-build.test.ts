/**
 * The search engine built in slices (buildSearchEngine): the same engine as the one-go build, the
 * same problems as validateSearchIndex, and slices cut by characters of text, never by a clock.
 */
import { publishInstallments } from '../../scripts/content/build'
import { fictionalName, generateInstallment, uniquePhrase } from '../fixtures/generate'
import { withEnglish } from './support/search-series'
import type { ManifestEntry, Series } from '@/content/schema'
import { buildSearchEngine, type BuildResult } from '@/content/search/build'
import * as engineModule from '@/content/search/engine'
import { createSearchEngine, peopleLine, peopleLineEn, type SearchEngine } from '@/content/search/engine'
import { validateSearchIndex, type SearchIndex } from '@/content/search/file'
import { runInSlices, type Step } from '@/content/search/slices'
import { validateManifest } from '@/content/validate'

const SERIES: Series = { title: '系列', tagline: '一句话', intro: [{ type: 'paragraph', text: '介绍。' }] }
const SLICE = 8_000
/** Installments of uneven lengths, one in four longer than a slice. */
const LENGTHS = [1_500, 3_000, 600, 20_000]
const installments = Array.from({ length: 24 }, (_, i) => generateInstallment(i, LENGTHS[i % LENGTHS.length]))

const published = publishInstallments(SERIES, installments)
const manifest = validateManifest(published.manifest)
if (manifest.kind !== 'ok' || !manifest.value.search) throw new Error('the generated series does not publish')
const entries = manifest.value.installments
const fileText = published.files.get(manifest.value.search.path)?.toString('utf8') ?? ''
/** A fresh parse every time, as the app reads the file: nothing a build does can reach another. */
const rawFile = () => JSON.parse(fileText) as SearchIndex
const valid = validateSearchIndex(rawFile())
if (valid.kind !== 'ok') throw new Error('the generated search file is not valid')
const index = valid.value

type Run = {
  result: BuildResult
  /** `done` at each pause, as the last progress before it reported. */
  pausedAt: number[]
  progress: Array<[number, number]>
}

async function build(raw: unknown, on: readonly ManifestEntry[] = entries, sliceChars = SLICE): Promise<Run> {
  const run: Omit<Run, 'result'> = { pausedAt: [], progress: [] }
  const result = await buildSearchEngine(on, raw, {
    sliceChars,
    pause: async () => {
      run.pausedAt.push(run.progress[run.progress.length - 1]?.[0] ?? -1)
    },
    onProgress: (done, total) => run.progress.push([done, total]),
  })
  return { result, ...run }
}

async function engineOf(raw: unknown, on: readonly ManifestEntry[] = entries): Promise<SearchEngine> {
  const { result } = await build(raw, on)
  if (result.kind !== 'ok') throw new Error(result.problems.join('\n'))
  return result.engine
}

const initials = (pinyin: string) =>
  pinyin
    .split(' ')
    .map((s) => s[0])
    .join('')
const name = (i: number) => fictionalName(i).replace('（虚构）', '')
const namePinyin = (i: number) => index.installments[i].pinyin.name.split(' ').slice(0, name(i).length)

/** Chinese words, pinyin, tags and names: in one body, in many, in titles, in people. */
const QUERIES: Array<[string, string]> = [
  ['a phrase in one body', uniquePhrase(7)],
  ['a phrase in the longest body', uniquePhrase(3)],
  ['a common word', '萃取'],
  ['a title word', '工作经历'],
  ['a tag', '生成'],
  ['a Latin tag', 'engineer'],
  ['a name', name(5)],
  ['an organisation', '示例单位 12'],
  ['a name in full pinyin', namePinyin(9).join('')],
  ['the initials of a name', initials(namePinyin(9).join(' '))],
  ['the initials of a title word', 'gzjl'],
  ['two words', `${name(2)} 萃取`],
  ['nothing', '不存在的词语'],
]

/** Everything a reader can see of a query's results. */
const resultsOf = (engine: SearchEngine, query: string) => {
  const results = engine.search(query)
  return { count: results.count, hits: results.first(results.count) }
}

function expectSameEngine(built: SearchEngine, sync: SearchEngine) {
  expect({ bodies: built.bodies, installments: built.installments }).toEqual({
    bodies: sync.bodies,
    installments: sync.installments,
  })
  for (const [, query] of QUERIES) expect(resultsOf(built, query)).toEqual(resultsOf(sync, query))
}

const sync = createSearchEngine(entries, index)
const entriesAt = (raw: SearchIndex, from: number, to?: number) => raw.installments.slice(from, to)
const partsOf = (raw: SearchIndex, ...cuts: number[]) =>
  [0, ...cuts].map((from, k) => ({ schemaVersion: 1, installments: entriesAt(raw, from, cuts[k]) }))

describe('the sliced build finds what the one-go build finds', () => {
  test('the queries find something, so the comparison means something', () => {
    for (const [what, query] of QUERIES.slice(0, -1))
      expect([what, sync.search(query).count]).not.toEqual([what, 0])
  })

  test.each(QUERIES)('%s (%s): same results, same order, same marks', async (_what, query) => {
    const built = await engineOf(rawFile())
    expect(resultsOf(built, query)).toEqual(resultsOf(sync, query))
  })

  const stale = entries.map((e, i) => (i === 4 ? { ...e, sha256: 'f'.repeat(64) } : e))
  const reversed = () => ({ ...rawFile(), installments: entriesAt(rawFile(), 0).reverse() })
  const lastOnly = () => ({ ...rawFile(), installments: entriesAt(rawFile(), 6) })
  // [what, the input, the manifest's installments, the file the one-go build is given]
  test.each<[string, () => unknown, readonly ManifestEntry[], () => SearchIndex]>([
    ['the whole file', rawFile, entries, rawFile],
    ['the file in three parts', () => partsOf(rawFile(), 5, 17), entries, rawFile],
    ['the file as one part', () => [rawFile()], entries, rawFile],
    ['parts, some of them empty', () => partsOf(rawFile(), 0, 9, 9), entries, rawFile],
    ['entries in another order than the manifest', reversed, entries, reversed],
    ['an entry for another edition of its body', rawFile, stale, rawFile],
    ['entries no installment names', rawFile, entries.slice(3, 15), rawFile],
    ['installments the file has no entry for', lastOnly, entries, lastOnly],
    ['no installments', rawFile, [], rawFile],
  ])('%s', async (_what, raw, on, whole) => {
    const checked = validateSearchIndex(whole())
    if (checked.kind !== 'ok') throw new Error('expected a valid file')
    expectSameEngine(await engineOf(raw(), on), createSearchEngine(on, checked.value))
  })
})

/** What the engine reads of an installment: its title, people and tags, and its entry's body text. */
const charsOf = (entry: ManifestEntry) => {
  const indexed = index.installments.find((e) => e.id === entry.id)
  const meta = entry.title.length + peopleLine(entry).length + entry.tags.join('').length
  return meta + (indexed?.blocks.join('').length ?? 0)
}

describe('slices', () => {
  const weights = entries.map(charsOf)
  const ends = weights.map((_, i) => weights.slice(0, i + 1).reduce((a, b) => a + b, 0))
  const total = ends[ends.length - 1]

  test.each([[SLICE], [2_000], [30_000], [1], [10 * total]])(
    'at %i characters a slice: each slice ends between two installments and is within the budget, or one installment',
    async (sliceChars) => {
      const { pausedAt, progress } = await build(rawFile(), entries, sliceChars)
      // The first pause comes before any text, after the setup; the last slice ends with the build.
      expect(pausedAt[0]).toBe(0)
      const bounds = [...pausedAt, total]
      for (let s = 1; s < bounds.length; s++) {
        const [from, to] = [bounds[s - 1], bounds[s]]
        expect(from === 0 || ends.includes(from)).toBe(true)
        expect(ends).toContain(to)
        const installmentsIn = ends.filter((end) => end > from && end <= to).length
        if (to - from > sliceChars) expect(installmentsIn).toBe(1)
        // Full: the next installment would not have fitted.
        const next = weights[ends.indexOf(to) + 1]
        if (s < bounds.length - 1) expect(to - from + next).toBeGreaterThan(sliceChars)
      }
      expect(progress[progress.length - 1]).toEqual([total, total])
    },
  )

  test('an installment longer than a slice is a slice alone', async () => {
    const longest = weights.indexOf(Math.max(...weights))
    expect(weights[longest]).toBeGreaterThan(SLICE)
    const { pausedAt } = await build(rawFile())
    expect(pausedAt).toContain(ends[longest - 1])
    expect(pausedAt).toContain(ends[longest])
  })

  test('progress starts at 0, never goes back, and ends at the total, which never changes', async () => {
    const { progress } = await build(rawFile())
    expect(progress[0]).toEqual([0, total])
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0])
      expect(progress[i][1]).toBe(total)
    }
    expect(progress[progress.length - 1]).toEqual([total, total])
  })

  test('the same file in parts is cut in the same slices', async () => {
    const whole = await build(rawFile())
    const parts = await build(partsOf(rawFile(), 5, 17))
    expect(parts.pausedAt).toEqual(whole.pausedAt)
    expect(parts.progress).toEqual(whole.progress)
  })

  test.each<[string, number[], number, number[][]]>([
    ['steps that fill slices', [3, 3, 3, 3], 6, [[], [3, 3], [3, 3]]],
    ['a step heavier than a slice, alone', [2, 10, 2], 5, [[], [2], [10], [2]]],
    ['a step that would overflow starts the next slice', [4, 2, 1], 5, [[], [4], [2, 1]]],
    ['weightless steps ride along', [0, 5, 0, 0, 1], 5, [[], [0, 5, 0, 0], [1]]],
    ['no steps: the setup alone', [], 5, [[], []]],
  ])('runInSlices: %s', async (_what, work, budget, expected) => {
    // The first slice is the caller's setup, before the first pause: it runs no step.
    const slices: number[][] = [[]]
    const steps: Step[] = work.map((w) => ({ work: w, run: () => slices[slices.length - 1].push(w) }))
    const pause = async () => {
      slices.push([])
    }
    await runInSlices(steps, { budget, pause })
    expect(slices).toEqual(expected)
  })
})

describe('a damaged file', () => {
  const entry = { ...rawFile().installments[0] }
  const sha = entry.sha256
  const BAD: Array<[string, () => unknown]> = [
    ['the same installment twice', () => ({ schemaVersion: 1, installments: [entry, { ...entry }] })],
    ['a file cut short', () => ({ schemaVersion: 1 })],
    [
      'an entry cut off after its hash',
      () => ({ schemaVersion: 1, installments: [entry, { id: 'two', sha256: sha }] }),
    ],
    ['not an object at all', () => 'search'],
    ['null', () => null],
    [
      'garbled entries, and a wrong version',
      () => ({
        schemaVersion: 2,
        installments: [{ ...entry, sha256: 'xyz', blocks: ['一', 2], pinyin: { title: 'a', name: 'b' } }],
      }),
    ],
    [
      'a bad entry late in the file, after good ones',
      () => {
        const raw = rawFile()
        raw.installments[20] = { ...raw.installments[20], blocks: [7] as unknown as string[] }
        return raw
      },
    ],
    [
      'an entry no installment names, garbled, before a good one',
      () => {
        const raw = rawFile()
        raw.installments.splice(2, 0, { id: 'nobody' } as unknown as SearchIndex['installments'][number])
        return raw
      },
    ],
    [
      'English body blocks that do not line up, late in the file',
      () => {
        const raw = rawFile()
        raw.installments[18] = { ...raw.installments[18], enBlocks: ['one'] }
        return raw
      },
    ],
    [
      'English body blocks that are not text',
      () => {
        const raw = rawFile()
        const { blocks } = raw.installments[5]
        raw.installments[5] = { ...raw.installments[5], enBlocks: blocks.map(() => 3) as unknown as string[] }
        return raw
      },
    ],
    [
      'a duplicate far apart',
      () => {
        const raw = rawFile()
        raw.installments.push(raw.installments[1])
        return raw
      },
    ],
  ]

  test.each(BAD)(
    '%s: the problems validateSearchIndex reports, in its order and words',
    async (_what, raw) => {
      const expected = validateSearchIndex(raw())
      if (expected.kind === 'ok') throw new Error('expected a damaged file')
      const { result } = await build(raw())
      expect(result).toEqual({ kind: 'bad-data', problems: expected.problems })
    },
  )

  /** The builder the sliced build uses, watched: what it is given, and whether an engine is made of it. */
  function watchBuilder() {
    const original = engineModule.createEngineBuilder
    const watched = { added: 0, engines: 0 }
    const spy = jest.spyOn(engineModule, 'createEngineBuilder').mockImplementation(() => {
      const builder = original()
      return {
        add: (...args) => {
          watched.added++
          builder.add(...args)
        },
        engine: () => {
          watched.engines++
          return builder.engine()
        },
      }
    })
    return { watched, restore: () => spy.mockRestore() }
  }

  test.each(BAD)('%s: no engine is made', async (_what, raw) => {
    const { watched, restore } = watchBuilder()
    try {
      await build(raw())
      expect(watched.engines).toBe(0)
    } finally {
      restore()
    }
  })

  test('an id listed twice is seen before anything is built', async () => {
    const { watched, restore } = watchBuilder()
    try {
      const raw = rawFile()
      raw.installments.push(raw.installments[20])
      expect((await build(raw)).result.kind).toBe('bad-data')
      expect(watched.added).toBe(0)
    } finally {
      restore()
    }
  })

  test('a good file: every installment is added once, and one engine made', async () => {
    const { watched, restore } = watchBuilder()
    try {
      expect((await build(rawFile())).result.kind).toBe('ok')
      expect(watched).toEqual({ added: entries.length, engines: 1 })
    } finally {
      restore()
    }
  })

  test.each<[string, () => unknown, string[]]>([
    [
      'a part with a wrong version and a garbled entry',
      () => [partsOf(rawFile(), 3)[0], { schemaVersion: 2, installments: [{ id: 'x' }] }],
      [
        'parts[1].schemaVersion: Invalid literal value, expected 1',
        'parts[1].installments[0].sha256: Required',
        'parts[1].installments[0].pinyin: Required',
        'parts[1].installments[0].blocks: Required',
      ],
    ],
    ['a part that is not a file', () => [rawFile(), 'part'], ['parts[1]: Expected object, received string']],
    [
      'the same installment in two parts',
      () =>
        partsOf(
          { ...rawFile(), installments: [...entriesAt(rawFile(), 0), ...entriesAt(rawFile(), 3, 4)] },
          10,
        ),
      [`installments: duplicate id "${index.installments[3].id}"`],
    ],
    ['no parts at all', () => [], ['(root): Expected a search file, or an array of at least one part']],
  ])('parts: %s', async (_what, raw, problems) => {
    expect((await build(raw())).result).toEqual({ kind: 'bad-data', problems })
  })
})

describe('English', () => {
  // English body and metadata for one in three, metadata alone for one in three, none for the rest.
  const bilingual = installments.map((i, k) => (k % 3 === 2 ? i : withEnglish(i, k, k % 3 === 0)))
  const made = publishInstallments(SERIES, bilingual)
  const checked = validateManifest(made.manifest)
  if (checked.kind !== 'ok' || !checked.value.search) throw new Error('the bilingual series does not publish')
  const on = checked.value.installments
  const text = made.files.get(checked.value.search.path)?.toString('utf8') ?? ''
  const raw = () => JSON.parse(text) as SearchIndex
  const englishIndex = validateSearchIndex(raw())
  if (englishIndex.kind !== 'ok') throw new Error('the bilingual search file is not valid')

  test.each<[string, string]>([
    ['an English body sentence', 'The kiln heats slowly'],
    ['an English title', bilingual[1].en?.title ?? 'missing'],
    ['an English name', 'Sample Person 4'],
    ['an English tag', 'tag3-1'],
    ['English and Chinese', `extraction ${uniquePhrase(3)}`],
    ['a Chinese phrase', uniquePhrase(7)],
  ])('%s (%s): the sliced build finds what the one-go build finds', async (_what, query) => {
    const built = await engineOf(raw(), on)
    const sync = createSearchEngine(on, englishIndex.value)
    expect(sync.search(query).count).toBeGreaterThan(0)
    expect(resultsOf(built, query)).toEqual(resultsOf(sync, query))
  })

  test('the English text weighs in the slices and the progress', async () => {
    const byId = new Map(englishIndex.value.installments.map((e) => [e.id, e]))
    const weightOf = (entry: ManifestEntry) => {
      const indexed = byId.get(entry.id)
      const en = entry.en
      return (
        charsOf(entry) +
        (en?.title?.length ?? 0) +
        (peopleLineEn(en)?.length ?? 0) +
        (en?.tags?.join('').length ?? 0) +
        (indexed?.enBlocks?.join('').length ?? 0)
      )
    }
    const weights = on.map(weightOf)
    const ends = weights.map((_, i) => weights.slice(0, i + 1).reduce((a, b) => a + b, 0))
    const total = ends[ends.length - 1]
    // The same installments' Chinese, and their English on top.
    expect(total).toBeGreaterThan(entries.map(charsOf).reduce((a, b) => a + b, 0))
    const { pausedAt, progress } = await build(raw(), on)
    expect(progress[0]).toEqual([0, total])
    expect(progress[progress.length - 1]).toEqual([total, total])
    // Every pause falls between two installments, weighed with their English.
    for (const at of pausedAt.slice(1)) expect(ends).toContain(at)
    // An older file, without English body blocks, weighs less by exactly their characters.
    const older = raw()
    for (const entry of older.installments) delete entry.enBlocks
    const enChars = englishIndex.value.installments.reduce(
      (sum, e) => sum + (e.enBlocks?.join('').length ?? 0),
      0,
    )
    expect(enChars).toBeGreaterThan(0)
    expect((await build(older, on)).progress.at(-1)).toEqual([total - enChars, total - enChars])
  })
})
