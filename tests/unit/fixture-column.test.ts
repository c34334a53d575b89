/**
 * The generated column the flow suites run on must exercise what they claim to: every group and
 * block type, samples and real installments, sources and the account, and an imported article.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { buildContent } from '../../scripts/content/build'
import {
  deepPhraseIndex,
  generateInstallment,
  generateSeries,
  uniqueEnglishPhrase,
  uniquePhrase,
} from '../fixtures/generate'
import { IMPORTED_ID, writeImportedArticle } from '../fixtures/imported'
import { realSizeEnglishPhrase, writeRealSizeSources } from '../fixtures/real-size'
import {
  FIXTURE_COUNT,
  FIXTURE_TRANSLATED,
  fixtureId,
  fixtureNicknameEn,
  isFixtureTranslated,
  NICKNAME_ANSWER,
  writeFixtureSources,
} from '../fixtures/series'
import { alignmentProblems } from '@/content/align'
import { GROUPS, type Installment } from '@/content/schema'
import { translationProblems, validateInstallment } from '@/content/validate'

let dir: string
let bodies: Installment[]

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lre-fixture-'))
  writeFixtureSources(dir, FIXTURE_COUNT, { translated: FIXTURE_TRANSLATED })
  await writeImportedArticle(dir, FIXTURE_COUNT + 1)
  const result = await buildContent(dir)
  if (result.kind !== 'ok') throw new Error(result.problems.join('\n'))
  bodies = result.output.manifest.installments.map(
    (e) => JSON.parse(result.output.files.get(e.path)!.toString()) as Installment,
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test.each([
  ['every group', () => new Set(bodies.map((b) => b.interviewee.group)), new Set(GROUPS)],
  [
    'every block type',
    () => new Set(bodies.flatMap((b) => b.body.map((block) => block.type))),
    new Set(['paragraph', 'heading', 'question', 'answer', 'quote', 'image', 'divider']),
  ],
  [
    'samples and real installments',
    () => new Set(bodies.map((b) => Boolean(b.sample))),
    new Set([true, false]),
  ],
  [
    'installments with and without a source',
    () => new Set(bodies.map((b) => Boolean(b.source))),
    new Set([true, false]),
  ],
  [
    'installments with and without a cover',
    () => new Set(bodies.map((b) => Boolean(b.cover))),
    new Set([true, false]),
  ],
  [
    'installments with and without an English translation',
    () => new Set(bodies.map((b) => Boolean(b.en?.body))),
    new Set([true, false]),
  ],
])('the fixture column has %s', (_what, measure, expected) => {
  expect(measure()).toEqual(expected)
})

test('it includes the imported article, TODOs filled, with its source', () => {
  const imported = bodies.find((b) => b.id === IMPORTED_ID)
  expect(imported?.source?.url).toMatch(/^https:\/\/mp\.weixin\.qq\.com\//)
  expect(imported?.interviewee.group).toBe('engineer')
})

test('every interviewee in it says they are made up', () => {
  expect(bodies.filter((b) => !b.interviewee.name.includes('虚构')).map((b) => b.id)).toEqual([])
})

test('every other installment has its English, block for block, with its nickname in English only there', () => {
  const translated = bodies.filter((b) => b.en?.body)
  expect(translated.map((b) => b.number)).toEqual(
    bodies.map((b) => b.number).filter((n) => n <= FIXTURE_COUNT && isFixtureTranslated(n)),
  )
  for (const body of translated) {
    expect([body.id, translationProblems(body)]).toEqual([body.id, []])
    const answers = body.en?.body?.filter((b) => b.type === 'answer') ?? []
    expect(JSON.stringify(answers[NICKNAME_ANSWER])).toContain(fixtureNicknameEn(body.number))
    const elsewhere = bodies.filter(
      (b) => b !== body && JSON.stringify(b).includes(fixtureNicknameEn(body.number)),
    )
    expect(elsewhere.map((b) => b.id)).toEqual([])
  }
  expect(translated[0].id).toBe(fixtureId(1))
})

describe('generated installments with English', () => {
  test('none unless asked: the same installments, byte for byte', () => {
    expect(JSON.stringify(generateSeries(12, 3000, { translated: 'none' }))).toBe(
      JSON.stringify(generateSeries(12, 3000)),
    )
    expect(generateSeries(12).some((i) => i.en)).toBe(false)
  })

  test.each([
    ['all', 'all' as const, Array.from({ length: 12 }, (_, i) => i)],
    ['every third', 3, [0, 3, 6, 9]],
  ])('%s: valid, aligned, the Chinese unchanged', (_what, translated, indexes) => {
    const series = generateSeries(12, 3000, { translated })
    expect(series.flatMap((i, n) => (i.en ? [n] : []))).toEqual(indexes)
    for (const [n, installment] of series.entries()) {
      expect(validateInstallment(installment).kind).toBe('ok')
      expect(translationProblems(installment)).toEqual([])
      expect(alignmentProblems(installment.body, installment.en?.body ?? installment.body)).toEqual([])
      const { en: _en, ...chinese } = installment
      expect(chinese).toEqual(generateInstallment(n, 3000))
    }
  })

  test('uniqueEnglishPhrase(i) is in the English answer that holds uniquePhrase(i), and nowhere else', () => {
    const series = generateSeries(40, 6000, { translated: 'all' })
    for (const [i, installment] of series.entries()) {
      const answerOf = (blocks: readonly Installment['body'][number][], phrase: string) =>
        blocks.filter((b) => b.type === 'answer').findIndex((b) => JSON.stringify(b).includes(phrase))
      const at = answerOf(installment.body, uniquePhrase(i))
      expect([i, answerOf(installment.en?.body ?? [], uniqueEnglishPhrase(i))]).toEqual([i, at])
      const holders = series.filter((other) => JSON.stringify(other).includes(uniqueEnglishPhrase(i)))
      expect([i, holders.map((h) => h.number)]).toEqual([i, [installment.number]])
    }
    // Deep in its body for the installment deepPhraseIndex names, in English as in Chinese.
    const deep = series[deepPhraseIndex()]
    const answers = deep.en?.body?.filter((b) => b.type === 'answer') ?? []
    expect(JSON.stringify(answers[answers.length - 1])).toContain(uniqueEnglishPhrase(deepPhraseIndex()))
  })
})

test('the real-size column, asked for English, has it block for block, its phrase deep in its last answer', async () => {
  const real = mkdtempSync(path.join(tmpdir(), 'lre-real-size-'))
  try {
    writeRealSizeSources(real, () => [], { translated: 25 })
    const result = await buildContent(real)
    if (result.kind !== 'ok') throw new Error(result.problems.join('\n'))
    const built = result.output.manifest.installments.map(
      (e) => JSON.parse(result.output.files.get(e.path)!.toString()) as Installment,
    )
    expect(built.filter((b) => b.en?.body).map((b) => b.number)).toEqual([1, 26, 51, 76])
    for (const body of built.filter((b) => b.en?.body)) {
      expect(translationProblems(body)).toEqual([])
      const answers = body.en?.body?.filter((b) => b.type === 'answer') ?? []
      expect(JSON.stringify(answers[answers.length - 1])).toContain(realSizeEnglishPhrase(body.number))
      const holders = built.filter((b) => JSON.stringify(b).includes(realSizeEnglishPhrase(body.number)))
      expect(holders.map((b) => b.number)).toEqual([body.number])
    }
  } finally {
    rmSync(real, { recursive: true, force: true })
  }
})
