import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { createHash } from 'node:crypto'
import path from 'node:path'

import { buildContent, writeOutput, type BuildOutput } from '../../scripts/content/build'
import { countCjk } from '../../scripts/content/markdown'
import { BUNDLED_DIR, MAX_PACKAGED_FILE, MAX_PACKAGED_TOTAL, bundle } from '../../scripts/bundle-content'
import { validateHead } from '@/content/head'
import type { Installment, ManifestEntry } from '@/content/schema'
import { validateInstallment, validateManifest } from '@/content/validate'
import { packedBodies } from '@/content/bundled/bodies'
import { bundledPinyin } from '@/content/bundled/search'
import { unpackBody } from '@/content/packed'
import { bundledSearchIndex } from '@/content/search/bundled'

const SERIES = '---\ntitle: 系列\ntagline: 一句话\n---\n\n介绍。\n'
const front = (extra = '') =>
  `---\nid: one\nnumber: 1\ntitle: 标题\ninterviewee:\n  name: 某人\n  role: 工程师\n  group: engineer\npublishedAt: 2026-01-05\nsummary: 摘要\ntags: [a]\n${extra}---\n`

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lre-src-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A built body's bytes, found through the manifest (its name carries its hash). */
function bodyBytes(output: BuildOutput, id: string): Buffer {
  const entry = output.manifest.installments.find((e) => e.id === id)
  const bytes = entry && output.files.get(entry.path)
  if (!bytes) throw new Error(`no body for "${id}"`)
  return bytes
}

function write(files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), content)
  }
}

describe('the content builder', () => {
  test.each([
    [
      'raw HTML',
      { 'one.md': `${front()}\n正文\n\n<script>alert(1)</script>\n` },
      ['one.md:16: raw HTML is not allowed: <script>alert(1)</script>'],
    ],
    ['an empty body', { 'one.md': front() }, ['one.md:13: the body is empty']],
    [
      'a missing field',
      { 'one.md': front().replace('summary: 摘要\n', '') + '\n正文\n' },
      ['one.md:1: summary is required'],
    ],
    [
      'a bad group',
      { 'one.md': front().replace('group: engineer', 'group: poet') + '\n正文\n' },
      [expect.stringMatching(/^one\.md:8: interviewee\.group Invalid enum value/)],
    ],
    [
      'a missing image',
      { 'one.md': `${front()}\n![图](media/none.png)\n` },
      ['one.md:14: image "media/none.png" not found'],
    ],
    [
      'an http image',
      { 'one.md': `${front()}\n![图](http://x.example/a.png)\n` },
      ['one.md:14: image "http://x.example/a.png" must be an https URL'],
    ],
    [
      'an image that is no picture',
      { 'one.md': `${front()}\n![图](big.png)\n`, 'big.png': Buffer.alloc(210 * 1024) },
      ['one.md:14: image "big.png" is not a readable image'],
    ],
    [
      'a media address that is not https',
      {
        'series.md': SERIES.replace('tagline', 'media: http://cdn.example.com/lre\ntagline'),
        'one.md': `${front()}\n正文\n`,
      },
      ['series.md:3: media must be an https URL'],
    ],
    [
      'a misspelt media address key',
      {
        'series.md': SERIES.replace('tagline', 'medias: https://cdn.example.com/lre\ntagline'),
        'one.md': `${front()}\n正文\n`,
      },
      ["series.md:3: front matter Unrecognized key(s) in object: 'medias'"],
    ],
    [
      'invalid UTF-8',
      { 'one.md': Buffer.concat([Buffer.from(`${front()}\n正文\n`), Buffer.from([0xff, 0xfe, 0x0a])]) },
      ['one.md:15: invalid UTF-8; save the file as UTF-8'],
    ],
    [
      'a list',
      { 'one.md': `${front()}\n- 一\n- 二\n` },
      ['one.md:14: unsupported block syntax: bullet_list'],
    ],
    [
      'a table',
      { 'one.md': `${front()}\n| a | b |\n| - | - |\n| 1 | 2 |\n` },
      ['one.md:14: unsupported block syntax: table'],
    ],
    [
      'a code block',
      { 'one.md': `${front()}\n    code\n` },
      ['one.md:14: unsupported block syntax: code_block'],
    ],
    [
      'an http link',
      { 'one.md': `${front()}\n见[这里](http://example.com)。\n` },
      ['one.md:14: link "http://example.com" must be an https URL'],
    ],
    [
      'HTML inside a quote',
      { 'one.md': `${front()}\n> 引<i>文</i>\n` },
      ['one.md:14: raw HTML is not allowed: <i>', 'one.md:14: raw HTML is not allowed: </i>'],
    ],
    [
      'a number written as text',
      { 'one.md': front().replace('number: 1', 'number: "1"') + '\n正文\n' },
      [expect.stringMatching(/^one\.md:3: number Expected number, received string/)],
    ],
    [
      'no front matter at all',
      { 'one.md': '正文\n' },
      [
        expect.stringMatching(/^one\.md:1: id /),
        expect.stringMatching(/^one\.md:1: number /),
        expect.stringMatching(/^one\.md:1: title /),
        expect.stringMatching(/^one\.md:1: interviewee /),
        expect.stringMatching(/^one\.md:1: publishedAt /),
        expect.stringMatching(/^one\.md:1: summary /),
      ],
    ],
    [
      'TODOs an importer left, with a body problem in the same file',
      {
        'one.md':
          front()
            .replace('number: 1', 'number: TODO # 期数')
            .replace('role: 工程师', 'role: TODO')
            .replace('group: engineer', 'group: "TODO"') + '\n<b>x</b>\n',
      },
      [
        'one.md:3: number is still TODO; fill it in before building',
        'one.md:7: role is still TODO; fill it in before building',
        'one.md:8: group is still TODO; fill it in before building',
        'one.md:14: raw HTML is not allowed: <b>',
        'one.md:14: raw HTML is not allowed: </b>',
      ],
    ],
    [
      'a misspelt front-matter key (the app would ignore it; the CLI does not)',
      { 'one.md': front('sauce:\n  url: https://mp.weixin.qq.com/s/a\n') + '\n正文\n' },
      ["one.md:12: front matter Unrecognized key(s) in object: 'sauce'"],
    ],
    [
      'an unknown key inside source',
      { 'one.md': front('source:\n  url: https://mp.weixin.qq.com/s/a\n  acount: 北方稀土\n') + '\n正文\n' },
      ["one.md:14: source Unrecognized key(s) in object: 'acount'"],
    ],
    [
      'a source that is not https',
      { 'one.md': front('source:\n  url: http://mp.weixin.qq.com/s/a\n') + '\n正文\n' },
      ['one.md:13: source.url must be an https URL'],
    ],
    [
      'an official account with a made-up username',
      {
        'series.md': SERIES.replace(
          'tagline',
          'officialAccount:\n  name: 北方稀土\n  username: beifang\ntagline',
        ),
        'one.md': `${front()}\n正文\n`,
      },
      ["series.md:5: officialAccount.username must be the account's original ID: gh_ and 12 hex digits"],
    ],
    [
      'a duplicate id and number',
      { 'one.md': `${front()}\n正文\n`, 'two.md': `${front()}\n正文\n` },
      ['two.md:2: duplicate id "one" (also in one.md)', 'two.md:3: duplicate number 1 (also in one.md)'],
    ],
  ])('%s: every problem as file:line, nothing written', async (_what, files, problems) => {
    write({ 'series.md': SERIES, ...files })
    const result = await buildContent(dir)
    expect(result).toEqual({ kind: 'error', problems })
  })

  test('a value that merely starts with TODO is not an unfilled TODO', async () => {
    write({
      'series.md': SERIES,
      'one.md': `${front().replace('title: 标题', 'title: TODO清单里的一年')}\n正文\n`,
    })
    const result = await buildContent(dir)
    expect(result.kind === 'ok' && result.output.manifest.installments[0].title).toBe('TODO清单里的一年')
  })

  test('source and officialAccount reach the manifest and the body', async () => {
    write({
      'series.md': SERIES.replace(
        'tagline',
        'officialAccount:\n  name: 北方稀土\n  username: gh_0123456789ab\ntagline',
      ),
      'one.md': `${front('source:\n  url: https://mp.weixin.qq.com/s/abc\n  account: 北方稀土\n')}\n正文\n`,
    })
    const result = await buildContent(dir)
    if (result.kind !== 'ok') throw new Error(result.problems.join('\n'))
    const source = { url: 'https://mp.weixin.qq.com/s/abc', account: '北方稀土' }
    expect(result.output.manifest.installments[0].source).toEqual(source)
    expect(result.output.manifest.series.officialAccount).toEqual({
      name: '北方稀土',
      username: 'gh_0123456789ab',
    })
    expect(JSON.parse(bodyBytes(result.output, 'one').toString()).source).toEqual(source)
  })

  test('the media address in series.md reaches the manifest', async () => {
    write({
      'series.md': SERIES.replace('tagline', 'media: https://cdn.example.com/lre\ntagline'),
      'one.md': `${front()}\n正文\n`,
    })
    const result = await buildContent(dir)
    expect(result.kind === 'ok' && result.output.manifest.series.media).toBe('https://cdn.example.com/lre')
  })

  test('a folder without series.md says what it is for', async () => {
    write({ 'one.md': `${front()}\n正文\n` })
    expect(await buildContent(dir)).toEqual({
      kind: 'error',
      problems: ['series.md:1: missing; it holds the series title, tagline and introduction'],
    })
  })

  test('a BOM, CRLF line endings, full-width punctuation and emoji are accepted', async () => {
    const source = `\ufeff${front()}\n答：好的！🎉\n`.replace(/\n/g, '\r\n')
    write({ 'series.md': SERIES, 'one.md': source })
    const result = await buildContent(dir)
    expect(result.kind).toBe('ok')
    const body = result.kind === 'ok' ? JSON.parse(bodyBytes(result.output, 'one').toString()) : null
    expect(body.body).toEqual([{ type: 'answer', text: '好的！🎉' }])
  })

  test('round trip: built output validates, hashes match, and two builds are byte-identical', async () => {
    write({ 'series.md': SERIES, 'one.md': `${front('cover: pic.png\n')}\n![图](pic.png)\n\n答：回答\n` })
    writeFileSync(
      path.join(dir, 'pic.png'),
      readFileSync(path.resolve(__dirname, '../../content/media/lanthanide-row.png')),
    )
    const first = await buildContent(dir)
    const second = await buildContent(dir)
    if (first.kind !== 'ok' || second.kind !== 'ok') throw new Error('build failed')
    expect([...first.output.files]).toEqual([...second.output.files])
    const manifest = JSON.parse(first.output.files.get('manifest.json')!.toString())
    expect(validateManifest(manifest).kind).toBe('ok')
    const body = bodyBytes(first.output, 'one')
    expect(validateInstallment(JSON.parse(body.toString())).kind).toBe('ok')
    expect(manifest.installments[0].sha256).toBe(createHash('sha256').update(body).digest('hex'))
    expect(manifest.installments[0].cover).toMatch(/^media\/[a-f0-9]{16}\.png$/)
    expect(first.output.files.has(manifest.installments[0].cover)).toBe(true)
  })

  test('writeOutput replaces the folder whole', async () => {
    const out = path.join(dir, 'out')
    await writeOutput(out, new Map([['a.json', Buffer.from('1')]]))
    await writeOutput(out, new Map([['b.json', Buffer.from('2')]]))
    expect(readdirSync(out)).toEqual(['b.json'])
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-') || n.includes('.old-'))).toEqual([])
  })
})

describe('the bundled content', () => {
  test('is up to date with content/ (run `npm run content:bundle` after editing)', async () => {
    const files = await bundle()
    if (Array.isArray(files)) throw new Error(files.join('\n'))
    const stale = [...files].filter(([rel, bytes]) => {
      const file = path.join(BUNDLED_DIR, rel)
      return !existsSync(file) || !readFileSync(file).equals(bytes)
    })
    expect(stale.map(([rel]) => rel)).toEqual([])
    // …and holds nothing else: no picture or body a rebuild no longer writes.
    const held = (readdirSync(BUNDLED_DIR, { recursive: true }) as string[])
      .map((rel) => rel.split(path.sep).join('/'))
      .filter((rel) => statSync(path.join(BUNDLED_DIR, rel)).isFile())
    expect(held.sort()).toEqual([...files.keys()].sort())
  })

  test('the main package’s first screen is valid, and carries only what a list card shows', () => {
    const head = JSON.parse(readFileSync(path.join(BUNDLED_DIR, 'head.json'), 'utf8'))
    const valid = validateHead(head)
    if (valid.kind !== 'ok') throw new Error(valid.problems.join('\n'))
    const full = new Map(manifest.installments.map((e: ManifestEntry) => [e.id, e]))
    for (const entry of valid.value.manifest.installments) {
      const whole = full.get(entry.id) as ManifestEntry
      const { id, number, title, summary, publishedAt, readingMinutes, sha256, path: file } = whole
      expect(entry).toMatchObject({
        id,
        number,
        title,
        summary,
        publishedAt,
        readingMinutes,
        sha256,
        path: file,
      })
      expect(entry.interviewee).toEqual({
        name: whole.interviewee.name,
        role: whole.interviewee.role,
        group: whole.interviewee.group,
      })
      expect([entry.source, entry.cover, entry.coverImage?.share, entry.tags]).toEqual([
        undefined,
        undefined,
        undefined,
        [],
      ])
      expect(entry.coverImage?.thumb).toBe(whole.coverImage?.thumb)
      // English as the Chinese: what a card shows (its title, summary, person), not its tags or organisation.
      expect([entry.en?.tags, entry.en?.interviewee?.organization]).toEqual([undefined, undefined])
      expect(entry.en?.title).toBe(whole.en?.title)
    }
  })

  test('every picture the reader shows rides in the package, listed in media.ts; thumbnails do not', () => {
    // What the reader shows: body pictures, and the covers (its share card's picture: 5:4, else the cover).
    const shown = [
      ...bodies.flatMap((b) => b.body.flatMap((block) => (block.type === 'image' ? [block.src] : []))),
      ...manifest.installments.flatMap((e: { cover?: string; coverImage?: { share?: string } }) => [
        ...(e.cover ? [e.cover] : []),
        ...(e.coverImage?.share ? [e.coverImage.share] : []),
      ]),
    ]
    const named = [...new Set(shown)].sort()
    expect(named.length).toBeGreaterThan(0)
    const listed = readFileSync(path.join(BUNDLED_DIR, 'media.ts'), 'utf8').match(/"media\/[^"]+"/g)
    expect(listed?.map((quoted) => JSON.parse(quoted) as string)).toEqual(named)
    expect(readdirSync(path.join(BUNDLED_DIR, 'media')).map((name) => `media/${name}`)).toEqual(named)
    const thumbs = manifest.installments.flatMap(
      (e: { coverImage?: { thumb?: string } }) => e.coverImage?.thumb ?? [],
    )
    expect(thumbs.filter((t: string) => named.includes(t))).toEqual([])
    const sizes = named.map((rel) => statSync(path.join(BUNDLED_DIR, rel)).size)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_PACKAGED_FILE)
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_PACKAGED_TOTAL)
  })

  const manifest = JSON.parse(readFileSync(path.join(BUNDLED_DIR, 'manifest.json'), 'utf8'))
  const bodies: Installment[] = manifest.installments.map(
    (e: { path: string }) => JSON.parse(readFileSync(path.join(BUNDLED_DIR, e.path), 'utf8')) as Installment,
  )

  const samples = bodies.filter((b) => b.sample)

  test('the bundled text rides once: bodies packed, the search file rebuilt from them, byte for byte', () => {
    const packed = packedBodies
    const pinyin = bundledPinyin
    // Every body unpacks to exactly the file the manifest hashes.
    for (const e of manifest.installments as Array<{ id: string; path: string }>)
      expect(unpackBody(packed[e.id])).toEqual(
        JSON.parse(readFileSync(path.join(BUNDLED_DIR, e.path), 'utf8')),
      )
    const rebuilt = JSON.stringify(bundledSearchIndex(manifest, (id) => unpackBody(packed[id]), pinyin))
    const built = readFileSync(path.join(BUNDLED_DIR, manifest.search.path))
    expect(createHash('sha256').update(rebuilt).digest('hex')).toBe(manifest.search.sha256)
    expect(Buffer.from(rebuilt).equals(built)).toBe(true)
    // Nothing the app imports names the plain files: they are the editions' record only.
    for (const module of ['index.ts', 'bodies.ts', 'search.ts'])
      expect(readFileSync(path.join(BUNDLED_DIR, module), 'utf8')).not.toMatch(
        /from '\.\/(installments|search)\//,
      )
  })

  test('every sample is marked as one and says in its first line that it is fictional', () => {
    for (const body of samples) {
      expect([body.id, JSON.stringify(body.body[0])]).toEqual([body.id, expect.stringContaining('虚构')])
    }
  })

  test('the academician whose letter opened the column is named correctly, and nothing is put in his mouth', () => {
    const everything = JSON.stringify([manifest, bodies])
    expect(everything).not.toContain('于永富')
    if (everything.includes('永富')) expect(JSON.stringify(manifest.series.intro)).toContain('余永富')
    const cites = bodies.flatMap((b) =>
      b.body.flatMap((block) => (block.type === 'quote' ? [block.cite] : [])),
    )
    expect(cites.filter((c) => c?.includes('余永富'))).toEqual([])
  })

  test('no sample interviewee shares the name of the actor who played Zhou Enlai', () => {
    expect(JSON.stringify(samples)).not.toContain('王铁成')
  })

  // Samples stand in for the real interviews, so they are about as long as one.
  test('every sample has 1,500 to 8,000 Chinese characters', () => {
    const outOfRange = samples.map((b) => [b.id, countCjk(b.body)]).filter(([, n]) => +n < 1500 || +n > 8000)
    expect(outOfRange).toEqual([])
  })
})
