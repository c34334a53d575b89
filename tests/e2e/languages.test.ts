/**
 * Two languages in a real browser: the H5 build around the generated fixture column (every other
 * installment translated), opened with `?lang=en` or with the browser's own language, in Chromium at
 * a phone viewport. What is read is checked for its `lang`, and each screen with axe.
 */
import { fixture as manifest, fixtureBody } from '../fixtures/built'
import { isFixtureTranslated } from '../fixtures/series'
import { plainText } from '@/content/inline'

import {
  axeViolations,
  H5_FIXTURE_DIST,
  longPress,
  openPhone,
  serveDir,
  type Phone,
  type Served,
} from './browser'

jest.setTimeout(60_000)

let server: Served
let phone: Phone

const translated = manifest.installments.find((e) => isFixtureTranslated(e.number))!
const untranslated = manifest.installments.find((e) => !isFixtureTranslated(e.number))!
const english = fixtureBody(translated.id).en!.body!

beforeAll(async () => {
  server = await serveDir(H5_FIXTURE_DIST)
})
afterAll(() => server.close())

afterEach(async () => {
  expect(phone.errors).toEqual([])
  await phone.close()
})

async function open(query = '?lang=en', locale = 'zh-CN'): Promise<void> {
  phone = await openPhone('light', locale)
  await phone.page.goto(`${server.url}/${query}`)
  await phone.page.waitForSelector('.cd-t')
}

async function openReader(title: string): Promise<void> {
  await phone.page.locator('.cd-t', { hasText: title }).click()
  await phone.page.waitForSelector('.reader__body .b-a')
}

const firstAnswer = () => {
  const block = english.find((b) => b.type === 'answer')
  if (!block || block.type !== 'answer') throw new Error('no English answer')
  return plainText(block.text)
}

test('?lang=en: the document, the list, the tabBar and the title in English', async () => {
  await open()
  const page = phone.page
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
  await page.locator('.cd-t', { hasText: translated.en!.title! }).waitFor()
  await page.locator('.cd-z', { hasText: 'In Chinese' }).first().waitFor()
  expect(await page.locator('.weui-tabbar__item').allInnerTexts()).toEqual(['Interviews', 'Saved'])
  expect(await page.title()).toBe('Light of Rare Earth · 100 Interviews')
  expect(await axeViolations(page)).toEqual([])
})

test('an interview read in English, then in parallel: each block followed by its English, each with its lang', async () => {
  await open()
  const page = phone.page
  await openReader(translated.en!.title!)
  await page
    .locator('.reader__body .b-a', { hasText: firstAnswer().slice(0, 30) })
    .first()
    .waitFor()
  expect(await page.locator('.reader__body .blocks').getAttribute('lang')).toBe('en')
  expect(await axeViolations(page)).toEqual([])

  await page.locator('.choice__item', { hasText: 'Parallel' }).click()
  await page.locator('.reader__body .b--twin').first().waitFor()
  const pairs = await page.locator('.reader__body .b-a').evaluateAll((nodes) =>
    nodes.slice(0, 4).map((n) => ({
      lang: n.getAttribute('lang'),
      twin: n.classList.contains('b--twin'),
      text: (n.textContent ?? '').trim(),
    })),
  )
  expect(pairs.map(({ lang, twin }) => ({ lang, twin }))).toEqual([
    { lang: 'zh-CN', twin: false },
    { lang: 'en', twin: true },
    { lang: 'zh-CN', twin: false },
    { lang: 'en', twin: true },
  ])
  expect(pairs[1].text).toContain(firstAnswer().slice(0, 30))
  expect(await axeViolations(page)).toEqual([])
})

test('an English passage kept in parallel reading stays English on the favourites tab', async () => {
  await open()
  const page = phone.page
  await openReader(translated.en!.title!)
  await page.locator('.choice__item', { hasText: 'Parallel' }).click()
  const twin = page.locator('.reader__body .b-a.b--twin').first()
  await twin.waitFor()
  await longPress(page, twin)
  const keep = page.locator('.taro-actionsheet__cell', { hasText: /^Keep$/ })
  await keep.waitFor()
  // Taro's sheet says 取消 in any language; ours is relabelled.
  const sheet = (await page.locator('.taro__actionSheet').textContent()) ?? ''
  expect([sheet.includes('Cancel'), sheet.includes('取消')]).toEqual([true, false])
  await keep.click()
  await page.locator('.reader__body .b--twin.b--kept').waitFor()
  await page.goBack()
  await page.locator('.weui-tabbar__item', { hasText: 'Saved' }).click()
  await page.locator('.seg__item', { hasText: 'Passages' }).click()
  await page.locator('.ex__text').first().waitFor()
  expect(await page.locator('.ex__text').first().innerText()).toBe(
    firstAnswer().length > 140 ? `${Array.from(firstAnswer()).slice(0, 140).join('')}…` : firstAnswer(),
  )
  expect(await axeViolations(page)).toEqual([])
})

test('an untranslated interview in English says so in one line, over the Chinese', async () => {
  await open()
  const page = phone.page
  await openReader(untranslated.title)
  expect(await page.locator('.reader__note').innerText()).toBe(
    'This interview has no English translation yet; here it is in Chinese.',
  )
  expect(await page.locator('.reader__body .blocks').getAttribute('lang')).toBe('zh-CN')
  expect(await page.locator('.choice').count()).toBe(0)
  expect(await axeViolations(page)).toEqual([])
})

test('without ?lang, the browser’s Chinese gives the Chinese app, and About switches it to English', async () => {
  await open('')
  const page = phone.page
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
  await page.locator('.series__about').click()
  await page.locator('.choice__item', { hasText: 'English' }).click()
  await page.locator('.about__section', { hasText: 'Official account' }).waitFor()
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
  expect(await axeViolations(page)).toEqual([])
  await page.reload()
  await page.locator('.about__section', { hasText: 'Official account' }).waitFor()
})

test('a browser in English, with no ?lang, gets the English app', async () => {
  await open('', 'en-US')
  expect(await phone.page.evaluate(() => document.documentElement.lang)).toBe('en')
  await phone.page.locator('.series__about', { hasText: 'About the column' }).waitFor()
})

test('a choice on About outlasts the address’s ?lang=en: the link’s language is dropped from it', async () => {
  await open()
  const page = phone.page
  await page.locator('.series__about').click()
  // The English About text, marked as English.
  expect(await page.locator('.about__intro .blocks').getAttribute('lang')).toBe('en')
  await page.locator('.choice__item', { hasText: '中文' }).click()
  await page.locator('.about__section', { hasText: '公众号' }).waitFor()
  expect(page.url()).not.toContain('lang=')
  await page.reload()
  await page.locator('.about__section', { hasText: '公众号' }).waitFor()
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
  expect(await page.locator('.about__intro .blocks').getAttribute('lang')).toBe('zh-CN')
  expect(await axeViolations(page)).toEqual([])
})
