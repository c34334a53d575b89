/**
 * Leading back to the column in the browser (the H5 build around the fixture column): the original
 * article is an ordinary link that opens in a new tab; the account can be followed by name.
 */
import { fixture, fixtureBody } from '../fixtures/built'
import { axeViolations, H5_FIXTURE_DIST, openPhone, serveDir, type Phone, type Served } from './browser'

jest.setTimeout(60_000)

const withSource = fixture.installments.find((e) => e.source && !e.sample)!
const withoutSource = fixture.installments.find((e) => !e.source)!

let server: Served
let phone: Phone

beforeAll(async () => {
  server = await serveDir(H5_FIXTURE_DIST)
})
afterAll(() => server.close())
beforeEach(async () => {
  phone = await openPhone()
})
afterEach(async () => {
  expect(phone.errors).toEqual([])
  await phone.close()
})

async function openReader(id: string) {
  await phone.page.goto(`${server.url}/#/pages/reader/index?id=${id}`)
  await phone.page.waitForSelector('.reader__body .b-a')
}

test('阅读公众号原文 is a real link to the article that opens a new tab, safely', async () => {
  await openReader(withSource.id)
  const link = phone.page.locator('a.orig__link')
  await link.waitFor()
  expect(await link.textContent()).toBe('阅读公众号原文')
  expect(await link.getAttribute('href')).toBe(withSource.source!.url)
  expect(await link.getAttribute('target')).toBe('_blank')
  expect(await link.getAttribute('rel')).toBe('noopener noreferrer')
  expect(await phone.page.locator('.orig__from').textContent()).toBe(
    `首发于公众号“${withSource.source!.account}”`,
  )
  const box = await link.boundingBox()
  expect(box && box.height >= 44).toBe(true)
  expect(await axeViolations(phone.page)).toEqual([])
})

test('an installment without a source shows no link', async () => {
  await openReader(withoutSource.id)
  // The link comes after the whole body: wait for the body's last words before looking for it.
  const last = fixtureBody(withoutSource.id)
    .body.filter((b) => b.type === 'answer')
    .pop()
  const words = last && typeof last.text === 'string' ? last.text.slice(-12) : ''
  await phone.page.waitForFunction(
    (w) => document.querySelector('.reader__body')?.textContent?.includes(w),
    words,
  )
  expect(words).not.toBe('')
  expect(await phone.page.locator('.orig').count()).toBe(0)
})

test('the list header offers 关注公众号, named for screen readers, and never a broken follow card', async () => {
  await phone.page.goto(`${server.url}/`)
  const follow = phone.page.locator('.series .follow__btn')
  await follow.waitFor()
  expect(await follow.textContent()).toBe('关注公众号')
  expect(await follow.getAttribute('aria-label')).toBe(`关注公众号“${fixture.series.officialAccount!.name}”`)
  expect(
    await phone.page.locator('.follow__card, official-account, taro-official-account-core').count(),
  ).toBe(0)
  await follow.click()
  // The browser cannot open a WeChat profile: the account name goes to the clipboard, and it says so.
  // Taro's toast is a fixed-position box inside a zero-size wrapper: read what the wrapper shows.
  const toast = await phone.page.waitForFunction(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).find(
      (n) => n.style.display !== 'none',
    )
    return shown?.innerText.trim() || null
  })
  expect(await toast.jsonValue()).toBe(
    `已复制“${fixture.series.officialAccount!.name}”，在微信中搜索即可关注`,
  )
})
