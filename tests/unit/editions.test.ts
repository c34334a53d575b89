/**
 * Publishing editions side by side (`content build --into`) and removing what only old editions used
 * (`content prune`), through the CLI's main() on real folders.
 */
import {
  existsSync,
  mkdirSync,
  promises as fs,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'

import { main } from '../../scripts/content/cli'
import { cliSession } from './support/cli-session'
import { sha256Of } from '../../scripts/content/hash'

const ROOT = path.resolve(__dirname, '../..')
const PNG = readFileSync(path.join(ROOT, 'content/media/lanthanide-row.png'))

const session = cliSession('lre-editions-')
const { out, err } = session

const src = () => path.join(session.dir, 'src')
const published = () => path.join(session.dir, 'published')

function installment(number: number, answer: string, image = false): string {
  return [
    '---',
    `id: sample-${number}`,
    `number: ${number}`,
    `title: 样例访谈 ${number}`,
    'interviewee:',
    '  name: 林样例（虚构）',
    '  role: 工程师',
    '  group: engineer',
    'publishedAt: 2026-11-01',
    'summary: 样例摘要。',
    'sample: true',
    '---',
    '',
    '问：做什么？',
    '',
    `答：${answer}`,
    ...(image ? ['', '![一排镧系元素](row.png)'] : []),
    '',
  ].join('\n')
}

/** Writes the sources of one edition: installment number → its answer (and whether it has the picture). */
function edition(answers: Record<number, string>, withImage: number[] = []) {
  rmSync(src(), { recursive: true, force: true })
  mkdirSync(src(), { recursive: true })
  writeFileSync(path.join(src(), 'series.md'), '---\ntitle: 系列\ntagline: 一句话\n---\n\n介绍。\n')
  writeFileSync(path.join(src(), 'row.png'), PNG)
  for (const [n, answer] of Object.entries(answers))
    writeFileSync(path.join(src(), `${n}.md`), installment(Number(n), answer, withImage.includes(Number(n))))
}

const files = (folder = published()): string[] =>
  existsSync(folder)
    ? readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .sort()
    : []

type Manifest = {
  contentVersion: string
  installments: Array<{ id: string; path: string; sha256: string }>
  search: { path: string; sha256: string; parts: Array<{ path: string }> }
}
const manifest = (): Manifest =>
  JSON.parse(readFileSync(path.join(published(), 'manifest.json'), 'utf8')) as Manifest
/** The bodies and the search file a manifest names. */
const named = (m: Manifest) => [...m.installments.map((e) => e.path), m.search.path]
const log = () =>
  JSON.parse(readFileSync(path.join(published(), 'editions.json'), 'utf8')) as {
    editions: Array<{ contentVersion: string; files: string[] }>
  }

async function buildInto(): Promise<Manifest> {
  expect(await main(['build', src(), '--into', published()])).toBe(0)
  return manifest()
}

describe('build --into', () => {
  test('every body is named by its content, and the name carries the first 12 hex of its sha256', async () => {
    edition({ 1: '一。', 2: '二。' })
    const m = await buildInto()
    for (const entry of m.installments) {
      expect(entry.path).toBe(`installments/${entry.id}.${entry.sha256.slice(0, 12)}.json`)
      expect(sha256Of(readFileSync(path.join(published(), entry.path)))).toBe(entry.sha256)
    }
  })

  test('a new edition is added beside the old one: old files stay, only the changed body and the search file are new', async () => {
    edition({ 1: '一。', 2: '二。' }, [1])
    const first = await buildInto()
    const before = files()
    edition({ 1: '一。', 2: '二，改过了。' }, [1])
    const second = await buildInto()
    expect(second.contentVersion).not.toBe(first.contentVersion)
    expect(files()).toEqual(expect.arrayContaining(before))
    const added = files().filter((f) => !before.includes(f))
    // The search file comes whole (for apps built before parts) and in its one part.
    const searchFiles = [second.search.path, ...second.search.parts.map((part) => part.path)]
    expect(added).toEqual([second.installments[1].path, ...searchFiles])
    expect(files()).toContain(first.search.path)
    expect(out.at(-1)).toContain('3 new file(s), 2 unchanged; 2 edition(s) kept; search file 1 KB')
    const log = JSON.parse(readFileSync(path.join(published(), 'editions.json'), 'utf8')) as {
      editions: Array<{ contentVersion: string; files: string[] }>
    }
    expect(log.editions.map((e) => e.contentVersion)).toEqual([first.contentVersion, second.contentVersion])
    expect(log.editions[1].files).toEqual(expect.arrayContaining(named(second)))
  })

  test('the same sources twice add nothing and keep one edition', async () => {
    edition({ 1: '一。' })
    await buildInto()
    const before = files()
    await buildInto()
    expect(files()).toEqual(before)
    expect(files().filter((f) => f.startsWith('search/index.'))).toHaveLength(1)
    expect(out.at(-1)).toContain('0 new file(s)')
    expect(log().editions).toHaveLength(1)
  })

  test('a manifest that cannot be written takes back the new files and the log entry', async () => {
    edition({ 1: '一。' })
    const first = await buildInto()
    const before = files()
    const logBefore = readFileSync(path.join(published(), 'editions.json'), 'utf8')
    edition({ 1: '一，改过了。', 2: '二。' })
    const rename = fs.rename.bind(fs)
    jest.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
      if (String(to).endsWith('manifest.json')) throw new Error('EIO: the disk went away')
      return rename(from, to)
    })
    await expect(main(['build', src(), '--into', published()])).rejects.toThrow('EIO')
    expect(files()).toEqual(before)
    expect(readFileSync(path.join(published(), 'editions.json'), 'utf8')).toBe(logBefore)
    expect(manifest().contentVersion).toBe(first.contentVersion)
  })

  test('a published file that was changed by hand stops the build, and nothing is written', async () => {
    edition({ 1: '一。' })
    const first = await buildInto()
    const body = path.join(published(), first.installments[0].path)
    writeFileSync(body, '{"tampered":true}')
    edition({ 1: '一。', 2: '二。' })
    const before = files()
    expect(await main(['build', src(), '--into', published()])).toBe(1)
    expect(err).toContain(
      `${first.installments[0].path}: exists with other bytes; a published file must never change (was it edited?)`,
    )
    expect(files()).toEqual(before)
    expect(manifest().contentVersion).toBe(first.contentVersion)
  })

  test('a folder first published with a plain build: its live edition, media too, is remembered', async () => {
    edition({ 1: '一。' }, [1])
    expect(await main(['build', src(), published()])).toBe(0)
    const firstFiles = files().filter((f) => f !== 'manifest.json')
    expect(firstFiles.some((f) => f.startsWith('media/'))).toBe(true)
    edition({ 1: '一，改过了。' })
    await buildInto()
    const log = JSON.parse(readFileSync(path.join(published(), 'editions.json'), 'utf8')) as {
      editions: Array<{ files: string[] }>
    }
    expect(log.editions[0].files).toEqual(firstFiles)
    expect(await main(['prune', published(), '--keep', '2'])).toBe(0)
    expect(files()).toEqual(expect.arrayContaining(firstFiles))
    expect(await main(['prune', published(), '--keep', '1'])).toBe(0)
    expect(files().filter((f) => firstFiles.includes(f))).toEqual([])
  })

  test('broken sources write nothing at all', async () => {
    edition({ 1: '一。' })
    writeFileSync(path.join(src(), '2.md'), '---\nid: Bad Id\n---\n')
    expect(await main(['build', src(), '--into', published()])).toBe(1)
    expect(existsSync(published())).toBe(false)
  })
})

describe('prune', () => {
  async function threeEditions() {
    edition({ 1: '一。', 2: '二。' }, [2])
    const a = await buildInto()
    edition({ 1: '一，第二版。', 2: '二。' }, [2])
    const b = await buildInto()
    edition({ 1: '一，第三版。', 2: '二，第三版。' })
    const c = await buildInto()
    return { a, b, c }
  }

  test.each([
    [1, ['c']],
    [2, ['b', 'c']],
    [3, ['a', 'b', 'c']],
  ])('--keep %i keeps the files of the newest edition(s) %j and removes the rest', async (keep, kept) => {
    const all = await threeEditions()
    const keptFiles = kept.flatMap((k) => named(all[k as 'a' | 'b' | 'c']))
    const dropped = Object.values(all)
      .flatMap(named)
      .filter((f) => !keptFiles.includes(f))
    expect(await main(['prune', published(), '--keep', String(keep)])).toBe(0)
    expect(files()).toEqual(expect.arrayContaining(keptFiles))
    for (const f of dropped) expect(files()).not.toContain(f)
    // The picture was dropped in edition c; it stays while b is kept.
    expect(files().some((f) => f.startsWith('media/'))).toBe(kept.includes('b'))
  })

  test('search files: one per edition side by side, and prune removes only those no kept edition uses', async () => {
    const { a, b, c } = await threeEditions()
    const searchFiles = () => files().filter((f) => f.startsWith('search/index.'))
    expect(searchFiles()).toEqual([a, b, c].map((m) => m.search.path).sort())
    // Each part goes with its edition too.
    const parts = () => files().filter((f) => f.startsWith('search/part.'))
    expect(parts()).toEqual([a, b, c].flatMap((m) => m.search.parts.map((p) => p.path)).sort())
    expect(log().editions.map((e) => e.files.filter((f) => f.startsWith('search/index.')))).toEqual(
      [a, b, c].map((m) => [m.search.path]),
    )
    expect(await main(['prune', published(), '--keep', '2'])).toBe(0)
    expect(out).toContain(`removed ${a.search.path}`)
    expect(searchFiles()).toEqual([b, c].map((m) => m.search.path).sort())
    expect(await main(['prune', published(), '--keep', '1'])).toBe(0)
    expect(searchFiles()).toEqual([c.search.path])
    expect(parts()).toEqual(c.search.parts.map((p) => p.path))
  })

  test('--dry-run lists what would go and removes nothing', async () => {
    const { a } = await threeEditions()
    const before = files()
    expect(await main(['prune', published(), '--keep', '1', '--dry-run'])).toBe(0)
    expect(files()).toEqual(before)
    expect(out).toContain(`would remove ${a.installments[0].path}`)
  })

  test('the live manifest is kept even when the log does not know it, and is not logged as the newest', async () => {
    const { a, b, c } = await threeEditions()
    const known = log().editions.filter((e) => e.contentVersion !== c.contentVersion)
    writeFileSync(path.join(published(), 'editions.json'), JSON.stringify({ editions: known }))
    expect(await main(['prune', published(), '--keep', '2'])).toBe(0)
    expect(files()).toEqual(expect.arrayContaining([...named(a), ...named(b), ...named(c)]))
    expect(log().editions.map((e) => e.contentVersion)).toEqual([a.contentVersion, b.contentVersion])
  })

  test.each([
    [['prune', 'nowhere', '--keep', '1'], 2],
    [['prune', '.', '--keep', '0'], 2],
    [['prune', '.', '--keep', 'all'], 2],
  ])('%j is a usage error', async (args, code) => {
    expect(await main(args)).toBe(code)
  })

  test('a corrupt editions log is reported with its file and line, and nothing is removed', async () => {
    await threeEditions()
    writeFileSync(path.join(published(), 'editions.json'), '{ not json')
    const before = files()
    expect(await main(['prune', published(), '--keep', '1'])).toBe(1)
    expect(err).toContain('editions.json:1: not valid JSON')
    expect(files()).toEqual(before)
  })
})
