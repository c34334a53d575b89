/**
 * `npm run bench`: runs the performance scenarios on the compiled bundle 20 times each and prints
 * setData calls, bytes, rendered elements, widest element, depth (deterministic, and asserted in
 * tests/weapp/budgets.test.ts) with the median wall time (noisy, so only reported). Writes the table
 * to bench/latest.json. Builds dist/weapp-remote first if it is missing.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { ensureBuilt } from './ensure-built'

const ROOT = path.resolve(__dirname, '..', '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 20)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main(): Promise<void> {
  ensureBuilt('build:weapp:remote', 'dist/weapp-remote/app.js')
  // Imported after the build so the scenarios find the bundle.
  const { scenarios } = await import('../weapp/budget-scenarios')
  const rows = []
  for (const scenario of scenarios) {
    const runs = []
    for (let i = 0; i < RUNS; i++) runs.push(await scenario.run())
    const [first] = runs
    rows.push({
      scenario: scenario.name,
      setDataCalls: first.setDataCalls,
      bytes: first.bytes,
      elements: first.elements,
      maxChildren: first.maxChildren,
      depth: first.depth,
      medianMs: Number(median(runs.map((r) => r.ms)).toFixed(1)),
    })
  }
  console.table(rows)
  mkdirSync(path.join(ROOT, 'bench'), { recursive: true })
  writeFileSync(path.join(ROOT, 'bench', 'latest.json'), `${JSON.stringify({ runs: RUNS, rows }, null, 2)}\n`)
  console.log(`wrote bench/latest.json (${RUNS} runs a scenario)`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
