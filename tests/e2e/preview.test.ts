/**
 * The editors' live preview in Chromium (`npm run content -- preview`, on `dist/h5-preview`), on a
 * generated column of 100 installments written as Markdown: what an editor saves shows without a
 * reload — a title on the list, a body being read, in place at its scroll position, a new picture —
 * and a broken file lists its `file:line` over the last good text until the fix clears it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { startPreview, type Preview } from '../../scripts/content/preview'
import {
  fixtureFigure,
  fixtureId,
  fixtureSource,
  nicknameSentence,
  writeFixtureSources,
} from '../fixtures/series'
import { ROOT, openPhone, until, type Phone } from './browser'

jest.setTimeout(120_000)

const COUNT = 100
const APP = path.join(ROOT, 'dist', 'h5-preview')
const OVERLAY = '#lre-preview-problems'
/** What a save may take to show: the budget is 1 s, so this only bounds a failing wait. */
const SHOWN_WITHIN = 10_000

let src: string
let preview: Preview
let phone: Phone

const file = (number: number) => path.join(src, `${fixtureId(number)}.md`)
const edit = (number: number, change: (text: string) => string) =>
  writeFileSync(file(number), change(fixtureSource(number)))

beforeAll(async () => {
  if (!existsSync(path.join(APP, 'index.html'))) throw new Error('run `npm run build:h5:preview` first')
  src = mkdtempSync(path.join(tmpdir(), 'lre-preview-e2e-'))
  writeFixtureSources(src, COUNT)
  preview = await startPreview({ src, appDir: APP, port: 0 })
})
afterAll(async () => {
  await preview.close()
  rmSync(src, { recursive: true, force: true })
})

beforeEach(async () => {
  writeFixtureSources(src, COUNT)
  await preview.rebuild()
  phone = await openPhone()
})
afterEach(async () => {
  expect(phone.errors).toEqual([])
  await phone.close()
})

/** How far the page is scrolled, whatever element scrolls it (Taro's page or the window). */
const scrolled = () =>
  phone.page.locator('.reader__body').evaluate((el) => {
    let offset = window.scrollY
    for (let n = el.parentElement; n; n = n.parentElement) offset += n.scrollTop
    return offset
  })
const text = (selector: string) => phone.page.locator(selector).allInnerTexts()
const shows = async (selector: string, words: string) => (await text(selector)).some((t) => t.includes(words))

test('the list shows the folder; a title saved on disk appears without a reload', async () => {
  await phone.page.goto(`${preview.url}/`)
  await until(() => shows('.cd-t', `第 ${COUNT} 个故事`), SHOWN_WITHIN)
  const marker = await phone.page.evaluate(() => ((window as unknown as { marker: number }).marker = 42))
  edit(COUNT, (t) => t.replace(/^title: .*$/m, 'title: 编辑刚改过的标题（虚构）'))
  await until(() => shows('.cd-t', '编辑刚改过的标题（虚构）'), SHOWN_WITHIN)
  // The same page: not reloaded.
  expect(await phone.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(marker)
})

test('an interview being read updates in place, at its scroll position', async () => {
  const number = COUNT - 3
  await phone.page.goto(`${preview.url}/#/pages/reader/index?id=${fixtureId(number)}`)
  await phone.page.waitForSelector('.reader__body .b-a')
  // Scrolled to the fourth answer, by whatever element scrolls the page.
  await phone.page
    .locator('.reader__body .b-a')
    .nth(3)
    .evaluate((el) => el.scrollIntoView({ block: 'start' }))
  const offset = await scrolled()
  expect(offset).toBeGreaterThan(300)
  edit(number, (t) => t.replace(nicknameSentence(number), '这一句是编辑刚刚改写的（虚构）。'))
  await until(() => shows('.reader__body', '这一句是编辑刚刚改写的（虚构）。'), SHOWN_WITHIN)
  expect(await shows('.reader__body', nicknameSentence(number))).toBe(false)
  expect(await scrolled()).toBe(offset)
})

test('a broken front matter lists its file:line over the last good text; the fix clears it', async () => {
  const number = COUNT
  await phone.page.goto(`${preview.url}/#/pages/reader/index?id=${fixtureId(number)}`)
  await phone.page.waitForSelector('.reader__body .b-a')
  edit(number, (t) => t.replace(/^number: .*$/m, 'number: one hundred'))
  await phone.page.waitForSelector(OVERLAY, { timeout: SHOWN_WITHIN })
  expect((await text(OVERLAY)).join('\n')).toMatch(new RegExp(`${fixtureId(number)}\\.md:3: number`))
  // The last good edition stays readable under it.
  expect(await shows('.reader__title', `第 ${number} 个故事`)).toBe(true)
  edit(number, (t) => t)
  await phone.page.waitForSelector(OVERLAY, { state: 'detached', timeout: SHOWN_WITHIN })
})

test('a new picture appears in the interview being read', async () => {
  const number = COUNT - 1
  await phone.page.goto(`${preview.url}/#/pages/reader/index?id=${fixtureId(number)}`)
  await phone.page.waitForSelector('.reader__body .b-a')
  const pictures = phone.page.locator('.reader__body taro-image-core')
  const before = await pictures.count()
  writeFileSync(path.join(src, 'media', 'new-figure.png'), fixtureFigure())
  edit(number, (t) => `${t}\n![新加的图（虚构）](media/new-figure.png)\n`)
  await until(async () => (await pictures.count()) > before, SHOWN_WITHIN)
  // Its address is on the preview's content host; scrolled to, it loads.
  const added = pictures.last()
  expect(await added.getAttribute('src')).toMatch(/^\/content\/media\/[a-f0-9]+\.png$/)
  await added.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  const image = added.locator('img')
  await until(() =>
    image.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0),
  )
})

test('a TODO left by the importer is highlighted', async () => {
  const number = COUNT - 2
  await phone.page.goto(`${preview.url}/#/pages/reader/index?id=${fixtureId(number)}`)
  await phone.page.waitForSelector('.reader__body .b-a')
  edit(number, (t) => t.replace(nicknameSentence(number), 'TODO 核对这一段的人名。'))
  await until(() => shows('.reader__body .todo', 'TODO'), SHOWN_WITHIN)
})
