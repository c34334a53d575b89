/**
 * What the browser build's list costs before it is shown: every script the page had started to load by
 * the moment the first card title appeared, with its size on disk and gzipped (level 9, as a CDN
 * would serve it). Shared by the browser suite (which asserts it) and `npm run bench` (which reports it).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

import { openPhone, serveDir } from './browser'

export type LoadedScript = { path: string; bytes: number; gzipBytes: number }
export type FirstScreen = { scripts: LoadedScript[]; bytes: number; gzipBytes: number; errors: string[] }

/** Notes, in the page, when the first card title exists. */
const WATCH_FOR_THE_LIST = `
  window.__listShownAt = null
  new MutationObserver(function (_, observer) {
    if (document.querySelector('.cd-t')) {
      window.__listShownAt = performance.now()
      observer.disconnect()
    }
  }).observe(document, { childList: true, subtree: true })
`

export async function measureFirstScreen(dir: string): Promise<FirstScreen> {
  const served = await serveDir(dir)
  const phone = await openPhone()
  try {
    await phone.page.addInitScript(WATCH_FOR_THE_LIST)
    await phone.page.goto(`${served.url}/`)
    await phone.page.waitForSelector('.cd-t')
    const paths = await phone.page.evaluate(() => {
      const shownAt = (window as unknown as { __listShownAt: number }).__listShownAt
      return performance
        .getEntriesByType('resource')
        .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script' && e.startTime <= shownAt)
        .map((e) => new URL(e.name).pathname)
    })
    const scripts = paths.map((p) => {
      const bytes = readFileSync(path.join(dir, p))
      return { path: p, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length }
    })
    const sum = (key: 'bytes' | 'gzipBytes') => scripts.reduce((total, s) => total + s[key], 0)
    return { scripts, bytes: sum('bytes'), gzipBytes: sum('gzipBytes'), errors: [...phone.errors] }
  } finally {
    await phone.close()
    await served.close()
  }
}
