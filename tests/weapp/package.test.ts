/** What WeChat reads from the compiled app.json and page options. Sizes are in budgets.test.ts. */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { DIST, Harness } from './harness'

const appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
  subPackages?: Array<{ root: string }>
  lazyCodeLoading?: string
}

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
