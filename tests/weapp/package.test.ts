/** What WeChat reads from the compiled app.json and page options. Sizes are in budgets.test.ts. */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { DIST, Harness } from './harness'

const appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
  subPackages?: Array<{ root: string }>
  lazyCodeLoading?: string
  preloadRule?: Record<string, { network: string; packages: string[] }>
}

// WeChat downloads a subpackage on first entry unless a page preloads it: without this, search (and
// the reader) could not open offline the first time after an install or an update.
test.each([
  ['pages/index/index', ['pages/reader']],
  ['pages/favourites/index', ['pages/reader']],
])('%s preloads %j on any network', (page, packages) => {
  expect(appJson.preloadRule?.[page]).toEqual({ network: 'all', packages })
  const roots = (appJson.subPackages ?? []).map((p) => p.root.replace(/\/$/, ''))
  for (const root of packages) expect(roots).toContain(root)
})

test('lazyCodeLoading is requiredComponents', () => {
  expect(appJson.lazyCodeLoading).toBe('requiredComponents')
})

// Taro turns the page config's enableShareAppMessage / enableShareTimeline into the page methods
// WeChat looks for; without them the share menu items are greyed out.
test.each(['/pages/index/index', '/pages/reader/index?id=x'])(
  '%s can be shared to a chat and to Moments',
  async (url) => {
    const h = new Harness()
    const page = await h.launch(url)
    expect([typeof page.onShareAppMessage, typeof page.onShareTimeline]).toEqual(['function', 'function'])
  },
)

test('a page that does not enable sharing has no share methods (control)', async () => {
  const page = await new Harness().launch('/pages/favourites/index')
  expect([typeof page.onShareAppMessage, typeof page.onShareTimeline]).toEqual(['undefined', 'undefined'])
})
