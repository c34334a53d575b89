/**
 * The editors' preview, save to visible (`npm run bench -- --only preview`): a generated column of
 * 100 installments in Markdown, the preview server on it, the list open in Chromium; each run saves a
 * new title and times the wait until the page shows it, and the rebuild the server logged. Wall times
 * on this machine, reported, never asserted (the budget is 1 s).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { startPreview } from '../../scripts/content/preview'
import { openPhone, ROOT } from '../e2e/browser'
import { fixtureId, fixtureSource, writeFixtureSources } from '../fixtures/series'

const COUNT = 100
const RUNS = 5

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

export async function previewTable() {
  const src = mkdtempSync(path.join(tmpdir(), 'lre-preview-bench-'))
  writeFixtureSources(src, COUNT)
  const rebuilds: number[] = []
  const preview = await startPreview({
    src,
    appDir: path.join(ROOT, 'dist', 'h5-preview'),
    port: 0,
    log: (line) => {
      const ms = /^rebuilt in (\d+) ms/.exec(line)
      if (ms) rebuilds.push(Number(ms[1]))
    },
  })
  const phone = await openPhone()
  try {
    await phone.page.goto(`${preview.url}/`)
    await phone.page.waitForSelector('.cd-t')
    const visible: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const title = `第 ${run + 1} 次改过的标题（虚构）`
      const started = performance.now()
      writeFileSync(
        path.join(src, `${fixtureId(COUNT)}.md`),
        fixtureSource(COUNT).replace(/^title: .*$/m, `title: ${title}`),
      )
      await phone.page.waitForFunction(
        (words) =>
          Array.from(document.querySelectorAll('.cd-t')).some((el) => el.textContent?.includes(words)),
        title,
        { polling: 'raf', timeout: 30_000 },
      )
      visible.push(Math.round(performance.now() - started))
    }
    const rebuildMs = rebuilds.slice(-RUNS)
    return {
      rows: visible.map((ms, i) => ({ run: i + 1, saveToVisibleMs: ms, rebuildMs: rebuildMs[i] })),
      medianSaveToVisibleMs: median(visible),
      medianRebuildMs: median(rebuildMs),
    }
  } finally {
    await phone.close()
    await preview.close()
    rmSync(src, { recursive: true, force: true })
  }
}
