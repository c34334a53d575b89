/**
 * Remote content in the browser: the H5 build made with TARO_APP_CONTENT_URL pointing at a content
 * host on this machine (another origin, as a CDN is). New installments appear after a refresh; with the
 * host gone the app still shows everything and says it could not update.
 */
import { generateSeries } from '../fixtures/generate'
import {
  bundledBodies,
  bundledManifest,
  newInstallment,
  publish,
  type Published,
} from '../weapp/content-server'
import {
  cardTitles,
  H5_REMOTE_DIST,
  holdContentPort,
  openPhone,
  serveContent,
  serveDir,
  until,
  type Phone,
  type Served,
} from './browser'

jest.setTimeout(60_000)

let app: Served
let content: Served | null = null
let files: Published
let phone: Phone
let releasePort: () => void

beforeAll(async () => {
  // offline-store.test.ts serves content on the same port: one file at a time.
  releasePort = await holdContentPort()
  app = await serveDir(H5_REMOTE_DIST)
}, 330_000)
afterAll(async () => {
  await app.close()
  releasePort()
})

beforeEach(async () => {
  files = publish(bundledBodies())
  content = await serveContent(() => files)
  phone = await openPhone()
})
afterEach(async () => {
  expect(phone.errors).toEqual([])
  await phone.close()
  await content?.close()
  content = null
})

const extra = newInstallment(bundledManifest.installments.length + 1)
const count = () => phone.page.locator('.cd-t').count()

test('a new installment appears after a refresh; with the host gone, everything still shows', async () => {
  await phone.page.goto(`${app.url}/`)
  await phone.page.waitForSelector('.cd-t')
  await until(async () => (await count()) === bundledManifest.installments.length)

  files = publish([...bundledBodies(), extra])
  await phone.page.reload()
  await until(async () => (await cardTitles(phone.page)).includes(extra.title))
  const card = phone.page.locator('.cd', { hasText: extra.title })
  expect(await card.getAttribute('class')).toContain('cd--n')

  await content?.close()
  content = null
  await phone.page.reload()
  await phone.page.waitForSelector('.notice')
  expect(await phone.page.locator('.notice').textContent()).toBe('没能更新，正在显示已保存的内容')
  expect(await cardTitles(phone.page)).toContain(extra.title)
  expect(await count()).toBe(bundledManifest.installments.length + 1)
})

test('scrolling to the bottom loads the next 20', async () => {
  files = publish(generateSeries(100))
  await phone.page.goto(`${app.url}/`)
  await until(async () => (await count()) === 20)
  // Scroll as a reader does until the next page shows, however long it takes to come.
  await until(async () => {
    await phone.page.mouse.wheel(0, 4000)
    return (await count()) >= 40
  }, 20_000)
  expect(await count()).toBe(40)
})
