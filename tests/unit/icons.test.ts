import { readFileSync } from 'node:fs'
import path from 'node:path'

import { PNG } from 'pngjs'

import appConfig from './support/app-config'
import { tabIcons } from '../../scripts/make-images'

const SRC = path.resolve(__dirname, '../../src')
const icons = appConfig.tabBar.list.flatMap((t) => [t.iconPath, t.selectedIconPath])

test.each(icons)('%s is a committed PNG of at most 40 KB', (icon) => {
  const bytes = readFileSync(path.join(SRC, icon))
  expect(bytes.length).toBeLessThanOrEqual(40 * 1024)
  const png = PNG.sync.read(bytes)
  expect([png.width, png.height]).toEqual([81, 81])
})

test('the committed icons are what scripts/make-images.ts draws', () => {
  const drawn = tabIcons()
  for (const icon of icons) {
    expect([icon, readFileSync(path.join(SRC, icon)).equals(drawn[path.basename(icon)])]).toEqual([
      icon,
      true,
    ])
  }
})
