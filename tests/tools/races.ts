/**
 * Hunts races: runs a jest suite (the browser suite by default) N times in a row, on an idle
 * machine and then while another process keeps a core busy, and reports every failure of every run.
 *
 *   npm run races                                   # e2e: 3 idle runs, then 2 loaded
 *   npm run races -- --idle 6 --loaded 0 tests/e2e/flows.test.ts -t "note editor"
 *   npm run races -- --project weapp --idle 2 --loaded 2
 *
 * Anything it does not know is passed to jest. It exits non-zero when any run failed. A race hides on
 * a fast machine and on a slow one alike, so both are run: a failure in either is a bug to fix by
 * waiting for what the reader sees, never by sleeping or retrying.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

type Options = { idle: number; loaded: number; project: string; jestArgs: string[] }
type Failure = { test: string; message: string }
type Run = { index: number; loaded: boolean; ok: boolean; passed: number; failures: Failure[]; ms: number }

const ROOT = path.resolve(__dirname, '..', '..')

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { idle: 3, loaded: 2, project: 'e2e', jestArgs: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const next = argv[++i]
      if (next === undefined) throw new Error(`${arg} needs a value`)
      return next
    }
    if (arg === '--idle') options.idle = count(arg, value())
    else if (arg === '--loaded') options.loaded = count(arg, value())
    else if (arg === '--project') options.project = value()
    else options.jestArgs.push(arg)
  }
  if (options.idle + options.loaded === 0) throw new Error('nothing to run: --idle and --loaded are both 0')
  return options
}

function count(flag: string, text: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number, not ${text}`)
  return n
}

/** One core kept busy by a spinning child: what a slower or shared CI machine looks like. */
function startLoad(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
}

type JestJson = {
  numPassedTests: number
  testResults: Array<{
    name: string
    message: string
    assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }>
  }>
}

/** The first lines of a failure that say what went wrong, without jest's colours or stack. */
function summarise(message: string): string {
  const plain = message.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
  const lines = plain.split('\n').filter((line) => line.trim() && !/^\s+at /.test(line))
  return lines.slice(0, 12).join(' | ').slice(0, 800)
}

export function failuresOf(result: JestJson): Failure[] {
  const failures: Failure[] = []
  for (const file of result.testResults) {
    const failed = file.assertionResults.filter((a) => a.status === 'failed')
    for (const a of failed)
      failures.push({ test: a.fullName, message: summarise(a.failureMessages.join('\n')) })
    // A suite that failed before its tests ran (a hook, a missing build) has no assertion results.
    if (failed.length === 0 && file.message.trim()) {
      failures.push({ test: path.relative(ROOT, file.name), message: summarise(file.message) })
    }
  }
  return failures
}

function runOnce(index: number, loaded: boolean, options: Options): Run {
  const dir = mkdtempSync(path.join(tmpdir(), 'lre-races-'))
  const out = path.join(dir, 'result.json')
  const load = loaded ? startLoad() : null
  const start = Date.now()
  try {
    const jest = spawnSync(
      process.execPath,
      [
        require.resolve('jest/bin/jest'),
        '--selectProjects',
        options.project,
        '--json',
        `--outputFile=${out}`,
        '--forceExit',
        ...options.jestArgs,
      ],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
    )
    const ms = Date.now() - start
    let result: JestJson
    try {
      result = JSON.parse(readFileSync(out, 'utf8')) as JestJson
    } catch {
      const failure = { test: '(jest)', message: summarise(jest.stderr ?? `exit ${jest.status}`) }
      return { index, loaded, ok: false, passed: 0, failures: [failure], ms }
    }
    const failures = failuresOf(result)
    return {
      index,
      loaded,
      ok: jest.status === 0 && failures.length === 0,
      passed: result.numPassedTests,
      failures,
      ms,
    }
  } finally {
    load?.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}

function report(run: Run, total: number): void {
  const label = `run ${run.index}/${total} (${run.loaded ? 'one core busy' : 'idle'})`
  const verdict = run.ok ? 'ok' : `${run.failures.length} failed`
  console.log(`${label}: ${verdict}, ${run.passed} passed, ${(run.ms / 1000).toFixed(0)} s`)
  for (const f of run.failures) console.log(`  ✕ ${f.test}\n      ${f.message}`)
}

function main(): void {
  const options = parseArgs(process.argv.slice(2))
  const total = options.idle + options.loaded
  const plan = [...Array<boolean>(options.idle).fill(false), ...Array<boolean>(options.loaded).fill(true)]
  console.log(`races: jest --selectProjects ${options.project} ${options.jestArgs.join(' ')}`.trim())
  const runs = plan.map((loaded, i) => {
    const run = runOnce(i + 1, loaded, options)
    report(run, total)
    return run
  })
  const failed = runs.filter((r) => !r.ok)
  console.log(`races: ${runs.length - failed.length} of ${runs.length} runs passed`)
  process.exit(failed.length === 0 ? 0 : 1)
}

if (require.main === module) main()
