/**
 * What rides in the package: only small pictures (each variant file at most 30 KB, at most 150 KB in
 * all); everything else needs a host (series.md's media address, or TARO_APP_CONTENT_URL at bundle
 * time), or the bundle fails naming each picture at file:line and writes nothing.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import {
  bundle,
  bundleMediaSource,
  MAX_PACKAGED_FILE,
  MAX_PACKAGED_TOTAL,
  packMedia,
  type BundleOptions,
} from '../../scripts/bundle-content'
import type { MediaUse } from '../../scripts/content/build'
import { main } from '../../scripts/content/cli'
import type { VariantKind } from '../../scripts/content/pictures'
import { drawing, noise, photo } from './support/pictures'

jest.setTimeout(60_000)

const ROOT = path.resolve(__dirname, '../..')
const KB = 1024
const SERIES = (extra = '') => `---\ntitle: 系列\ntagline: 一句话\n${extra}---\n\n介绍。\n`
const installment = (number: number, cover: string | null, body: string) =>
  `---\nid: n${number}\nnumber: ${number}\ntitle: 标题\ninterviewee:\n  name: 某人\n  role: 工程师\n  group: engineer\npublishedAt: 2026-01-05\nsummary: 摘要\ntags: []\n${cover ? `cover: ${cover}\n` : ''}---\n\n${body}\n`

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lre-bundle-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const src = () => path.join(dir, 'src')

function write(files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(src(), name)), { recursive: true })
    writeFileSync(path.join(src(), name), content)
  }
}

const use = (file: string, variant: VariantKind, kb: number, where = 'a.md:1'): MediaUse => ({
  path: `media/${file}.jpg`,
  variant,
  where,
  picture: `media/${file}-original.jpg`,
  bytes: kb * KB,
})

describe('packMedia: which variants ride in the package', () => {
  test.each<[string, MediaUse[], { packaged: string[]; hosted: Array<[string, 'file' | 'total' | 'host']> }]>(
    [
      ['nothing', [], { packaged: [], hosted: [] }],
      [
        'small files ride, sorted by name',
        [use('bb', 'reader', 10), use('aa', 'share', 30)],
        { packaged: ['media/aa.jpg', 'media/bb.jpg'], hosted: [] },
      ],
      [
        'thumbnails and full-screen variants never ride: only the reader shows packaged pictures',
        [use('t', 'thumb', 5), use('l', 'large', 5), use('r', 'reader', 5)],
        {
          packaged: ['media/r.jpg'],
          hosted: [
            ['media/t.jpg', 'host'],
            ['media/l.jpg', 'host'],
          ],
        },
      ],
      [
        'a file over 30 KB stays on the host',
        [use('aa', 'reader', 29), use('bb', 'reader', 30.5)],
        { packaged: ['media/aa.jpg'], hosted: [['media/bb.jpg', 'file']] },
      ],
      [
        'past 150 KB in all, the rest stays on the host',
        [1, 2, 3, 4, 5, 6].map((n) => use(`p${n}`, 'reader', 29)),
        {
          packaged: ['media/p1.jpg', 'media/p2.jpg', 'media/p3.jpg', 'media/p4.jpg', 'media/p5.jpg'],
          hosted: [['media/p6.jpg', 'total']],
        },
      ],
      [
        'reader variants ride before share pictures, whatever their order',
        [use('share', 'share', 29), ...[1, 2, 3, 4, 5].map((n) => use(`r${n}`, 'reader', 29))],
        {
          packaged: ['media/r1.jpg', 'media/r2.jpg', 'media/r3.jpg', 'media/r4.jpg', 'media/r5.jpg'],
          hosted: [['media/share.jpg', 'total']],
        },
      ],
      [
        'a file named twice counts once',
        [
          use('aa', 'reader', 29),
          use('aa', 'reader', 29, 'b.md:9'),
          ...[1, 2, 3, 4].map((n) => use(`r${n}`, 'reader', 29)),
        ],
        {
          packaged: ['media/aa.jpg', 'media/r1.jpg', 'media/r2.jpg', 'media/r3.jpg', 'media/r4.jpg'],
          hosted: [],
        },
      ],
    ],
  )('%s', (_what, uses, expected) => {
    const { packaged, hosted } = packMedia(uses)
    expect({ packaged, hosted: hosted.map((h) => [h.path, h.why]) }).toEqual(expected)
  })

  test('the limits are 30 KB a file and 150 KB in all', () => {
    expect([MAX_PACKAGED_FILE, MAX_PACKAGED_TOTAL]).toEqual([30 * KB, 150 * KB])
  })
})

/** Seven different small diagrams of about 22 KB each: every one fits, all of them do not. */
async function smallDiagrams(count: number): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {}
  for (let i = 1; i <= count; i++)
    files[`media/d${i}.png`] = await noise(220, 220, { seed: i, blur: 0, format: 'png', levels: 2 })
  return files
}

const diagramBody = (count: number) =>
  Array.from({ length: count }, (_, i) => `![图 ${i + 1}](media/d${i + 1}.png)`).join('\n\n')

const FIX =
  "publish the column's media and set media: https://… in series.md, or build with TARO_APP_CONTENT_URL"

type Expected =
  { kind: 'ok'; packaged: number; hosted: number } | { kind: 'error'; problems: Array<string | RegExp> }

describe('bundle: pictures ride in the package or need a host', () => {
  test.each<[string, () => Promise<Record<string, string | Buffer>>, BundleOptions, Expected]>([
    [
      'a column with no pictures at all',
      async () => ({ 'series.md': SERIES(), 'a.md': installment(1, null, '答：只有文字。') }),
      {},
      { kind: 'ok', packaged: 0, hosted: 0 },
    ],
    [
      'a small diagram, as cover and in the body: what the reader shows rides, the thumbnail waits for a host',
      async () => ({
        'series.md': SERIES(),
        'a.md': installment(1, 'media/d.png', '![图](media/d.png)'),
        'media/d.png': await drawing(640, 360),
      }),
      {},
      { kind: 'ok', packaged: 2, hosted: 1 },
    ],
    [
      'a photo with no host',
      async () => ({
        'series.md': SERIES(),
        'a.md': installment(1, null, '答：一张照片。\n\n![照片](media/p.jpg)'),
        'media/p.jpg': await photo(1600, 1200, 2),
      }),
      {},
      {
        kind: 'error',
        problems: [
          new RegExp(
            `^a\\.md:16: media/p\\.jpg \\(reader media/[a-f0-9]{16}\\.jpg, \\d+ KB\\) is too large to ride in the package \\(over 30 KB a file\\); ${escape(FIX)}$`,
          ),
        ],
      },
    ],
    [
      'a photo cover with no host: named at its front-matter line',
      async () => ({
        'series.md': SERIES(),
        'a.md': installment(1, 'media/p.jpg', '答：一张照片。'),
        'media/p.jpg': await photo(1000, 750, 3),
      }),
      {},
      {
        kind: 'error',
        problems: [
          new RegExp(
            `^a\\.md:12: media/p\\.jpg \\(reader media/[a-f0-9]{16}\\.jpg, \\d+ KB;.* share media/[a-f0-9]{16}\\.jpg, \\d+ KB\\) is too large`,
          ),
        ],
      },
    ],
    [
      'a photo, with the media address in series.md',
      async () => ({
        'series.md': SERIES('media: https://cdn.example.com/lre\n'),
        'a.md': installment(1, null, '![照片](media/p.jpg)'),
        'media/p.jpg': await photo(1600, 1200, 2),
      }),
      {},
      { kind: 'ok', packaged: 0, hosted: 2 },
    ],
    [
      'a photo, with TARO_APP_CONTENT_URL at bundle time',
      async () => ({
        'series.md': SERIES(),
        'a.md': installment(1, null, '![照片](media/p.jpg)'),
        'media/p.jpg': await photo(1600, 1200, 2),
      }),
      { contentUrl: 'https://content.example.com/lre' },
      { kind: 'ok', packaged: 0, hosted: 2 },
    ],
    [
      'six small diagrams fit in 150 KB',
      async () => ({
        'series.md': SERIES(),
        'a.md': installment(1, null, diagramBody(6)),
        ...(await smallDiagrams(6)),
      }),
      {},
      { kind: 'ok', packaged: 6, hosted: 0 },
    ],
    [
      'seven small diagrams are over 150 KB: the last is named',
      async () => ({
        'series.md': SERIES(),
        'a.md': installment(1, null, diagramBody(7)),
        ...(await smallDiagrams(7)),
      }),
      {},
      {
        kind: 'error',
        problems: [
          new RegExp(
            `^a\\.md:26: media/d7\\.png \\(reader media/[a-f0-9]{16}\\.png, 2\\d KB\\) does not fit in the package's 150 KB for pictures; ${escape(FIX)}$`,
          ),
        ],
      },
    ],
    [
      'seven small diagrams, with a host: six ride, one is hosted',
      async () => ({
        'series.md': SERIES('media: https://cdn.example.com/lre\n'),
        'a.md': installment(1, null, diagramBody(7)),
        ...(await smallDiagrams(7)),
      }),
      {},
      { kind: 'ok', packaged: 6, hosted: 1 },
    ],
  ])('%s', async (_what, files, options, expected) => {
    write(await files())
    const result = await bundle(src(), options)
    if (expected.kind === 'error') {
      expect(result).toEqual(
        expected.problems.map((p) => (typeof p === 'string' ? p : expect.stringMatching(p))),
      )
      return
    }
    if (Array.isArray(result)) throw new Error(result.join('\n'))
    // Every media file the manifest and the bodies name, wherever they name it.
    const documents = [...result].filter(([rel]) => rel.endsWith('.json')).map(([, b]) => b.toString())
    const named = new Set(documents.join('\n').match(/media\/[a-f0-9]{16}\.(?:jpg|png)/g))
    const packaged = [...result.keys()].filter((rel) => rel.startsWith('media/')).sort()
    // Exactly the small ones are in the package, and media.ts lists exactly them.
    expect(packaged).toHaveLength(expected.packaged)
    expect(result.get('media.ts')?.toString()).toBe(bundleMediaSource(packaged))
    // The others are still named by manifest and bodies, as media/<hash>.<ext> on the host.
    expect([...named].filter((rel) => !packaged.includes(rel))).toHaveLength(expected.hosted)
    for (const rel of packaged) expect(result.get(rel)!.length).toBeLessThanOrEqual(MAX_PACKAGED_FILE)
  })
})

describe('bundle: text that cannot all ride', () => {
  // Words that do not repeat, so packing cannot shrink them away: about 5 KB packed each.
  const words = (n: number) =>
    Array.from({ length: 1500 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 7919 + n * 104729) % 20000)),
    ).join('')
  const three = async () => ({
    'series.md': SERIES(),
    'a.md': installment(1, null, `答：${words(1)}`),
    'b.md': installment(2, null, `答：${words(2)}`),
    'c.md': installment(3, null, `答：${words(3)}`),
  })

  test('with no content URL, readers could never open what is left out: refused, naming it', async () => {
    write(await three())
    const result = await bundle(src(), { readerBudget: 14_000 })
    expect(result).toEqual([
      expect.stringMatching(
        /^installments\/: \d older installment\(s\) do not fit .*nos\. 1\b.*TARO_APP_CONTENT_URL/,
      ),
    ])
  })

  test('with one, the oldest are left out, said so, and the rebuilt search file is marked partial', async () => {
    write(await three())
    const lines: string[] = []
    const result = await bundle(
      src(),
      { readerBudget: 14_000, contentUrl: 'https://content.example.com/lre' },
      (line) => lines.push(line),
    )
    if (Array.isArray(result)) throw new Error(result.join('\n'))
    expect(lines.some((line) => /left out of the package \(nos\. .*1\)/.test(line))).toBe(true)
    expect(result.get('bodies.ts')?.toString()).not.toContain(`"n1":`)
    expect(result.get('search.ts')?.toString()).toContain('export const bundledSearchWhole = false')
  })

  test('when all ride, the rebuilt search file is the one the manifest names', async () => {
    write(await three())
    const result = await bundle(src())
    if (Array.isArray(result)) throw new Error(result.join('\n'))
    expect(result.get('search.ts')?.toString()).toContain('export const bundledSearchWhole = true')
  })
})

test('a picture in the series’ introduction needs a host: About, in the main package, shows none from a package', async () => {
  write({
    'series.md': `${SERIES()}\n![示意](media/d.png)\n`,
    'a.md': installment(1, null, '答：只有文字。'),
    'media/d.png': await drawing(640, 360),
  })
  const result = await bundle(src())
  expect(result).toEqual([expect.stringMatching(/^series\.md:\d+: media\/d\.png .*About page/)])
  const hosted = await bundle(src(), { contentUrl: 'https://content.example.com/lre' })
  expect(Array.isArray(hosted)).toBe(false)
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

test('content build publishes every variant, also those content:bundle leaves on the host', async () => {
  write({
    'series.md': SERIES('media: https://cdn.example.com/lre\n'),
    'a.md': installment(1, 'media/p.jpg', '![照片](media/p.jpg)'),
    'media/p.jpg': await photo(1600, 1200, 6),
  })
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined)
  try {
    expect(await main(['build', src(), path.join(dir, 'published')])).toBe(0)
  } finally {
    log.mockRestore()
  }
  const published = readdirSync(path.join(dir, 'published', 'media')).map((name) => `media/${name}`)
  const bundled = await bundle(src())
  if (Array.isArray(bundled)) throw new Error(bundled.join('\n'))
  const packaged = [...bundled.keys()].filter((rel) => rel.startsWith('media/'))
  // reader, large, thumb and share are all published; only what is small enough is packaged.
  expect(published).toHaveLength(4)
  expect(packaged.length).toBeLessThan(published.length)
  expect(packaged.every((rel) => published.includes(rel))).toBe(true)
})

describe('npm run content:bundle, as editors run it', () => {
  const out = () => path.join(dir, 'bundled')
  const run = (env: Record<string, string> = {}) =>
    spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/bundle-content.ts', src(), out()], {
      cwd: ROOT,
      env: { ...process.env, TARO_APP_CONTENT_URL: '', ...env },
      encoding: 'utf8',
    })

  test('a column with no pictures builds: no media folder, and packagedMedia is empty', () => {
    write({ 'series.md': SERIES(), 'a.md': installment(1, null, '答：只有文字。') })
    const result = run()
    expect([result.status, result.stderr]).toEqual([0, ''])
    expect(result.stdout).toMatch(/with 0 picture file\(s\) in the package \(0 KB\)/)
    expect(existsSync(path.join(out(), 'manifest.json'))).toBe(true)
    expect(existsSync(path.join(out(), 'media'))).toBe(false)
    expect(readFileSync(path.join(out(), 'media.ts'), 'utf8')).toContain(
      'export const packagedMedia: readonly string[] = [\n]\n',
    )
  })

  test('a photo with no host: exit 1, each picture named as the editor finds it, and nothing written', async () => {
    write({
      'series.md': SERIES(),
      'a.md': installment(1, null, '![照片](media/p.jpg)'),
      'media/p.jpg': await photo(1600, 1200, 4),
    })
    const result = run()
    expect(result.status).toBe(1)
    const rel = path.relative(ROOT, src())
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        new RegExp(`^${escape(rel)}/a\\.md:14: media/p\\.jpg \\(reader [^;]*\\) is too large`),
      ),
      'content:bundle: 1 problem(s); nothing was written',
    ])
    expect(existsSync(out())).toBe(false)
    // With a host it builds, and the photo's variants stay out of the package.
    const hosted = run({ TARO_APP_CONTENT_URL: 'https://content.example.com/lre' })
    expect(hosted.status).toBe(0)
    expect(readFileSync(path.join(out(), 'media.ts'), 'utf8')).toContain('[\n]\n')
  })
})
