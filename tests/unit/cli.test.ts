/**
 * The editors' CLI, run in-process through its main(): exit codes, output, and that a failed build
 * writes nothing.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

import { main } from '../../scripts/content/cli'
import { cliSession } from './support/cli-session'
import { sha256Of } from '../../scripts/content/hash'
import { serveStatic } from '../../scripts/static-server'
import { fixture, FIXTURE_BUNDLED, fixtureBody } from '../fixtures/built'
import type { SearchIndex } from '@/content/search/file'

const ROOT = path.resolve(__dirname, '../..')
const PNG = readFileSync(path.join(ROOT, 'content/media/lanthanide-row.png'))

const session = cliSession('lre-cli-')
const { out, err } = session

const src = () => path.join(session.dir, 'src')
const dest = () => path.join(session.dir, 'out')

function sources(files: Record<string, string | Buffer>) {
  mkdirSync(src(), { recursive: true })
  writeFileSync(path.join(src(), 'series.md'), '---\ntitle: 系列\ntagline: 一句话\n---\n\n介绍。\n')
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(src(), name)), { recursive: true })
    writeFileSync(path.join(src(), name), content)
  }
}

/** The complete example in content/README.md, as an editor would copy it. */
function readmeExample(): string {
  const readme = readFileSync(path.join(ROOT, 'content/README.md'), 'utf8')
  const match = /```markdown\n([\s\S]*?)```/.exec(readme)
  if (!match) throw new Error('content/README.md has no markdown example')
  return match[1]
}

describe('build', () => {
  test('the README example builds, then validates, and the command is quiet but for one line', async () => {
    sources({ 'example.md': readmeExample(), 'media/lab-night.png': PNG })
    expect(await main(['build', src(), dest()])).toBe(0)
    expect(err).toEqual([])
    expect(out).toEqual([
      expect.stringMatching(
        /^built 1 installment\(s\) into .* \(content version [a-f0-9]{12}\); search file \d+ KB, \d+ KB gzip, \d+\.\d\d × the bodies' text$/,
      ),
    ])
    expect(readdirSync(dest()).sort()).toEqual(['installments', 'manifest.json', 'media', 'search'])
    out.length = 0
    expect(await main(['validate', dest()])).toBe(0)
    expect(out).toEqual([`valid: 1 installment(s) in ${dest()}`])
  })

  test('all problems of all files in one run, and nothing written', async () => {
    sources({
      'a.md':
        '---\nid: a\nnumber: 1\ntitle: 甲\ninterviewee: {name: 某, role: 某, group: worker}\npublishedAt: 2026-01-01\nsummary: 摘要\n---\n\n<script>alert(1)</script>\n',
      'b.md':
        '---\nid: a\nnumber: 2\ntitle: 乙\ninterviewee: {name: 某, role: 某, group: poet}\npublishedAt: 2026-01-01\nsummary: 摘要\n---\n\n- 列表\n',
    })
    expect(await main(['build', src(), dest()])).toBe(1)
    expect(err).toEqual([
      'a.md:10: raw HTML is not allowed: <script>alert(1)</script>',
      'b.md:10: unsupported block syntax: bullet_list',
      expect.stringMatching(/^b\.md:5: interviewee\.group Invalid enum value/),
    ])
    expect(out).toEqual(['3 problem(s); nothing was written'])
    expect(existsSync(dest())).toBe(false)
  })

  test('a failed build leaves the previous output untouched', async () => {
    sources({ 'ok.md': readmeExample(), 'media/lab-night.png': PNG })
    await main(['build', src(), dest()])
    const before = readFileSync(path.join(dest(), 'manifest.json'))
    writeFileSync(path.join(src(), 'bad.md'), '---\nid: bad\n---\n\n正文\n')
    expect(await main(['build', src(), dest()])).toBe(1)
    expect(readFileSync(path.join(dest(), 'manifest.json')).equals(before)).toBe(true)
  })

  test("--json reports the search file: its path, bytes, gzip bytes and ratio to the bodies' text", async () => {
    sources({ 'example.md': readmeExample(), 'media/lab-night.png': PNG })
    expect(await main(['build', src(), dest(), '--json'])).toBe(0)
    const result = JSON.parse(out.join('\n'))
    const manifest = JSON.parse(readFileSync(path.join(dest(), 'manifest.json'), 'utf8'))
    const bytes = readFileSync(path.join(dest(), manifest.search.path))
    expect(result.search).toEqual({
      path: manifest.search.path,
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
      textBytes: expect.any(Number),
      ratio: Math.round((bytes.length / result.search.textBytes) * 100) / 100,
    })
    expect(result.search.textBytes).toBeGreaterThan(0)
  })

  test('--json gives problems as objects', async () => {
    sources({ 'a.md': '---\nid: Bad Id\n---\n\n正文\n' })
    expect(await main(['build', src(), dest(), '--json'])).toBe(1)
    const result = JSON.parse(out.join('\n'))
    expect(result.ok).toBe(false)
    expect(result.problems).toContainEqual({
      file: 'a.md',
      line: 2,
      message: expect.stringContaining('id must be kebab-case'),
    })
  })
})

describe('validate', () => {
  // A built column to damage: the generated fixture (`npm run fixtures`), as the CLI wrote it.
  function built(): string {
    const copy = path.join(session.dir, 'built')
    cpSync(FIXTURE_BUNDLED, copy, { recursive: true })
    rmSync(path.join(copy, 'index.ts'))
    rmSync(path.join(copy, 'bodies.ts'))
    rmSync(path.join(copy, 'search.ts'))
    return copy
  }
  const searchPath = fixture.search?.path ?? 'search/index.(none).json'
  const fixtureSearch = readFileSync(path.join(FIXTURE_BUNDLED, searchPath), 'utf8')
  const partPath = fixture.search?.parts?.[0].path ?? 'search/part.(none).json'
  /** Replaces the one part with `change` of it, named by its hash in the manifest as the CLI would. */
  function republishPart(d: string, change: Change): void {
    const bytes = Buffer.from(JSON.stringify(change(JSON.parse(fixtureSearch) as SearchIndex)))
    const sha256 = sha256Of(bytes)
    const part = { path: `search/part.${sha256.slice(0, 12)}.json`, sha256, bytes: bytes.length }
    const manifestFile = path.join(d, 'manifest.json')
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'))
    rmSync(path.join(d, partPath))
    writeFileSync(path.join(d, part.path), bytes)
    writeFileSync(manifestFile, JSON.stringify({ ...m, search: { ...m.search, parts: [part] } }))
  }
  type Change = (index: SearchIndex) => SearchIndex
  /** The fixture's search file as `change` makes it, under the name its new hash gives it. */
  function changed(change: Change) {
    const bytes = Buffer.from(JSON.stringify(change(JSON.parse(fixtureSearch) as SearchIndex)))
    const sha256 = sha256Of(bytes)
    return { path: `search/index.${sha256.slice(0, 12)}.json`, sha256, bytes }
  }
  /** Publishes a changed search file in `d` properly: hashed, named, and the manifest pointing at it. */
  function republish(d: string, change: Change): void {
    const search = changed(change)
    const manifestFile = path.join(d, 'manifest.json')
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'))
    rmSync(path.join(d, searchPath))
    writeFileSync(path.join(d, search.path), search.bytes)
    writeFileSync(
      manifestFile,
      JSON.stringify({ ...m, search: { path: search.path, sha256: search.sha256 } }),
    )
  }
  const lostFirst: Change = (index) => ({ ...index, installments: index.installments.slice(1) })
  const shuffled: Change = (index) => {
    const [a, b, ...rest] = index.installments
    return { ...index, installments: [b, a, { ...a, id: 'stray' }, ...rest] }
  }
  /** The second installment's entry as an older edition of its body made it: another hash, a block less. */
  const older: Change = (index) => ({
    ...index,
    installments: index.installments.map((e, i) =>
      i === 1 ? { ...e, sha256: sha256Of('older'), blocks: e.blocks.slice(1) } : e,
    ),
  })
  const notOne: Change = () => ({ schemaVersion: 1 }) as SearchIndex
  const [first, second] = fixture.installments
  const secondBlocks = fixtureBody(second.id).body.length
  const picture = fixtureBody(first.id).body.find((b) => b.type === 'image')
  const pictureSrc = picture?.type === 'image' ? picture.src : ''
  const showing = fixture.installments.filter((e) =>
    fixtureBody(e.id).body.some((b) => b.type === 'image' && b.src === pictureSrc),
  )

  test.each<[string, (d: string) => void, string[]]>([
    ['untouched content', () => undefined, []],
    [
      'a body edited after the build',
      (d) => {
        const file = path.join(d, first.path)
        writeFileSync(file, readFileSync(file, 'utf8').replace('开场白', '开头语'))
      },
      [`${first.path}: sha256 does not match the manifest`],
    ],
    ['a missing body', (d) => rmSync(path.join(d, second.path)), [`${second.path}: missing`]],
    [
      'a missing image',
      (d) => {
        if (!pictureSrc) throw new Error('the fixture column has no picture to remove')
        rmSync(path.join(d, pictureSrc))
      },
      showing.map((e) => `${e.path}: image ${pictureSrc} is missing`),
    ],
    [
      'a duplicate id in the manifest',
      (d) => {
        const file = path.join(d, 'manifest.json')
        const m = JSON.parse(readFileSync(file, 'utf8'))
        m.installments.push({ ...m.installments[0], number: 500 })
        writeFileSync(file, JSON.stringify(m))
      },
      [`manifest.json: installments: duplicate id "${first.id}"`],
    ],
    ['a missing search file', (d) => rmSync(path.join(d, searchPath)), [`${searchPath}: missing`]],
    [
      'a search file edited after the build',
      (d) => {
        const file = path.join(d, searchPath)
        writeFileSync(file, readFileSync(file, 'utf8').replace('开场白', '开头语'))
      },
      [`${searchPath}: sha256 does not match the manifest`],
    ],
    [
      'a search part edited after the build',
      (d) => {
        const file = path.join(d, partPath)
        writeFileSync(file, readFileSync(file, 'utf8').replace('开场白', '开头语'))
      },
      [`${partPath}: sha256 does not match the manifest`],
    ],
    ['a search part missing', (d) => rmSync(path.join(d, partPath)), [`${partPath}: missing`]],
    [
      'search parts that list less than the whole file',
      (d) => republishPart(d, lostFirst),
      [`${searchPath}: its parts do not list what it lists, in the same order`],
    ],
    [
      'a search file cut short',
      (d) => {
        const file = path.join(d, searchPath)
        const text = readFileSync(file, 'utf8')
        writeFileSync(file, text.slice(0, text.length / 2))
      },
      [`${searchPath}: sha256 does not match the manifest`, `${searchPath}: not valid JSON`],
    ],
    [
      'a search file that lost an installment',
      (d) => republish(d, lostFirst),
      [`${changed(lostFirst).path}: does not list ${JSON.stringify(first.id)}`],
    ],
    [
      'a search file in another order, with an installment the manifest does not have',
      (d) => republish(d, shuffled),
      [
        `${changed(shuffled).path}: lists the installments in another order than the manifest`,
        `${changed(shuffled).path}: installments[2]: "stray" is not in the manifest`,
      ],
    ],
    [
      'a search file made from an older body with a block less',
      (d) => republish(d, older),
      [
        `${changed(older).path}: installments[1].sha256 differs from the manifest's`,
        `${changed(older).path}: installments[1].blocks has ${secondBlocks - 1} text(s); the body has ${secondBlocks} block(s)`,
      ],
    ],
    [
      'a search file that is not one',
      (d) => republish(d, notOne),
      [`${changed(notOne).path}: installments: Required`],
    ],
    [
      'a manifest that is not JSON',
      (d) => writeFileSync(path.join(d, 'manifest.json'), '{'),
      ['manifest.json: not valid JSON'],
    ],
  ])('%s', async (_what, damage, problems) => {
    const d = built()
    damage(d)
    expect(await main(['validate', d])).toBe(problems.length ? 1 : 0)
    expect(err).toEqual(problems)
  })

  test('a URL is read the way the app reads it', async () => {
    const server = await serveStatic(built())
    try {
      expect(await main(['validate', `${server.url}/`])).toBe(0)
      expect(out).toEqual([`valid: ${fixture.installments.length} installment(s) in ${server.url}/`])
    } finally {
      await server.close()
    }
  })
})

describe('new', () => {
  test('scaffolds a file with complete front matter that builds as it is, and says how to translate it', async () => {
    sources({})
    expect(await main(['new', src(), '--number', '7', '--title', '新的一期'])).toBe(0)
    const file = path.join(src(), '007-installment-7.md')
    expect(out).toEqual([
      `created ${file}`,
      `to add an English translation: an en: block in the front matter of ${file} and ${path.join(src(), '007-installment-7.en.md')} beside it, block for block with its body (see "Adding an English translation" in content/README.md)`,
    ])
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('title: "新的一期"')
    expect(text).toMatch(/^# en:$/m)
    expect(existsSync(path.join(src(), '007-installment-7.en.md'))).toBe(false)
    expect(await main(['build', src(), dest()])).toBe(0)
    expect(JSON.parse(readFileSync(path.join(dest(), 'manifest.json'), 'utf8')).installments[0].en).toBe(
      undefined,
    )
  })

  test('--en scaffolds the English too: an en: block and an .en.md block for block, that build as they are', async () => {
    sources({})
    expect(await main(['new', src(), '--number', '7', '--title', '新的一期', '--en'])).toBe(0)
    const file = path.join(src(), '007-installment-7.md')
    const enFile = path.join(src(), '007-installment-7.en.md')
    expect(out.slice(0, 2)).toEqual([`created ${file}`, `created ${enFile}`])
    expect(readFileSync(file, 'utf8')).toMatch(/^en:$/m)
    expect(await main(['build', src(), dest()])).toBe(0)
    const manifest = JSON.parse(readFileSync(path.join(dest(), 'manifest.json'), 'utf8'))
    expect(manifest.installments[0].en).toMatchObject({ title: 'The title in English', body: true })
    const body = JSON.parse(readFileSync(path.join(dest(), manifest.installments[0].path), 'utf8'))
    expect(body.en.body.map((b: { type: string }) => b.type)).toEqual(
      body.body.map((b: { type: string }) => b.type),
    )
    // A second --en for the same number is refused, the English file named too.
    out.length = 0
    expect(await main(['new', src(), '--number', '7', '--title', '二', '--en'])).toBe(1)
    expect(err).toContain(`${enFile}: already exists`)
  })

  test('refuses a number that is taken', async () => {
    sources({})
    await main(['new', src(), '--number', '7', '--title', '一'])
    expect(await main(['new', src(), '--number', '7', '--title', '二'])).toBe(1)
    expect(err[0]).toContain('number 7 is already used')
  })

  test.each([
    [['new', '--number', '1', '--title', 'x']],
    [['new', 'content', '--number', '0', '--title', 'x']],
    [['new', 'content', '--number', '3']],
    [['build', 'content']],
    [['frobnicate']],
    [['build', '--colour']],
  ])('usage errors exit 2: %j', async (args) => {
    expect(await main(args)).toBe(2)
    expect(err.join('\n')).toContain('Usage: npm run content --')
  })

  test.each(['build', 'validate', 'new'])('%s --help', async (command) => {
    expect(await main([command, '--help'])).toBe(0)
    expect(out[0]).toMatch(new RegExp(`^Usage: npm run content -- ${command}`))
  })
})
