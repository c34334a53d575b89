/**
 * The quote card in a real browser: the H5 fixture build in Chromium draws the card on a canvas,
 * shows the PNG, and downloads it (no file sharing in desktop Chromium) or hands it to the Web Share
 * API as a file where the browser can share files. The PNG is decoded and checked: its size, and that
 * it is not blank.
 */
import { readFileSync } from 'node:fs'

import { PNG } from 'pngjs'

import { plainText } from '@/content/inline'

import { fixture, fixtureBody } from '../fixtures/built'
import { H5_FIXTURE_DIST, openPhone, serveDir, type Phone, type Served } from './browser'

jest.setTimeout(60_000)

const entry = fixture.installments[0]
const body = fixtureBody(entry.id).body
const block = body.findIndex((b) => b.type === 'answer')
const passage = (() => {
  const b = body[block]
  return b && 'text' in b ? plainText(b.text) : ''
})()

let server: Served
let phone: Phone

beforeAll(async () => {
  server = await serveDir(H5_FIXTURE_DIST)
})
afterAll(() => server.close())

afterEach(async () => {
  expect(phone.errors).toEqual([])
  await phone.close()
})

async function openCard(): Promise<void> {
  await phone.page.goto(`${server.url}/#/pages/reader/card/index?id=${entry.id}&block=${block}`)
  await phone.page.waitForSelector('.card-page__image img[src^="blob:"]')
}

/** The PNG's size from its IHDR chunk, and how much of it is not the paper colour. */
function inspect(png: Buffer) {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
  const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
  const image = PNG.sync.read(png)
  const colours = new Set<number>()
  let inked = 0
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i], image.data[i + 1], image.data[i + 2]]
    colours.add((r << 16) | (g << 8) | b)
    // Paper is #f7f4ef; ink and the red rule are far darker.
    if (r + g + b < 3 * 160) inked++
  }
  return { size, colours: colours.size, inkedShare: inked / (size.width * size.height) }
}

test('the card downloads as a 1080 × 1440 PNG with the passage drawn on it', async () => {
  phone = await openPhone()
  expect(passage.length).toBeGreaterThan(10)
  await openCard()
  const [download] = await Promise.all([
    phone.page.waitForEvent('download'),
    phone.page.locator('.card-page__button', { hasText: '保存图片' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/\.png$/)
  const { size, colours, inkedShare } = inspect(readFileSync(await download.path()))
  expect(size).toEqual({ width: 1080, height: 1440 })
  // Text in anti-aliased ink on paper: many shades, and a few per cent of the card inked, not none.
  expect(colours).toBeGreaterThan(20)
  expect(inkedShare).toBeGreaterThan(0.005)
  expect(inkedShare).toBeLessThan(0.5)
  await phone.page.getByText('图片已下载').waitFor()
})

test('where the browser shares files, the card goes to the share sheet as a PNG file', async () => {
  phone = await openPhone()
  await phone.page.addInitScript(() => {
    const shared: Array<{ name: string; type: string; size: number }> = []
    Object.assign(window, { __shared: shared })
    Object.assign(navigator, {
      canShare: (data: { files?: File[] }) => Boolean(data.files?.length),
      share: async (data: { files: File[] }) => {
        for (const f of data.files) shared.push({ name: f.name, type: f.type, size: f.size })
      },
    })
  })
  await openCard()
  await phone.page.locator('.card-page__button', { hasText: '分享图片' }).click()
  await phone.page.waitForFunction(() => (window as unknown as { __shared: unknown[] }).__shared.length > 0)
  const shared = await phone.page.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared)
  expect(shared).toEqual([
    { name: expect.stringMatching(/\.png$/), type: 'image/png', size: expect.any(Number) },
  ])
  expect((shared[0] as { size: number }).size).toBeGreaterThan(10_000)
})

test('an unknown installment shows the not-found state', async () => {
  phone = await openPhone()
  await phone.page.goto(`${server.url}/#/pages/reader/card/index?id=no-such-interview&block=0`)
  await phone.page.waitForSelector('.state--not-found')
  expect(await phone.page.locator('.state__title').textContent()).toBe('没有找到这段话')
})
