/**
 * The browser build's first screen: what a reader who opens a shared link outside WeChat downloads
 * before the list is shown. Reader, About, remote refresh and toast code load later, on first use.
 */
import { H5_FIXTURE_DIST, H5_REMOTE_DIST } from './browser'
import { measureFirstScreen } from './first-screen'

jest.setTimeout(60_000)

const KB = 1024

test.each([
  ['the bundled-content build', 3, H5_FIXTURE_DIST],
  ['the remote-content build (its content source loads beside the list)', 4, H5_REMOTE_DIST],
])('%s: ≤ %i scripts and ≤ 160 KB of gzip JavaScript before the list shows', async (_name, scripts, dir) => {
  const first = await measureFirstScreen(dir)
  expect(first.errors).toEqual([])
  expect(first.scripts.length).toBeLessThanOrEqual(scripts)
  expect(first.gzipBytes).toBeLessThanOrEqual(160 * KB)
})
