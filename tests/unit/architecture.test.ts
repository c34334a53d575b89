/**
 * The layers are lint rules, not prose: planted imports across a layer fail `npm run lint` with the
 * rule that forbids them, and the imports the architecture allows pass.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')

type Linted = { filePath: string; messages: Array<{ ruleId: string | null; message: string }> }

function lint(cases: ReadonlyArray<{ filePath: string; code: string }>): Linted[] {
  const run = spawnSync(process.execPath, [path.join(__dirname, 'support', 'lint-texts.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(cases.map((c) => ({ ...c, filePath: path.join(ROOT, c.filePath) }))),
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout) as Linted[]
}

const use = (source: string) => `import * as planted from '${source}'\nexport const x = planted\n`

// [where the planted file stands, what it imports, the rule that must refuse it (null: allowed)]
const CASES: Array<[string, string, string | null]> = [
  ['src/content/planted.ts', '@/library/favourites', 'no-restricted-imports'],
  ['src/content/planted.ts', '../library/favourites', 'no-restricted-imports'],
  ['src/library/planted.ts', '@/content/cache', 'no-restricted-imports'],
  ['src/library/planted.ts', '../content/repository', 'no-restricted-imports'],
  ['src/platform/planted.ts', '@/content/schema', 'no-restricted-imports'],
  ['src/components/Planted/index.tsx', '@/app/root', 'no-restricted-imports'],
  ['src/app/planted.ts', '@/components/StateView', 'no-restricted-imports'],
  ['src/pages/index/planted.ts', '../reader/useReadingProgress', 'no-restricted-imports'],
  ['src/i18n/planted.ts', '@/library/settings', 'no-restricted-imports'],
  ['scripts/planted.ts', '../tests/weapp/harness', 'no-restricted-imports'],
  // What the architecture allows.
  ['src/library/planted.ts', '@/content/schema', null],
  ['src/content/planted.ts', '@/platform/storage', null],
  ['src/app/planted.ts', '@/library/favourites', null],
  ['src/pages/index/planted.ts', '@/app/root', null],
  ['src/components/Planted/index.tsx', '@/content/schema', null],
  ['tests/unit/planted.ts', '../../scripts/content/build', null],
]

describe('the layers are enforced by lint', () => {
  const results = lint(CASES.map(([filePath, source]) => ({ filePath, code: use(source) })))

  test.each(CASES.map((c, i) => [...c, i] as const))('%s importing %s → %s', (_file, _source, rule, i) => {
    const rules = results[i].messages.map((m) => m.ruleId)
    if (rule) expect(rules).toContain(rule)
    else expect(rules).toEqual([])
  })

  test('the message names the layers, so whoever trips it learns the rule', () => {
    const [content] = results
    expect(content.messages[0].message).toContain('platform → content / library → app → components → pages')
  })

  test('a dynamic import() from scripts/ into tests/ is refused too', () => {
    const [result] = lint([
      { filePath: 'scripts/planted.ts', code: "export const x = () => import('../tests/weapp/harness')\n" },
    ])
    expect(result.messages.map((m) => m.ruleId)).toEqual(['no-restricted-syntax'])
  })
})
