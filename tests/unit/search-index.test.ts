/**
 * The full-text search file the builder writes beside the bodies: each block's text at its body
 * index, build-time pinyin of titles, people and tags, content-addressed and named by the manifest.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { buildContent, publishInstallments, writeOutput, type BuildOutput } from '../../scripts/content/build'
import { sha256Of } from '../../scripts/content/hash'
import * as searchIndex from '../../scripts/content/search-index'
import {
  blockText,
  pinyinFor,
  pinyinOf,
  searchIndexOf,
  searchPartsOf,
  searchSizeOf,
} from '../../scripts/content/search-index'
import { generateSeries } from '../fixtures/generate'
import { BILINGUAL_INSTALLMENTS, withEnglish } from './support/search-series'
import type { Block, Installment, Series } from '@/content/schema'
import { bundledSearchIndex } from '@/content/search/bundled'
import { buildSearchEngine } from '@/content/search/build'
import { validateSearchIndex, type SearchIndex } from '@/content/search/file'
import { validateManifest } from '@/content/validate'

const ROOT = path.resolve(__dirname, '../..')
const SERIES: Series = { title: '系列', tagline: '一句话', intro: [{ type: 'paragraph', text: '介绍。' }] }
type PublishedManifest = {
  contentVersion: string
  installments: unknown[]
  search: { path: string; sha256: string }
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lre-search-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('blockText', () => {
  test.each<[string, Block, string]>([
    ['a paragraph of plain text', { type: 'paragraph', text: '一段话' }, '一段话'],
    [
      'a paragraph of runs',
      {
        type: 'paragraph',
        text: [{ text: '加粗', bold: true }, { text: '和' }, { text: '斜体', italic: true }],
      },
      '加粗和斜体',
    ],
    ['a heading', { type: 'heading', level: 2, text: '小标题' }, '小标题'],
    ['a question', { type: 'question', text: '问题是什么？' }, '问题是什么？'],
    ['an answer of runs', { type: 'answer', text: [{ text: '回答', bold: true }, { text: '。' }] }, '回答。'],
    ['a quote with a cite', { type: 'quote', text: '引文', cite: '出处' }, '引文 — 出处'],
    ['a quote without one', { type: 'quote', text: [{ text: '引', italic: true }, { text: '文' }] }, '引文'],
    [
      'an image with a caption',
      { type: 'image', src: 'media/0123456789abcdef.png', width: 1, height: 1, caption: '图注' },
      '图注',
    ],
    [
      'an image without one',
      { type: 'image', src: 'https://cdn.example.com/a.png', width: 1, height: 1 },
      '',
    ],
    ['a divider', { type: 'divider' }, ''],
  ])('%s', (_what, block, text) => {
    expect(blockText(block)).toBe(text)
  })
})

describe('pinyin', () => {
  test.each<[string, string, string, boolean]>([
    [
      'a title, with Latin letters and punctuation',
      '萃取槽里的NdFeB磁体，单田芳',
      'cui qu cao li de ndfeb ci ti dan tian fang',
      false,
    ],
    [
      'a title with a polyphone in a word',
      '把每一克重稀土都用在刀刃上',
      'ba mei yi ke zhong xi tu dou yong zai dao ren shang',
      false,
    ],
    ['a name whose surname is a polyphone', '单田芳', 'shan tian fang', true],
    ['another surname polyphone', '曾国藩', 'zeng guo fan', true],
    ['a given name read as words, not as a surname', '王重阳', 'wang chong yang', true],
    ['a compound surname', '尉迟恭', 'yu chi gong', true],
    ['a made-up name: the brackets go', '林样例（虚构）', 'lin yang li xu gou', true],
    ['ü as v', '绿色女儿', 'lv se nv er', false],
    ['a tag with Latin letters and digits', 'NdFeB 永磁体 N52', 'ndfeb yong ci ti n52', false],
    ['a tag with full-width letters and digits', 'ＮｄＦｅＢ永磁１号', 'ndfeb yong ci 1 hao', false],
    ['symbols inside a Latin word', 'Co-Sm合金 — R&D', 'cosm he jin rd', false],
    ['nothing to read', '——！', '', false],
  ])('%s: %s → "%s"', (_what, text, expected, name) => {
    expect(pinyinOf(text, name)).toBe(expected)
  })

  test('an installment: title, interviewee name and one string per tag', () => {
    const [one] = generateSeries(1, 300)
    const installment: Installment = {
      ...one,
      title: '电解槽旁的三十年',
      interviewee: { ...one.interviewee, name: '单明远' },
      tags: ['电解', 'ＣｅＯ２抛光粉', 'La-Ce'],
    }
    const [entry] = searchIndexOf([{ installment, sha256: 'a'.repeat(64) }]).installments
    expect(entry.pinyin).toEqual({
      title: 'dian jie cao pang de san shi nian',
      name: 'shan ming yuan',
      tags: ['dian jie', 'ceo2 pao guang fen', 'lace'],
    })
  })
})

const SERIES_MD = '---\ntitle: 系列\ntagline: 一句话\n---\n\n介绍。\n'
const source = (n: number, body: string) =>
  `---\nid: one-${n}\nnumber: ${n}\ntitle: 第${n}期的标题\ninterviewee:\n  name: 单某（虚构）\n  role: 工程师\n  group: engineer\npublishedAt: 2026-01-05\nsummary: 摘要\ntags: [磁体, NdFeB]\n---\n\n${body}\n`
const BODY = '## 小标题\n\n问：**问**题？\n\n答：回*答*。\n\n> 引文。\n> — 某人\n\n---\n\n最后一段。'

async function built(files: Record<string, string>): Promise<BuildOutput> {
  writeFileSync(path.join(dir, 'series.md'), SERIES_MD)
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  const result = await buildContent(dir)
  if (result.kind !== 'ok') throw new Error(result.problems.join('\n'))
  return result.output
}

function searchOf(output: BuildOutput): { path: string; bytes: Buffer; index: SearchIndex } {
  const ref = output.manifest.search
  const bytes = ref && output.files.get(ref.path)
  if (!ref || !bytes) throw new Error('the build wrote no search file')
  return { path: ref.path, bytes, index: JSON.parse(bytes.toString()) as SearchIndex }
}

describe('the search file of a built folder', () => {
  test('lists every installment in series order, with its body sha256 and one text per body block', async () => {
    const output = await built({
      'b.md': source(2, '答：第二期。'),
      'a.md': source(1, BODY),
      'c.md': source(3, BODY),
    })
    const { index } = searchOf(output)
    expect(validateSearchIndex(index).kind).toBe('ok')
    expect(index.installments.map((e) => [e.id, e.sha256])).toEqual(
      output.manifest.installments.map((e) => [e.id, e.sha256]),
    )
    for (const entry of output.manifest.installments) {
      const body = (JSON.parse(output.files.get(entry.path)!.toString()) as Installment).body
      const listed = index.installments.find((e) => e.id === entry.id)
      expect(listed?.blocks).toEqual(body.map(blockText))
    }
    expect(index.installments[0].blocks).toEqual([
      '小标题',
      '问题？',
      '回答。',
      '引文。 — 某人',
      '',
      '最后一段。',
    ])
    expect(index.installments[0].pinyin).toEqual({
      title: 'di 1 qi de biao ti',
      name: 'shan mou xu gou',
      tags: ['ci ti', 'ndfeb'],
    })
  })

  test('the manifest names it with a matching sha256, and the file is at that path', async () => {
    const output = await built({ 'a.md': source(1, BODY) })
    await writeOutput(path.join(dir, 'out'), output.files)
    const manifest = JSON.parse(readFileSync(path.join(dir, 'out', 'manifest.json'), 'utf8')) as {
      search: { path: string; sha256: string }
    }
    expect(Object.keys(manifest)).toEqual([
      'schemaVersion',
      'contentVersion',
      'series',
      'installments',
      'search',
    ])
    expect(manifest.search.path).toBe(`search/index.${manifest.search.sha256.slice(0, 12)}.json`)
    const file = path.join(dir, 'out', manifest.search.path)
    expect(existsSync(file)).toBe(true)
    expect(sha256Of(readFileSync(file))).toBe(manifest.search.sha256)
    expect(readFileSync(file).toString()).toBe(JSON.stringify(searchOf(output).index))
  })

  test('the same sources give the same bytes; a changed body renames it and changes the content version', async () => {
    const first = await built({ 'a.md': source(1, BODY), 'b.md': source(2, '答：第二期。') })
    const again = await built({ 'a.md': source(1, BODY), 'b.md': source(2, '答：第二期。') })
    expect(searchOf(again).bytes.equals(searchOf(first).bytes)).toBe(true)
    expect(again.manifest).toEqual(first.manifest)
    const changed = await built({ 'b.md': source(2, '答：第二期，改过了。') })
    expect(searchOf(changed).path).not.toBe(searchOf(first).path)
    expect(changed.manifest.contentVersion).not.toBe(first.manifest.contentVersion)
  })

  test('the content version follows the search file too, not only the bodies', () => {
    const [one] = generateSeries(1, 300)
    const before = publishInstallments(SERIES, [one]).manifest as PublishedManifest
    // Other pinyin for the same bodies (as another pinyin-pro release might give): only the search
    // file's bytes differ, and readers holding the old content version must still see a new one.
    const real = searchIndex.searchIndexOf
    jest.spyOn(searchIndex, 'searchIndexOf').mockImplementation((installments) => {
      const index = real(installments)
      return {
        ...index,
        installments: index.installments.map((e) => ({ ...e, pinyin: { ...e.pinyin, title: 'x' } })),
      }
    })
    const after = publishInstallments(SERIES, [one]).manifest as PublishedManifest
    jest.restoreAllMocks()
    expect(after.installments).toEqual(before.installments)
    expect(after.search.sha256).not.toBe(before.search.sha256)
    expect(after.contentVersion).not.toBe(before.contentVersion)
  })
})

describe('English body blocks', () => {
  const [withBody, metadataOnly, noEnglish] = [
    BILINGUAL_INSTALLMENTS[0],
    BILINGUAL_INSTALLMENTS[1],
    BILINGUAL_INSTALLMENTS[5],
  ]
  const misaligned: Installment = {
    ...withBody,
    id: 'misaligned',
    en: { ...withBody.en, body: withBody.en?.body?.slice(0, 2) },
  }
  const entryOf = (installment: Installment) =>
    searchIndexOf([{ installment, sha256: 'a'.repeat(64) }]).installments[0]

  test.each<[string, Installment, string[] | undefined]>([
    [
      'an English body: one text per block of en.body, at its index',
      withBody,
      [
        'The people and organisations here are fictional.',
        'Cerium oxide is the main part of polishing powder.',
        '',
        'Separating rare earth takes many stages, and rare earth is patient work.',
      ],
    ],
    ['English metadata, no English body: none', metadataOnly, undefined],
    ['no English: none', noEnglish, undefined],
    ['an English body that does not line up with the Chinese: left out', misaligned, undefined],
  ])('%s', (_what, installment, enBlocks) => {
    const entry = entryOf(installment)
    expect(entry.enBlocks).toEqual(enBlocks)
    if (enBlocks) {
      expect(entry.enBlocks).toEqual(installment.en?.body?.map(blockText))
      expect(entry.enBlocks).toHaveLength(entry.blocks.length)
    }
    // Without English the entry is written as before: no key, not even an undefined one.
    expect(Object.keys(JSON.parse(JSON.stringify(entry)))).toEqual([
      'id',
      'sha256',
      'pinyin',
      'blocks',
      ...(enBlocks ? ['enBlocks'] : []),
    ])
    // No pinyin for English: the pinyin is the Chinese fields', as without English.
    expect(entry.pinyin).toEqual(pinyinFor({ ...installment, en: undefined }))
    expect(validateSearchIndex({ schemaVersion: 1, installments: [entry] }).kind).toBe('ok')
  })

  const generated = generateSeries(12, 3000).map((i, k) => (k % 2 ? withEnglish(i, k) : i))
  const { manifest, files } = publishInstallments(SERIES, generated)
  const valid = validateManifest(manifest)
  if (valid.kind !== 'ok' || !valid.value.search?.parts)
    throw new Error('the generated series does not publish')
  const search = valid.value.search
  const whole = files.get(search.path)?.toString() ?? ''
  const index = JSON.parse(whole) as SearchIndex

  test('the published file has them for the installments with an English body, aligned with it', () => {
    expect(index.installments.map((e) => e.enBlocks?.length ?? 0)).toEqual(
      generated.map((i) => i.en?.body?.length ?? 0),
    )
    for (const [k, entry] of index.installments.entries())
      expect(entry.enBlocks).toEqual(generated[k].en?.body?.map(blockText))
  })

  test.each([[1024], [16 * 1024], [Infinity]])(
    'search parts of at most %s bytes keep them: together they list what the whole file lists',
    async (max) => {
      const parts = searchPartsOf(index, max).map((bytes) => JSON.parse(bytes.toString()) as SearchIndex)
      if (max < whole.length) expect(parts.length).toBeGreaterThan(1)
      for (const part of parts) expect(validateSearchIndex(part).kind).toBe('ok')
      expect(parts.flatMap((part) => part.installments)).toEqual(index.installments)
      const built = await buildSearchEngine(valid.value.installments, parts, { pause: async () => undefined })
      if (built.kind !== 'ok') throw new Error(built.problems.join('\n'))
      const english = generated[1].en?.body?.map(blockText).find(Boolean) ?? 'missing'
      const hit = built.engine
        .search(english)
        .first(20)
        .find((h) => h.entry.id === generated[1].id)
      expect(hit?.snippetLang).toBe('en')
    },
  )

  test('the parts the builder publishes keep them too', () => {
    const parts =
      search.parts?.map((p) => JSON.parse(files.get(p.path)?.toString() ?? '') as SearchIndex) ?? []
    expect(parts.flatMap((part) => part.installments)).toEqual(index.installments)
  })

  test('the app rebuilds the same file, byte for byte, from the bodies it bundles', () => {
    const bodies = new Map(
      valid.value.installments.map((e) => [e.id, JSON.parse(files.get(e.path)?.toString() ?? '') as unknown]),
    )
    const pinyin = Object.fromEntries(generated.map((i) => [i.id, pinyinFor(i)]))
    const rebuilt = JSON.stringify(bundledSearchIndex(valid.value, (id) => bodies.get(id), pinyin))
    expect(rebuilt).toBe(whole)
    expect(rebuilt).toContain('"enBlocks"')
  })

  test('its size counts the English text it indexes', () => {
    const text = (blocks: Block[]) => Buffer.byteLength(blocks.map(blockText).join('\n'))
    const size = searchSizeOf(Buffer.from(whole))
    expect(size.textBytes).toBe(
      generated.reduce((sum, i) => sum + text(i.body) + (i.en?.body ? text(i.en.body) : 0), 0),
    )
  })
})

describe('validation', () => {
  const ref = (sha256: string, hex = sha256.slice(0, 12)) => ({ path: `search/index.${hex}.json`, sha256 })
  const manifestWith = (search: unknown) => ({
    schemaVersion: 1,
    contentVersion: 'v1',
    series: { title: '系列', tagline: '一句话', intro: [{ type: 'paragraph', text: '介绍。' }] },
    installments: [],
    search,
  })
  const sha = sha256Of('search')

  test.each<[string, unknown, string[] | null]>([
    ['a search file named by its hash', ref(sha), null],
    ['no search file (built before full-text search)', undefined, null],
    [
      'a search path naming another hash',
      ref(sha, 'abcdef012345'),
      ['search.path: names a hash other than its sha256'],
    ],
    [
      'a search path of another shape',
      { path: 'search/index.json', sha256: sha },
      ['search.path: must be search/index.<12 hex>.json'],
    ],
  ])('validateManifest: %s', (_what, search, problems) => {
    const result = validateManifest(manifestWith(search))
    expect(result.kind === 'ok' ? null : result.problems).toEqual(problems)
  })

  const entry = {
    id: 'one',
    sha256: sha,
    pinyin: { title: 'biao ti', name: 'shan tian fang', tags: ['ci ti'] },
    blocks: ['一段话', ''],
  }
  const whole = JSON.stringify({ schemaVersion: 1, installments: [entry] })

  test.each<[string, () => unknown, string[] | null]>([
    ['a whole search file', () => JSON.parse(whole), null],
    [
      'English body blocks, one per block',
      () => ({ schemaVersion: 1, installments: [{ ...entry, enBlocks: ['A paragraph', ''] }] }),
      null,
    ],
    [
      'English body blocks that do not line up',
      () => ({ schemaVersion: 1, installments: [entry, { ...entry, id: 'two', enBlocks: ['A paragraph'] }] }),
      ['installments[1].enBlocks: must have one text per block, as blocks has'],
    ],
    [
      'English body blocks that are not text',
      () => ({ schemaVersion: 1, installments: [{ ...entry, enBlocks: ['A paragraph', null] }] }),
      ['installments[0].enBlocks[1]: Expected string, received null'],
    ],
    [
      'the same installment twice',
      () => ({ schemaVersion: 1, installments: [entry, entry] }),
      ['installments: duplicate id "one"'],
    ],
    ['a file cut short and read as far as it goes', () => ({ schemaVersion: 1 }), ['installments: Required']],
    [
      'an entry cut off after its hash',
      () => ({ schemaVersion: 1, installments: [entry, { id: 'two', sha256: sha }] }),
      ['installments[1].pinyin: Required', 'installments[1].blocks: Required'],
    ],
    ['not an object at all', () => 'search', ['(root): Expected object, received string']],
    [
      'garbled entries',
      () => ({
        schemaVersion: 2,
        installments: [{ ...entry, sha256: 'xyz', blocks: ['一', 2], pinyin: { title: 'a', name: 'b' } }],
      }),
      [
        'schemaVersion: Invalid literal value, expected 1',
        'installments[0].sha256: must be 64 lowercase hex digits',
        'installments[0].pinyin.tags: Required',
        'installments[0].blocks[1]: Expected string, received number',
      ],
    ],
  ])('validateSearchIndex: %s', (_what, data, problems) => {
    const result = validateSearchIndex(data())
    expect(result.kind === 'ok' ? null : result.problems).toEqual(problems)
  })
})

describe('size', () => {
  test('100 installments × 6,000 characters: the search file is at most 1.5 × the bodies’ plain text', () => {
    const installments = generateSeries(100, 6000)
    const { manifest, files } = publishInstallments(SERIES, installments)
    const valid = validateManifest(manifest)
    if (valid.kind !== 'ok' || !valid.value.search) throw new Error('no valid manifest with a search file')
    const file = files.get(valid.value.search.path)
    if (!file) throw new Error('no search file')
    const size = searchSizeOf(file)
    const textBytes = installments.reduce(
      (sum, i) => sum + Buffer.byteLength(i.body.map(blockText).join('\n')),
      0,
    )
    console.log(
      `search file for 100 × 6000: ${size.bytes} bytes, ${size.gzipBytes} gzip, ` +
        `text ${size.textBytes} bytes, ratio ${size.ratio.toFixed(3)}`,
    )
    expect(size.textBytes).toBe(textBytes)
    expect(size.bytes).toBe(file.length)
    expect(size.ratio).toBe(file.length / textBytes)
    expect(size.bytes).toBeLessThanOrEqual(1.5 * textBytes)
    expect(size.gzipBytes).toBeLessThan(size.bytes)
  })
})

describe('pinyin-pro stays in the CLI', () => {
  const sources = (folder: string): string[] =>
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.[cm]?[jt]sx?$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name))

  test('nothing under src/ imports it, so it never ships to phones', () => {
    const importing = /(?:from|import\(|require\()\s*['"]pinyin-pro/
    const hits = sources(path.join(ROOT, 'src')).filter((file) => importing.test(readFileSync(file, 'utf8')))
    expect(hits.map((file) => path.relative(ROOT, file))).toEqual([])
    expect(importing.test(readFileSync(path.join(ROOT, 'scripts/content/search-index.ts'), 'utf8'))).toBe(
      true,
    )
  })
})
