/**
 * Offline reading in the browser, on what the app keeps: the H5 build with a content URL reads a
 * generated edition online (two interviews opened, the search page opened), then relaunches with the
 * content host gone. Bodies and the search file (in parts) are files in IndexedDB; localStorage keeps
 * small records only, and the reader's own data is left alone.
 */
import type { Page } from 'playwright-core'

import { generateSeries, uniquePhrase } from '../fixtures/generate'
import { bodyFile, bundledManifest, publish } from '../weapp/content-server'
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

jest.setTimeout(120_000)

/** Big enough that the search file comes in more than one part (parts are about 1 MB): ~2.3 MB. */
const series = generateSeries(120, 6000)
const files = publish(series)
const manifest = JSON.parse(files.get('manifest.json') as string) as {
  search: { sha256: string; bytes: number; parts: Array<{ path: string; bytes: number }> }
}
/** The two newest, on the list's first screen: the interviews read online. */
const read = [series[119], series[118]]
/** An interview far down the list, never opened: its body is only in the search file. */
const neverOpened = series[5]
const phraseOf = (i: number) => uniquePhrase(series[i].number - 1)
const firstAnswer = (i: number) => {
  const block = series[i].body.find((b) => b.type === 'answer')
  if (!block || block.type !== 'answer') throw new Error('no answer')
  return block.text
}

const KiB = 1024
const NOT_UPDATED = '没能更新，正在显示已保存的内容'

let app: Served
let content: Served | null = null
let phone: Phone
let releasePort: () => void

beforeAll(async () => {
  // remote.test.ts serves content on the same fixed port: one file at a time.
  releasePort = await holdContentPort()
  app = await serveDir(H5_REMOTE_DIST)
}, 330_000)
afterAll(async () => {
  await app.close()
  releasePort()
})

beforeEach(async () => {
  content = await serveContent(() => files)
  phone = await openPhone()
})
afterEach(async () => {
  expect(phone.errors).toEqual([])
  await phone.close()
  await content?.close()
  content = null
})

/**
 * Waits until the page holding `selector` is the one page on screen, as a reader sees it: Taro keeps
 * the page underneath in the DOM and hides it a moment after the new one shows, so a back tapped
 * earlier than that would race its router, not the app.
 */
async function onScreen(page: Page, selector: string) {
  await until(async () => {
    const pages = page.locator('.taro_page:visible')
    return (await pages.count()) === 1 && (await pages.locator(selector).count()) > 0
  }, 20_000)
}

async function openInterview(page: Page, title: string) {
  await page.locator('.cd-t:visible', { hasText: title }).click()
  await page.locator('.reader__title:visible', { hasText: title }).waitFor()
  await page.locator('.reader__body:visible .b-a').first().waitFor()
  await onScreen(page, '.reader__body')
}

async function backToList(page: Page) {
  await page.goBack()
  await onScreen(page, '.cd-t')
}

async function openSearch(page: Page) {
  await page.locator('.search:visible').click()
  await page.locator('.sbar__input:visible input').waitFor()
  await onScreen(page, '.sbar__input')
}

/** Searches, and waits until the page shows results or says there are none. */
async function search(page: Page, query: string): Promise<string[]> {
  await page.locator('.sbar__input:visible input').fill(query)
  await until(async () => (await page.locator('.sr:visible, .state--empty:visible').count()) > 0, 30_000)
  return page.locator('.sr-t:visible').allTextContents()
}

/**
 * A first launch online: the list moves onto the remote edition, the reader opens two interviews and
 * the search page, which finds a phrase inside a body on the network's search file. Then waits until
 * the app has kept that file (named in its index): it is written in the background, behind the page.
 */
async function readOnline(page: Page, favourite = false) {
  await page.goto(`${app.url}/`)
  await until(async () => (await cardTitles(page)).includes(read[0].title), 20_000)
  for (const installment of read) {
    await openInterview(page, installment.title)
    if (favourite && installment === read[0]) {
      await page.locator('.reader:visible .fb').click()
      await page.locator('.reader:visible .fb--on').waitFor()
    }
    await backToList(page)
  }
  await openSearch(page)
  expect(await search(page, phraseOf(series.indexOf(neverOpened)))).toEqual([neverOpened.title])
  await until(async () => (await keptSearchParts(page)) === manifest.search.parts.length, 30_000)
  await backToList(page)
}

/** The content host goes away and the app relaunches: it can only say it could not update. */
async function relaunchOffline(page: Page) {
  await content?.close()
  content = null
  await page.reload()
  await page.waitForSelector('.cd-t')
  await until(async () => (await page.locator('.notice').allTextContents()).includes(NOT_UPDATED), 20_000)
}

const keptSearchParts = (page: Page) =>
  page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('lre.cache.files') ?? 'null') as { data?: string } | null
    const parsed = index?.data ? (JSON.parse(index.data) as { search?: { parts?: unknown[] } }) : null
    return parsed?.search?.parts?.length ?? 0
  })

type StoredFile = { name: string; bytes: number; text: boolean }

/** Every record of the app's IndexedDB store, opened as the app opens it (never created here). */
const indexedFiles = (page: Page): Promise<StoredFile[]> =>
  page.evaluate(
    () =>
      new Promise<StoredFile[]>((resolve, reject) => {
        const open = indexedDB.open('lre-lre-cache', 1)
        open.onupgradeneeded = () => {
          open.transaction?.abort()
          reject(new Error('the app never opened its database'))
        }
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const records: StoredFile[] = []
          const cursor = db.transaction('files', 'readonly').objectStore('files').openCursor()
          cursor.onerror = () => reject(cursor.error)
          cursor.onsuccess = () => {
            const at = cursor.result
            if (!at) {
              db.close()
              resolve(records)
              return
            }
            const value: unknown = at.value
            const text = typeof value === 'string'
            records.push({ name: String(at.key), bytes: text ? new Blob([value]).size : 0, text })
            at.continue()
          }
        }
      }),
  )

/** localStorage as the app left it: every key with its value's length in UTF-8 bytes, and the text. */
const localStore = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage).map((key) => {
      const value = localStorage.getItem(key) ?? ''
      return { key, bytes: new Blob([value]).size, value }
    }),
  )

test('read online, relaunched offline: both interviews open with their text, and search finds a body never opened', async () => {
  expect(manifest.search.parts.length).toBeGreaterThan(1)
  const { page } = phone
  await readOnline(page)

  await relaunchOffline(page)
  // The list is the remote edition, not the one the app ships.
  expect(await cardTitles(page)).toContain(read[0].title)
  for (const installment of read) {
    await openInterview(page, installment.title)
    expect(await page.locator('.reader__title:visible').textContent()).toBe(installment.title)
    const body = await page.locator('.reader__body:visible').innerText()
    expect(body).toContain(firstAnswer(series.indexOf(installment)).slice(0, 60))
    await backToList(page)
  }

  await openSearch(page)
  expect(await search(page, phraseOf(series.indexOf(neverOpened)))).toEqual([neverOpened.title])
  // Full text, kept: the page says nothing about searching less than every body.
  expect(await page.locator('.search-page .notice').count()).toBe(0)
})

test('bodies and search parts are files in IndexedDB; localStorage keeps small records, and the reader’s data is untouched', async () => {
  const { page } = phone
  await readOnline(page, true)

  const kept = await indexedFiles(page)
  expect(kept.every((r) => r.text)).toBe(true)
  for (const installment of read) {
    const published = files.get(bodyFile(files, installment.id)) as string
    const body = kept.filter((r) => r.name.startsWith(`body.${installment.id}.`))
    expect(body.map((r) => r.bytes)).toEqual([Buffer.byteLength(published)])
  }
  // Every part, in order, as long as the manifest says: `search.<file>.<part>.<hash>.json`.
  const parts = kept
    .filter((r) => r.name.startsWith('search.'))
    .sort((a, b) => Number(a.name.split('.')[2]) - Number(b.name.split('.')[2]))
  expect(parts.map((r) => r.bytes)).toEqual(manifest.search.parts.map((p) => p.bytes))

  const stored = await localStore(page)
  const cacheKeys = stored.filter((s) => s.key.startsWith('lre.cache.'))
  expect(cacheKeys.map((s) => s.key).sort()).toEqual(['lre.cache.files', 'lre.cache.head', 'lre.cache.new'])
  for (const { key, bytes } of cacheKeys)
    expect({ key, small: bytes < 64 * KiB }).toEqual({ key, small: true })
  // No body or search text anywhere in localStorage: not one phrase of the bodies read or searched.
  const phrases = [...read, neverOpened].map((i) => phraseOf(series.indexOf(i)))
  for (const { key, value } of stored)
    for (const phrase of phrases)
      expect({ key, holds: value.includes(phrase) }).toEqual({ key, holds: false })

  const userData = () =>
    localStore(page).then((all) =>
      all.filter((s) => s.key.startsWith('lre.user.')).map((s) => [s.key, s.value]),
    )
  const before = await userData()
  expect(before.map(([key]) => key)).toContain('lre.user.favourites')
  await relaunchOffline(page)
  // The relaunch reads the kept manifest and search file back (the list, then a search) and writes none of it over the reader's data.
  await openSearch(page)
  expect(await search(page, phraseOf(series.indexOf(neverOpened)))).toEqual([neverOpened.title])
  expect(await userData()).toEqual(before)
  await backToList(page)
  await page.locator('.weui-tabbar__item', { hasText: '收藏' }).click()
  await page.waitForSelector('.fav__title')
  expect(await page.locator('.fav__title').allTextContents()).toEqual([read[0].title])
})

test('with the IndexedDB database deleted behind the app’s back, the offline relaunch still shows the list and says it could not update', async () => {
  const { page } = phone
  await readOnline(page)

  // Away from the app (a page of its origin that is not the app), so no open connection blocks the delete.
  await page.goto(`${app.url}/not-the-app`)
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('lre-lre-cache')
        request.onsuccess = () => resolve()
        request.onerror = () => reject(request.error)
        request.onblocked = () => reject(new Error('blocked: the app still holds the database'))
      }),
  )
  await content?.close()
  content = null
  await page.goto(`${app.url}/`)
  await page.waitForSelector('.cd-t')
  await until(async () => (await page.locator('.notice').allTextContents()).includes(NOT_UPDATED), 20_000)
  // The kept edition is gone with its files: the list is the one the app ships, not an empty screen.
  const shipped = bundledManifest.installments.map((e) => e.title)
  await until(async () => (await cardTitles(page)).some((title) => shipped.includes(title)), 20_000)
  expect(await cardTitles(page)).not.toContain(read[0].title)
})
