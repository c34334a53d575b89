/**
 * The editors' CLI, run in-process through its main(): exit codes, output, and that a failed build
 * writes nothing.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { main } from '../../scripts/content/cli'
import { cliSession } from './support/cli-session'
import { serveStatic } from '../../scripts/static-server'
import { fixture, FIXTURE_BUNDLED, fixtureBody } from '../fixtures/built'

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
      expect.stringMatching(/^built 1 installment\(s\) into .* \(content version [a-f0-9]{12}\)$/),
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
  const [first, second] = fixture.installments
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
  test('scaffolds a file with complete front matter that builds as it is', async () => {
    sources({})
    expect(await main(['new', src(), '--number', '7', '--title', '新的一期'])).toBe(0)
    const file = path.join(src(), '007-installment-7.md')
    expect(out).toEqual([`created ${file}`])
    expect(readFileSync(file, 'utf8')).toContain('title: "新的一期"')
    expect(await main(['build', src(), dest()])).toBe(0)
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
