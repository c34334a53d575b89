/**
 * The generated column the flow suites run on must exercise what they claim to: every group and
 * block type, samples and real installments, sources and the account, and an imported article.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { buildContent } from '../../scripts/content/build'
import { IMPORTED_ID, writeImportedArticle } from '../fixtures/imported'
import { FIXTURE_COUNT, writeFixtureSources } from '../fixtures/series'
import { GROUPS, type Installment } from '@/content/schema'

let dir: string
let bodies: Installment[]

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lre-fixture-'))
  writeFixtureSources(dir)
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
