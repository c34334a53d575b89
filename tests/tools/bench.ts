/**
 * `npm run bench [-- --baseline <git ref>] [--only <table>]`, <table> one of scenarios, launch, phases,
 * browser, search, search-build, card, cache, preview, real: the performance scenarios on the compiled bundle, and the
 * full-text search in Node.
 *
 * 1. Each scenario 20 times: setData calls, bytes, rendered elements, widest element, depth
 *    (deterministic, and asserted in tests/weapp/budgets.test.ts) with the median wall time.
 * 2. Warm launches at 100 and 999 installments, interleaved in one run: medians of the phases (app code
 *    loaded, first list render, settled) and the 999 ÷ 100 ratio. With --baseline, the same launches of
 *    that commit's build run beside this one's, for before → after ratios.
 * 3. The launch's steps one at a time in Node, at 100 and 999: where the time goes.
 * 4. The browser build's first screen in Chromium: the scripts loaded before the list shows, and their
 *    gzip bytes (also asserted, in tests/e2e/first-screen.test.ts).
 * 5. Search at 100 and 999 installments × 6,000 characters, in Node (tests/tools/search-bench.ts): the
 *    search file's bytes, gzip bytes and ratio to the bodies' text, the engine's build time (median of
 *    5), and each query's first results screen (median of the runs, sizes interleaved) with the
 *    999 ÷ 100 ratio. Then the engine built in one go beside the sliced build the search page uses
 *    (buildSearchEngine, pauses that are real setTimeout(0)): total time, the longest block of the
 *    event loop, the time to a query's first results, with 999 ÷ 100 and sliced ÷ one-go ratios
 *    (`--only search-build` runs this table alone).
 * 6. The quote card for a 300-character passage, in Node (tests/tools/card-bench.ts): line breaking,
 *    font-size fitting and drawing on a recording context (no rasterising, no PNG export).
 * 7. The cache (tests/tools/cache-bench.ts, `--only cache`): editions of 100 × 6,000, 100 × 10,000 and
 *    999 × 6,000 characters read online on the compiled bundle, then searched offline after a
 *    relaunch: the bytes kept in storage and in the user data folder, the search file's parts, and the
 *    time to a phrase from a body never opened with the longest single task, 999 ÷ 100.
 * 8. The editors' preview (tests/tools/preview-bench.ts, `--only preview`): at 100 installments in
 *    Markdown, a title saved → shown on the list open in Chromium, 5 times, with each rebuild's time.
 * 9. The column at the book's size (tests/tools/real-size-bench.ts): every package of the samples'
 *    build and of the real-size build, and the first search results at the real size, offline, on the
 *    compiled bundle (launch of the search page with a query: unpacking, the engine, the results).
 *
 * Wall times are noisy here, so they are only reported, as medians and ratios from one run; each timed
 * launch starts after a garbage collection (node runs with --expose-gc). Writes
 * everything to bench/latest.json. Builds dist/weapp-remote (and dist/h5, dist/h5-remote for the
 * browser table) first if missing, only for the tables that use them.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { ensureBuilt } from './ensure-built'

const ROOT = path.resolve(__dirname, '..', '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 20)
const SIZES = [100, 999] as const

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
const round = (n: number, digits = 1) => Number(n.toFixed(digits))

async function scenarioTable() {
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
      medianMs: round(median(runs.map((r) => r.ms))),
    })
  }
  return rows
}

type Named = { name: string; build: import('../weapp/budget-scenarios').Build }

/** Launches every build at every size in turn, RUNS rounds, so drift hits all of them alike. */
async function launchTable(builds: Named[]) {
  const { warmLaunch } = await import('../weapp/budget-scenarios')
  type Times = Awaited<ReturnType<typeof warmLaunch>>['times']
  const samples = new Map<string, Times[]>()
  const order = builds.flatMap(({ name, build }) => SIZES.map((size) => ({ name, build, size })))
  for (let i = 0; i < RUNS; i++)
    // Every other round backwards, so no launch always follows the same one.
    for (const { name, build, size } of i % 2 ? [...order].reverse() : order) {
      const key = `${name} @ ${size}`
      samples.set(key, [...(samples.get(key) ?? []), (await warmLaunch(size, 6000, build)).times])
    }
  const medianOf = (key: string, field: keyof Times) => median((samples.get(key) ?? []).map((t) => t[field]))
  const rows = builds.flatMap(({ name }) =>
    SIZES.map((size) => {
      const key = `${name} @ ${size}`
      return {
        build: name,
        installments: size,
        appCodeMs: round(medianOf(key, 'appCodeMs')),
        firstRenderMs: round(medianOf(key, 'firstRenderMs')),
        settledMs: round(medianOf(key, 'settledMs')),
      }
    }),
  )
  const ratios: Record<string, number> = {}
  for (const { name } of builds) {
    const [small, large] = SIZES.map((size) => medianOf(`${name} @ ${size}`, 'firstRenderMs'))
    ratios[`${name}: first render, 999 ÷ 100`] = round(large / small, 2)
  }
  if (builds.length === 2) {
    const [now, before] = builds.map(({ name }) => name)
    for (const size of SIZES)
      ratios[`first render at ${size}: this build ÷ ${before}`] = round(
        medianOf(`${now} @ ${size}`, 'firstRenderMs') / medianOf(`${before} @ ${size}`, 'firstRenderMs'),
        2,
      )
  }
  return { rows, ratios }
}

async function phaseTable() {
  const { launchPhases } = await import('./launch-phases')
  const runs = SIZES.map((size) => Array.from({ length: RUNS }, () => launchPhases(size)))
  const names = Object.keys(runs[0][0]) as Array<keyof (typeof runs)[0][0]>
  return names.map((phase) => ({
    phase,
    ...Object.fromEntries(
      SIZES.map((size, i) => [`ms @ ${size}`, round(median(runs[i].map((r) => r[phase])), 2)]),
    ),
  }))
}

async function firstScreenTable() {
  const { measureFirstScreen } = await import('../e2e/first-screen')
  const rows = []
  for (const dist of ['h5', 'h5-remote']) {
    const first = await measureFirstScreen(path.join(ROOT, 'dist', dist))
    rows.push({
      build: `dist/${dist}`,
      scripts: first.scripts.length,
      kb: round(first.bytes / 1024),
      gzipKb: round(first.gzipBytes / 1024),
    })
  }
  return rows
}

async function searchTable() {
  const { searchBenches } = await import('./search-bench')
  return searchBenches(RUNS)
}

/** The sliced build alone (`--only search-build`), without the size and query tables. */
async function slicedTable() {
  const { slicedBench } = await import('./search-bench')
  return slicedBench(Math.min(RUNS, 5))
}

function printSliced(sliced: import('./search-bench').SlicedBench) {
  console.log(
    'building the engine: in one go, and in slices with real setTimeout(0) pauses (medians of 5, ms; ' +
      'worst: the longest block over the runs):',
  )
  console.table(sliced.rows)
  console.table(sliced.ratios)
}

async function cardTable() {
  const { cardBench } = await import('./card-bench')
  return cardBench(RUNS)
}

async function realTables() {
  ensureBuilt('build:weapp', 'dist/weapp/app.js')
  ensureBuilt('fixtures:real', 'dist/real-bundled/manifest.json')
  ensureBuilt('build:weapp:real', 'dist/weapp-real/app.js')
  const { packageTable, realSearchTable, rebuildTable } = await import('./real-size-bench')
  return {
    packages: packageTable(),
    search: await realSearchTable(Math.min(RUNS, 5)),
    rebuild: await rebuildTable(Math.min(RUNS, 5)),
  }
}

async function previewTables() {
  ensureBuilt('build:h5:preview', 'dist/h5-preview/index.html')
  const { previewTable } = await import('./preview-bench')
  return previewTable()
}

async function cacheTables() {
  ensureBuilt('build:weapp:remote', 'dist/weapp-remote/app.js')
  const { cacheTable } = await import('./cache-bench')
  return cacheTable()
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { baseline: { type: 'string' }, only: { type: 'string' } } })
  const wanted = (table: string) => !values.only || values.only === table
  const onBundle = wanted('scenarios') || wanted('launch')
  if (onBundle) ensureBuilt('build:weapp:remote', 'dist/weapp-remote/app.js')
  if (wanted('browser')) {
    ensureBuilt('build:h5', 'dist/h5/index.html')
    ensureBuilt('build:h5:remote', 'dist/h5-remote/index.html')
  }
  const builds: Named[] = []
  // Imported after the builds so the scenarios find the bundles.
  if (onBundle)
    builds.push({ name: 'this build', build: (await import('../weapp/budget-scenarios')).THIS_BUILD })
  if (onBundle && values.baseline) {
    const { baselineBuild } = await import('./baseline')
    const baseline = baselineBuild(values.baseline)
    builds.push({ name: `${values.baseline} (${baseline.sha.slice(0, 7)})`, build: baseline })
  }

  const scenarios = wanted('scenarios') ? await scenarioTable() : []
  if (scenarios.length) console.table(scenarios)
  const launch = wanted('launch') ? await launchTable(builds) : null
  if (launch) {
    console.log('warm launch, cached manifest (medians, ms from launch):')
    console.table(launch.rows)
    console.table(launch.ratios)
  }
  const phases = wanted('phases') ? await phaseTable() : []
  if (phases.length) {
    console.log('the launch step by step, in Node (medians, ms):')
    console.table(phases)
  }
  const browser = wanted('browser') ? await firstScreenTable() : []
  if (browser.length) {
    console.log("the browser build's first screen (scripts loaded before the list shows):")
    console.table(browser)
  }
  const search = wanted('search') ? await searchTable() : null
  if (search) {
    console.log("search, in Node: the search file (bytes, gzip level 9, ratio to the bodies' text):")
    console.table(search.size)
    console.log('building the engine from the search file (median of 5, ms):')
    console.table(search.build)
    console.log(`a query's first results screen, search(q).first(20) (medians of ${RUNS}, ms):`)
    console.table(search.queries)
  }
  const sliced = search?.sliced ?? (values.only === 'search-build' ? await slicedTable() : null)
  if (sliced) printSliced(sliced)

  const card = wanted('card') ? await cardTable() : []
  if (card.length) {
    console.log(`the quote card: layout and drawing on a recording context, in Node (median of ${RUNS}):`)
    console.table(card)
  }

  const cache = wanted('cache') ? await cacheTables() : null
  if (cache) {
    console.log(
      'what the cache keeps after reading an edition online (5 interviews and the search page), and ' +
        'offline search after a relaunch (a phrase from a body never opened; wall ms, longest task on the ' +
        "harness's clock):",
    )
    console.table(cache.rows)
    console.table(cache.ratios)
  }

  const preview = wanted('preview') ? await previewTables() : null
  if (preview) {
    console.log("the editors' preview at 100 installments: a title saved → shown on the list (ms):")
    console.table(preview.rows)
    console.log(
      `median save → visible ${preview.medianSaveToVisibleMs} ms (budget 1000), median rebuild ${preview.medianRebuildMs} ms`,
    )
  }

  const real = wanted('real') ? await realTables() : null
  if (real) {
    console.log('packages, with the samples and at the real size (100 interviews, 500 photos), KiB:')
    console.table(real.packages)
    console.log('the first search results at the real size, offline, on the compiled bundle (median, ms):')
    console.table(real.search)
    console.log('where that time goes, in Node (median, ms):')
    console.table(real.rebuild)
  }

  mkdirSync(path.join(ROOT, 'bench'), { recursive: true })
  writeFileSync(
    path.join(ROOT, 'bench', 'latest.json'),
    `${JSON.stringify({ runs: RUNS, scenarios, launch, phases, browser, search, sliced, card, cache, preview, real }, null, 2)}\n`,
  )
  console.log(`wrote bench/latest.json (${RUNS} runs a scenario)`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
