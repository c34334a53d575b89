/**
 * English translations: the `en:` front matter and `<name>.en.md` beside `<name>.md`, lined up block
 * for block, each problem at its `file:line`; a good translation built into the installment's
 * `en.body` and the entry's `en`; the published check (`validate`) and the function the app calls.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { buildContent, type BuildOutput } from '../../scripts/content/build'
import { leanHead } from '../../scripts/bundle-content'
import { main } from '../../scripts/content/cli'
import { sha256Of } from '../../scripts/content/hash'
import { previewEditions } from '../../scripts/content/preview-edition'
import { alignmentProblems, withAlignedEn } from '@/content/align'
import { headOf } from '@/content/head'
import type { Block, Installment, Manifest, ManifestEntry } from '@/content/schema'
import { translationProblems, validateInstallment } from '@/content/validate'
import { cliSession } from './support/cli-session'

const ROOT = path.resolve(__dirname, '../..')
const PICTURE = readFileSync(path.join(ROOT, 'content/media/lanthanide-row.png'))
const OTHER_PICTURE = readFileSync(path.join(ROOT, 'content/media/extraction-cascade.png'))

const session = cliSession('lre-translation-')
const { err } = session
const src = () => session.dir

const SERIES = '---\ntitle: 系列\ntagline: 一句话\n---\n\n## 关于\n\n介绍。\n'

/** The Chinese installment: its body starts at line 17, one block every two lines but the quote. */
const FRONT = `---
id: one
number: 1
title: 标题
interviewee:
  name: 某人
  role: 工程师
  group: engineer
publishedAt: 2026-01-05
summary: 摘要
tags: [磁体, 车间]
en:
  title: The title
  tags: [magnets, workshop]
---
`
const CHINESE = [
  '*本篇为样例内容。*', // 17
  '## 从一块样品说起', // 19
  '问：您还记得第一次吗？', // 21
  '答：记得很清楚，那天的数据反复测了三遍。', // 23
  '![夜里的实验室](media/a.png)', // 25
  '> 材料不会说谎。\n> — 林远舟', // 27
  '---', // 30
  '答：多动手，多较真。', // 32
]
/** The English, block for block: lines 1, 3, 5, 7, 9, 11 (the quote, two lines), 14, 16. */
const ENGLISH = [
  '*This piece is a sample.*',
  '## Starting from a sample',
  'Q: Do you remember the first time?',
  'A: Very clearly. We measured the data three times that day.',
  '![The lab at night](media/a.png)',
  '> Materials do not lie.\n> — Lin Yuanzhou',
  '---',
  'A: Work with your hands, and be exacting.',
]

const chinese = (front = FRONT) => `${front}\n${CHINESE.join('\n\n')}\n`
const english = (blocks = ENGLISH) => `${blocks.join('\n\n')}\n`
/** The English with block `i` replaced by `blocks` (none: left out). */
const englishWith = (i: number, ...blocks: string[]) =>
  english([...ENGLISH.slice(0, i), ...blocks, ...ENGLISH.slice(i + 1)])

function writeFolder(files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(src(), name)), { recursive: true })
    writeFileSync(path.join(src(), name), content)
  }
}

/** The folder with `one.md` and its English, as `files` change them. */
function write(files: Record<string, string | Buffer>): void {
  writeFolder({
    'series.md': SERIES,
    'media/a.png': PICTURE,
    'media/b.png': OTHER_PICTURE,
    'one.md': chinese(),
    'one.en.md': english(),
    ...files,
  })
}

async function built(): Promise<BuildOutput> {
  const result = await buildContent(src())
  if (result.kind !== 'ok') throw new Error(result.problems.join('\n'))
  return result.output
}

/** A body in a build's files (or a preview's edition), found through its manifest. */
const bodyOf = (
  output: { manifest: Manifest; files: ReadonlyMap<string, Buffer> },
  id = 'one',
): Installment => {
  const entry = output.manifest.installments.find((e) => e.id === id)
  return JSON.parse(output.files.get(entry?.path ?? '')?.toString() ?? 'null') as Installment
}

describe('an English translation that is out of line is refused, every problem at its file:line', () => {
  test.each<[string, Record<string, string>, string[]]>([
    [
      'a block of another type',
      { 'one.en.md': englishWith(3, 'Very clearly. We measured the data three times that day.') },
      ['one.en.md:7: a paragraph, where one.md:23 has an answer (答：记得很清楚，那…)'],
    ],
    [
      'a heading of another level',
      { 'one.en.md': englishWith(1, '### Starting from a sample') },
      ['one.en.md:3: a ### heading, where one.md:19 has a ## heading (## 从一块样品说…)'],
    ],
    [
      'another picture',
      { 'one.en.md': englishWith(4, '![The lab at night](media/b.png)') },
      [
        'one.en.md:9: the image media/b.png, where one.md:25 has media/a.png; a translation shows the same pictures',
      ],
    ],
    [
      'the same picture, written another way, is the same picture',
      { 'one.en.md': englishWith(4, '![The lab at night](./media/a.png)') },
      [],
    ],
    [
      'the English ends early',
      { 'one.en.md': english(ENGLISH.slice(0, -1)) },
      ['one.en.md:14: the English ends here, but one.md:32 has an answer (答：多动手，多较真…) next'],
    ],
    [
      'the English ends after two blocks',
      { 'one.en.md': english(ENGLISH.slice(0, 2)) },
      [
        'one.en.md:3: the English ends here, but one.md:21 has a question (问：您还记得第一次…) next and 5 more blocks after it',
      ],
    ],
    [
      'a block left out in the middle: one problem, not one for every block after it',
      { 'one.en.md': englishWith(2) },
      ['one.en.md:5: a block is missing before this one: one.md:21 has a question (问：您还记得第一次…)'],
    ],
    [
      'a question and its answer left out: one problem',
      { 'one.en.md': english([...ENGLISH.slice(0, 2), ...ENGLISH.slice(4)]) },
      [
        'one.en.md:5: 2 blocks are missing before this one: one.md:21 has a question (问：您还记得第一次…) and 1 more block after it',
      ],
    ],
    [
      'a block before the first of the Chinese',
      { 'one.en.md': english(['## Translator’s note', ...ENGLISH]) },
      [
        'one.en.md:1: a ## heading that one.md does not have, before one.md:17, a paragraph (*本篇为样例内容。…)',
      ],
    ],
    [
      'a block past the end of the Chinese',
      { 'one.en.md': english([...ENGLISH, 'One more paragraph.', 'And another.']) },
      [
        'one.en.md:18: a paragraph and 1 more block that one.md does not have, past its end (its last block: one.md:32, an answer (答：多动手，多较真…))',
      ],
    ],
    [
      'a block the Chinese does not have, in the middle',
      { 'one.en.md': englishWith(2, ENGLISH[2], 'A remark of my own.') },
      [
        'one.en.md:7: a paragraph that one.md does not have, between one.md:21, a question (问：您还记得第一次…) and one.md:23, an answer (答：记得很清楚，那…)',
      ],
    ],
    [
      'every problem of the file in one list',
      {
        'one.en.md': english([
          ENGLISH[0],
          '### Starting from a sample',
          ...ENGLISH.slice(2, 4),
          '![The lab at night](media/b.png)',
          ...ENGLISH.slice(5, 7),
        ]),
      },
      [
        'one.en.md:3: a ### heading, where one.md:19 has a ## heading (## 从一块样品说…)',
        'one.en.md:9: the image media/b.png, where one.md:25 has media/a.png; a translation shows the same pictures',
        'one.en.md:14: the English ends here, but one.md:32 has an answer (答：多动手，多较真…) next',
      ],
    ],
    [
      'an English body with no Chinese beside it',
      { 'two.en.md': english() },
      [
        'two.en.md:1: there is no two.md beside it; an English body translates the Chinese file of the same name',
      ],
    ],
    [
      'an English body without en.title',
      { 'one.md': chinese(FRONT.replace('  title: The title\n', '')) },
      [
        'one.md:12: en.title is required: one.en.md gives this installment an English body, which needs an English title',
      ],
    ],
    [
      'an English body without any en: block',
      { 'one.md': chinese(FRONT.replace(/^en:\n(?: {2}.*\n)+/m, '')) },
      [
        'one.md:1: en.title is required: one.en.md gives this installment an English body, which needs an English title',
      ],
    ],
    [
      'a misspelt key under en:',
      { 'one.md': chinese(FRONT.replace('  tags: [magnets', '  titel: Another\n  tags: [magnets')) },
      ["one.md:14: en Unrecognized key(s) in object: 'titel'"],
    ],
    [
      'en.tags that are not one per tag',
      { 'one.md': chinese(FRONT.replace('[magnets, workshop]', '[magnets]')) },
      ['one.md:14: en.tags has 1 tag where tags has 2; give one English tag for each, in the same order'],
    ],
    [
      'an English body with front matter',
      { 'one.en.md': `---\ntitle: The title\n---\n\n${english()}` },
      [
        'one.en.md:1: an English body has no front matter; its English title, summary, people and tags go in the en: block of one.md',
      ],
    ],
    [
      'a syntax problem in the English: reported as such, with no alignment noise',
      { 'one.en.md': englishWith(0, 'This piece is a <b>sample</b>.') },
      ['one.en.md:1: raw HTML is not allowed: <b>', 'one.en.md:1: raw HTML is not allowed: </b>'],
    ],
    [
      "the series' English About text out of line",
      { 'series.en.md': '## About\n\nAn introduction.\n\nAnd more.\n' },
      [
        'series.en.md:5: a paragraph that series.md does not have, past its end (its last block: series.md:8, a paragraph (介绍。))',
      ],
    ],
    [
      "a misspelt key in the series' en:",
      { 'series.md': SERIES.replace('tagline: 一句话\n', 'tagline: 一句话\nen:\n  tagine: A line\n') },
      ["series.md:5: en Unrecognized key(s) in object: 'tagine'"],
    ],
  ])('%s', async (_what, files, problems) => {
    write(files)
    const result = await buildContent(src())
    expect(result).toEqual(
      problems.length ? { kind: 'error', problems } : expect.objectContaining({ kind: 'ok' }),
    )
  })
})

describe('a good translation', () => {
  test('builds into the installment’s en (with its body) and the entry’s en (body: true, no body)', async () => {
    write({})
    const output = await built()
    const body = bodyOf(output)
    const pictureOf = (blocks: readonly Block[]) => blocks.find((b) => b.type === 'image')
    const chinesePicture = pictureOf(body.body)
    expect(chinesePicture).toMatchObject({ caption: '夜里的实验室', src: expect.stringMatching(/^media\//) })
    // The same published picture, with the English caption.
    expect(pictureOf(body.en?.body ?? [])).toEqual({ ...chinesePicture, caption: 'The lab at night' })
    expect(body.en).toEqual({
      title: 'The title',
      tags: ['magnets', 'workshop'],
      body: [
        { type: 'paragraph', text: [{ text: 'This piece is a sample.', italic: true }] },
        { type: 'heading', level: 2, text: 'Starting from a sample' },
        { type: 'question', text: 'Do you remember the first time?' },
        { type: 'answer', text: 'Very clearly. We measured the data three times that day.' },
        { ...chinesePicture, caption: 'The lab at night' },
        { type: 'quote', text: 'Materials do not lie.', cite: 'Lin Yuanzhou' },
        { type: 'divider' },
        { type: 'answer', text: 'Work with your hands, and be exacting.' },
      ],
    })
    expect(output.manifest.installments[0].en).toEqual({
      title: 'The title',
      tags: ['magnets', 'workshop'],
      body: true,
    })
    // Published bytes carry no body in the manifest.
    expect(output.files.get('manifest.json')?.toString()).not.toContain('Starting from a sample')
  })

  test('metadata alone, with no English body: the entry says no body', async () => {
    write({})
    unlinkSync(path.join(src(), 'one.en.md'))
    const output = await built()
    expect(bodyOf(output).en).toEqual({ title: 'The title', tags: ['magnets', 'workshop'] })
    expect(output.manifest.installments[0].en).toEqual({ title: 'The title', tags: ['magnets', 'workshop'] })
  })

  test('every field of the en: block, and the series’ English', async () => {
    write({
      'one.md': chinese(
        FRONT.replace(
          '  title: The title\n',
          '  title: The title\n  summary: A summary.\n  interviewee: {name: Someone, role: Engineer, organization: A lab}\n',
        ),
      ),
      'series.md': SERIES.replace(
        'tagline: 一句话\n',
        'tagline: 一句话\nen:\n  title: The series\n  tagline: A line\n',
      ),
      'series.en.md': '## About\n\nAn introduction.\n',
    })
    const output = await built()
    expect(output.manifest.installments[0].en).toEqual({
      title: 'The title',
      summary: 'A summary.',
      interviewee: { name: 'Someone', role: 'Engineer', organization: 'A lab' },
      tags: ['magnets', 'workshop'],
      body: true,
    })
    expect(output.manifest.series.en).toEqual({
      title: 'The series',
      tagline: 'A line',
      intro: [
        { type: 'heading', level: 2, text: 'About' },
        { type: 'paragraph', text: 'An introduction.' },
      ],
    })
    // The first screen's English is what a card shows, like its Chinese: no tags, no organisation.
    expect(leanHead(headOf(output.manifest)).manifest.installments[0].en).toEqual({
      title: 'The title',
      summary: 'A summary.',
      interviewee: { name: 'Someone', role: 'Engineer' },
      body: true,
    })
  })

  test('a folder with no translation builds as it did: no en anywhere', async () => {
    write({ 'one.md': chinese(FRONT.replace(/^en:\n(?: {2}.*\n)+/m, '')) })
    unlinkSync(path.join(src(), 'one.en.md'))
    const output = await built()
    expect(output.manifest.series.en).toBeUndefined()
    expect(output.manifest.installments[0].en).toBeUndefined()
    expect(bodyOf(output).en).toBeUndefined()
  })

  test('the preview builds an installment again when its English is saved, added or removed', async () => {
    write({ 'two.md': chinese(FRONT.replace('id: one', 'id: two').replace('number: 1', 'number: 2')) })
    const editions = previewEditions(src())
    expect((await editions.rebuild()).built.sort()).toEqual(['one.md', 'two.md'])
    writeFileSync(path.join(src(), 'one.en.md'), english(ENGLISH.map((b) => b.replace('sample', 'example'))))
    const saved = await editions.rebuild()
    expect([saved.built, saved.changed, saved.problems]).toEqual([['one.md'], ['one'], []])
    writeFileSync(path.join(src(), 'two.en.md'), english())
    const added = await editions.rebuild()
    expect([added.built, added.changed]).toEqual([['two.md'], ['two']])
    unlinkSync(path.join(src(), 'two.en.md'))
    const removed = await editions.rebuild()
    expect([removed.built, removed.changed]).toEqual([['two.md'], ['two']])
    expect(removed.edition && bodyOf(removed.edition, 'two').en).toEqual({
      title: 'The title',
      tags: ['magnets', 'workshop'],
    })
    writeFileSync(path.join(src(), 'one.en.md'), englishWith(2))
    const broken = await editions.rebuild()
    expect(broken.problems).toEqual([
      'one.en.md:5: a block is missing before this one: one.md:21 has a question (问：您还记得第一次…)',
    ])
  })
})

describe('validate: a published English body must be aligned', () => {
  type Change<T> = (value: T) => T
  /**
   * Rewrites installment `one` as `change` makes it, renamed by its new hash and named so in the
   * manifest, whose entry `changeEntry` makes: as a tool other than this CLI might publish it (with no
   * search file, which would name the body's old hash).
   */
  function republish(dir: string, change: Change<Installment>, changeEntry: Change<ManifestEntry>): string {
    const manifestFile = path.join(dir, 'manifest.json')
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
    const [entry] = manifest.installments
    const old = JSON.parse(readFileSync(path.join(dir, entry.path), 'utf8'))
    const bytes = Buffer.from(JSON.stringify(change(old)))
    const sha256 = sha256Of(bytes)
    const rel = `installments/one.${sha256.slice(0, 12)}.json`
    rmSync(path.join(dir, entry.path))
    writeFileSync(path.join(dir, rel), bytes)
    manifest.installments[0] = changeEntry({ ...entry, path: rel, sha256 })
    delete manifest.search
    writeFileSync(manifestFile, JSON.stringify(manifest))
    return rel
  }
  const enBody = (i: Installment) => i.en?.body ?? []
  const same = <T>(value: T) => value

  test.each<[string, Change<Installment>, Change<ManifestEntry>, (rel: string) => string[]]>([
    ['as built', same, same, () => []],
    [
      'a block short',
      (i) => ({ ...i, en: { ...i.en, body: enBody(i).slice(0, -1) } }),
      same,
      (rel) => [`${rel}: en.body has 7 blocks; body has 8`],
    ],
    [
      'a heading turned into a paragraph',
      (i) => ({
        ...i,
        en: { ...i.en, body: enBody(i).map((b, n) => (n === 1 ? { type: 'paragraph', text: 'x' } : b)) },
      }),
      same,
      (rel) => [`${rel}: en.body[1] is a paragraph; body[1] is a level-2 heading`],
    ],
    [
      'English tags that are not one per tag',
      (i) => ({ ...i, en: { ...i.en, tags: ['magnets'] } }),
      same,
      (rel) => [`${rel}: en.tags has 1 tag; tags has 2`],
    ],
    [
      'an English body the manifest does not announce',
      same,
      (e) => ({ ...e, en: { title: e.en?.title } }),
      (rel) => [`${rel}: has English body; the manifest's en.body says it has none`],
    ],
  ])('%s', async (_what, change, changeEntry, problems) => {
    write({})
    const out = path.join(session.dir, 'out')
    expect(await main(['build', src(), out])).toBe(0)
    const rel = republish(out, change, changeEntry)
    err.length = 0
    expect(await main(['validate', out])).toBe(problems(rel).length ? 1 : 0)
    expect(err).toEqual(problems(rel))
    // One installment file on its own is checked the same way (but for what only the manifest says).
    err.length = 0
    const own = problems(rel).filter((p) => !p.includes('manifest'))
    expect(await main(['validate', path.join(out, rel)])).toBe(own.length ? 1 : 0)
    expect(err).toEqual(own.map((p) => p.replace(rel, path.basename(rel))))
    expect(readdirSync(path.join(out, 'installments'))).toHaveLength(1)
  })

  test("the series' English About text is checked too", async () => {
    write({ 'series.en.md': '## About\n\nAn introduction.\n' })
    const out = path.join(session.dir, 'out')
    expect(await main(['build', src(), out])).toBe(0)
    const manifestFile = path.join(out, 'manifest.json')
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
    manifest.series.en.intro.pop()
    writeFileSync(manifestFile, JSON.stringify(manifest))
    err.length = 0
    expect(await main(['validate', out])).toBe(1)
    expect(err).toEqual(['manifest.json: series.en.intro has 1 block; series.intro has 2'])
  })
})

describe('what the app calls', () => {
  const body: Block[] = [
    { type: 'heading', level: 2, text: '标题' },
    { type: 'question', text: '问' },
    { type: 'answer', text: '答' },
  ]
  const installment = (enBody?: Block[]): Installment => ({
    schemaVersion: 1,
    id: 'one',
    number: 1,
    title: '标题',
    interviewee: { name: '某人', role: '工程师', group: 'engineer' },
    publishedAt: '2026-01-05',
    summary: '摘要',
    tags: [],
    readingMinutes: 1,
    body,
    en: { title: 'Title', ...(enBody ? { body: enBody } : {}) },
  })

  test.each<[string, Block[], string[]]>([
    [
      'aligned',
      [
        { type: 'heading', level: 2, text: 'Title' },
        { type: 'question', text: 'Q' },
        { type: 'answer', text: 'A' },
      ],
      [],
    ],
    [
      'a block short',
      [
        { type: 'heading', level: 2, text: 'Title' },
        { type: 'question', text: 'Q' },
      ],
      ['en.body has 2 blocks; body has 3'],
    ],
    [
      'a heading of another level and an answer for a question',
      [
        { type: 'heading', level: 3, text: 'Title' },
        { type: 'answer', text: 'Q' },
        { type: 'answer', text: 'A' },
      ],
      [
        'en.body[0] is a level-3 heading; body[0] is a level-2 heading',
        'en.body[1] is an answer; body[1] is a question',
      ],
    ],
  ])('alignmentProblems: %s', (_what, enBody, problems) => {
    const given = installment(enBody)
    expect(alignmentProblems(body, enBody)).toEqual(problems)
    expect(translationProblems(given)).toEqual(problems)
    // The schema alone accepts it: the app keeps the installment, and drops only a misaligned body.
    expect(validateInstallment(given).kind).toBe('ok')
    const shown = withAlignedEn(given)
    if (problems.length) expect(shown).toEqual({ ...given, en: { title: 'Title' } })
    else expect(shown).toBe(given)
  })

  test('withAlignedEn leaves an installment with no English body as it is', () => {
    const plain = installment()
    expect(withAlignedEn(plain)).toBe(plain)
  })
})

describe('content/README.md, “Adding an English translation”', () => {
  const readme = readFileSync(path.join(ROOT, 'content/README.md'), 'utf8')
  const fenced = (text: string) => [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => m[2])
  const example = /```markdown\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
  const [enBlock, englishExample, messages, moreMessages] = fenced(
    readme.slice(readme.indexOf('## Adding an English translation')),
  )
  const chineseExample = example.replace('sample: true\n---', `sample: true\n${enBlock}---`)
  const NAME = '013-lab-night'

  /** The problems of a folder with only `files` (and the series and the example's picture). */
  async function problemsOf(files: Record<string, string>): Promise<string[]> {
    rmSync(src(), { recursive: true, force: true })
    writeFolder({ 'series.md': SERIES, 'media/lab-night.png': PICTURE, ...files })
    const result = await buildContent(src())
    return result.kind === 'error' ? result.problems : []
  }

  test('the example and its English build, block for block', async () => {
    expect(await problemsOf({ [`${NAME}.md`]: chineseExample, [`${NAME}.en.md`]: englishExample })).toEqual(
      [],
    )
    const output = await built()
    const [entry] = output.manifest.installments
    expect(entry.en).toMatchObject({
      title: 'A long night in the lab',
      tags: ['permanent magnets', 'laboratory'],
    })
    expect(entry.en?.body).toBe(true)
  })

  test('the messages it shows are what the CLI says', async () => {
    const outOfLine = englishExample
      .replace('Q: Do you remember', 'Do you remember')
      .replace('(media/lab-night.png)', '(media/lab.png)')
      .replace('> Materials do not lie; they only speak slowly.\n> — Lin Yuanzhou\n\n', '')
      .replace('### To young people', '## To young people')
      .replace('\n\nA: Work with your hands, and be exacting.', '')
    expect(await problemsOf({ [`${NAME}.md`]: chineseExample, [`${NAME}.en.md`]: outOfLine })).toEqual(
      messages.trim().split('\n'),
    )
    const others = [
      ...(await problemsOf({
        [`${NAME}.md`]: chineseExample.replace('[permanent magnets, laboratory]', '[permanent magnets]'),
        [`${NAME}.en.md`]: `${englishExample}\nAnd one more paragraph.\n`,
        'lab-night.en.md': englishExample,
      })),
      ...(await problemsOf({
        [`${NAME}.md`]: chineseExample.replace('  title: A long night in the lab\n', ''),
        [`${NAME}.en.md`]: englishExample,
      })),
    ]
    expect(others).toEqual(moreMessages.trim().split('\n'))
  })
})
