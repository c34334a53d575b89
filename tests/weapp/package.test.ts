/** Package size of the compiled mini program: deterministic bytes, asserted. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { DIST, Harness } from './harness'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full) : [full]
  })
}

const appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
  subPackages?: Array<{ root: string }>
  lazyCodeLoading?: string
}
const subRoots = (appJson.subPackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))
const inMain = (file: string) => !subRoots.some((root) => path.relative(DIST, file).startsWith(root))

test('the main package is under the official 1.5 MB hint', () => {
  const bytes = files(DIST)
    .filter(inMain)
    .reduce((sum, f) => sum + statSync(f).size, 0)
  expect(bytes).toBeLessThan(1.5 * 1024 * 1024)
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
