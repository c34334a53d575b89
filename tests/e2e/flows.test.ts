/**
 * The reader's flows in a real browser: the H5 build around the generated fixture column
 * (dist/h5-fixture) in Chromium at a phone viewport. Each test gets a fresh profile, so storage
 * starts empty.
 */
import { fixture as manifest, fixtureBody } from '../fixtures/built'
import { fixtureNickname } from '../fixtures/series'
import {
  axeViolations,
  chromiumPath,
  longPress,
  cardTitles,
  H5_FIXTURE_DIST,
  openPhone,
  serveDir,
  tapTargets,
  until,
  type Phone,
  type Served,
} from './browser'

jest.setTimeout(60_000)

let server: Served
let phone: Phone

const newestFirst = [...manifest.installments].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
const byNumber = (n: number) => manifest.installments.find((e) => e.number === n)!

beforeAll(async () => {
  server = await serveDir(H5_FIXTURE_DIST)
})
afterAll(() => server.close())

beforeEach(async () => {
  phone = await openPhone()
  await phone.page.goto(`${server.url}/`)
  await phone.page.waitForSelector('.cd-t')
})
afterEach(async () => {
  expect(phone.errors).toEqual([])
  await phone.close()
})

async function openReader(title: string) {
  await phone.page.locator('.cd-t', { hasText: title }).click()
  await phone.page.waitForSelector('.reader__body .b-a')
}

async function tab(label: '访谈' | '收藏') {
  await phone.page.locator('.weui-tabbar__item', { hasText: label }).click()
}

test('the list loads with the column titles, newest first', async () => {
  expect(await cardTitles(phone.page)).toEqual(newestFirst.map((e) => e.title))
  expect(await phone.page.locator('.series__title').textContent()).toBe(manifest.series.title)
})

test('filter by group', async () => {
  await phone.page.locator('.chip', { hasText: '科学家' }).click()
  await expect(cardTitles(phone.page)).resolves.toEqual(
    newestFirst.filter((e) => e.interviewee.group === 'scientist').map((e) => e.title),
  )
})

async function openSearch(p: Phone = phone) {
  await p.page.locator('.search').click()
  await p.page.waitForSelector('.sbar__input input')
}

async function searchFor(query: string, p: Phone = phone) {
  await p.page.locator('.sbar__input input').fill(query)
}

async function keepFirstAnswer(withNote = '') {
  await openReader(newestFirst[0].title)
  const block = phone.page.locator('.reader__body .b-a').first()
  await longPress(phone.page, block)
  await phone.page
    .locator('.taro-actionsheet__cell', { hasText: withNote ? '摘录并写想法' : '摘录' })
    .first()
    .click()
  if (withNote) {
    await phone.page.locator('.note__box textarea').fill(withNote)
    await phone.page.locator('.note__save').click()
  }
  await phone.page.locator('.reader__body .b--kept').waitFor()
  return (await block.innerText()).replace(/^答\s*/, '')
}

test('a long-pressed answer is kept, underlined, listed under 摘录 with its note, and still there after a reload', async () => {
  const kept = await keepFirstAnswer('想起了第一次进车间')
  expect(await phone.page.locator('.reader__body .b--kept').count()).toBe(1)
  // A quiet underline under the kept passage.
  const line = await phone.page
    .locator('.reader__body .b--kept')
    .evaluate((el) => getComputedStyle(el).textDecorationLine)
  expect(line).toContain('underline')
  await phone.page.goBack()
  await tab('收藏')
  await phone.page.locator('.seg__item', { hasText: '摘录' }).click()
  await phone.page.waitForSelector('.ex')
  expect(
    kept.startsWith((await phone.page.locator('.ex__text').innerText()).replace(/…$/, '').slice(0, 20)),
  ).toBe(true)
  expect(await phone.page.locator('.ex__note').innerText()).toContain('想起了第一次进车间')
  await phone.page.reload()
  await tab('收藏')
  await phone.page.locator('.seg__item', { hasText: '摘录' }).click()
  await phone.page.waitForSelector('.ex')
  expect(await phone.page.locator('.ex').count()).toBe(1)
})

test('a picture takes its box from its size, over its colour, with its caption as the alternative', async () => {
  const entry = newestFirst.find((e) => fixtureBody(e.id).body.some((b) => b.type === 'image'))!
  const image = fixtureBody(entry.id).body.find((b) => b.type === 'image')!
  if (image.type !== 'image') throw new Error('not an image')
  await openReader(entry.title)
  const box = phone.page.locator('.b-img__pic').first()
  await box.locator('img').waitFor({ state: 'attached' })
  const size = await box.boundingBox()
  expect(size && size.height / size.width).toBeCloseTo(image.height / image.width, 1)
  expect(await box.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)')
  expect(await box.locator('img').getAttribute('alt')).toBe(`查看大图：${image.caption ?? ''}`)
})

test('search finds a phrase from inside an interview, and the tap lands on it, marked', async () => {
  const target = byNumber(9)
  const phrase = fixtureNickname(9)
  await openSearch()
  await searchFor(phrase)
  await phone.page.waitForSelector('.sr')
  expect(await phone.page.locator('.sr-t').allTextContents()).toEqual([target.title])
  expect(await phone.page.locator('.sr-s .hl').allTextContents()).toEqual([phrase])
  await phone.page.locator('.sr').click()
  // The passage is marked and brought into view, below the fold of a phone screen.
  const found = phone.page.locator('.b--hit')
  await found.waitFor()
  expect(await found.locator('.b-mark').allTextContents()).toEqual([phrase])
  const viewport = phone.page.viewportSize()
  // It lies below the first screen, so the page has to scroll for the reader to see it. Measured from
  // the top of the document, which holds whether or not the scroll has begun.
  const top = await found.evaluate((el) => {
    let scrolled = window.scrollY
    for (let n = el.parentElement; n; n = n.parentElement) scrolled += n.scrollTop
    return el.getBoundingClientRect().top + scrolled
  })
  expect(viewport && top > viewport.height).toBe(true)
  await until(async () => {
    const box = await found.boundingBox()
    return Boolean(box && viewport && box.y >= 0 && box.y + box.height / 2 < viewport.height)
  })
  // Back on the search page, the query and its results are still there.
  await phone.page.goBack()
  await phone.page.waitForSelector('.sr')
  expect(await phone.page.locator('.sbar__input input').inputValue()).toBe(phrase)
  expect(await phone.page.locator('.sr-t').allTextContents()).toEqual([target.title])
})

test('search by name, and a search with no match shows the empty state', async () => {
  const target = newestFirst[3]
  await openSearch()
  await searchFor(target.interviewee.name)
  await phone.page.waitForSelector('.sr')
  expect((await phone.page.locator('.sr-t').allTextContents())[0]).toBe(target.title)
  await searchFor('没有这样的人')
  await phone.page.waitForSelector('.state--empty')
  expect(await phone.page.locator('.state__title').textContent()).toBe('没有找到相关访谈')
})

test('the About page shows the content source', async () => {
  await phone.page.locator('.series__about').click()
  await phone.page.waitForSelector('.about__table')
  const table = await phone.page.locator('.about__table').textContent()
  expect(table).toContain('随小程序附带')
  expect(table).toContain(manifest.contentVersion)
})

describe('accessibility', () => {
  const screens: Array<[string, (p: Phone) => Promise<void>]> = [
    ['the list', async () => undefined],
    ['the reader', async () => openReader(byNumber(7).title)],
    [
      'search results',
      async (p) => {
        await openSearch(p)
        await searchFor(byNumber(2).title.slice(0, 3), p)
        await p.page.waitForSelector('.sr')
      },
    ],
    [
      'an empty search',
      async (p) => {
        await openSearch(p)
        await searchFor('没有这样的人', p)
        await p.page.waitForSelector('.state--empty')
      },
    ],
    [
      'the favourites tab, empty',
      async () => {
        await tab('收藏')
        await phone.page.waitForSelector('.state--empty')
      },
    ],
    [
      'the excerpts tab, with an excerpt and its note',
      async () => {
        await keepFirstAnswer('一段想法')
        await phone.page.goBack()
        await tab('收藏')
        await phone.page.locator('.seg__item', { hasText: '摘录' }).click()
        await phone.page.waitForSelector('.ex__note')
      },
    ],
    [
      'the note editor',
      async () => {
        await keepFirstAnswer()
        await longPress(phone.page, phone.page.locator('.reader__body .b--kept'))
        await phone.page.locator('.taro-actionsheet__cell', { hasText: '写想法' }).click()
        await phone.page.waitForSelector('.note__box')
      },
    ],
    [
      'the About page',
      async (p) => {
        await p.page.locator('.series__about').click()
        await p.page.waitForSelector('.about__table')
      },
    ],
    [
      'not-found',
      async (p) => {
        await p.page.goto(`${server.url}/#/pages/reader/index?id=nope`)
        await p.page.waitForSelector('.state--not-found')
      },
    ],
  ]

  test.each(screens)(
    '%s: no serious or critical axe violations, tap targets ≥ 44×44, no raw undefined',
    async (_name, go) => {
      await go(phone)
      expect(await axeViolations(phone.page)).toEqual([])
      const small = (await tapTargets(phone.page)).filter((t) => t.width < 44 || t.height < 44)
      expect(small).toEqual([])
      expect(await phone.page.locator('body').innerText()).not.toMatch(/undefined|NaN|\[object Object\]/)
    },
  )

  test('icon-only controls have accessible names', async () => {
    await openReader(byNumber(7).title)
    for (const selector of ['.reader__tools .fb', '.font__btn']) {
      const labels = await phone.page
        .locator(selector)
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')))
      expect(labels.every((l) => typeof l === 'string' && l.length > 0)).toBe(true)
    }
  })
})

test('a missing Chromium fails with the line that installs it', () => {
  const saved = process.env.CHROMIUM_PATH
  process.env.CHROMIUM_PATH = '/nonexistent/chromium'
  try {
    expect(() => chromiumPath()).toThrow('apt-get install -y chromium')
  } finally {
    if (saved === undefined) delete process.env.CHROMIUM_PATH
    else process.env.CHROMIUM_PATH = saved
  }
})

describe('dark mode', () => {
  test.each([
    ['the list', async (p: Phone) => p.page.waitForSelector('.cd-t')],
    [
      'the reader',
      async (p: Phone) => {
        await p.page.locator('.cd-t', { hasText: byNumber(7).title }).click()
        await p.page.waitForSelector('.reader__body .b-a')
      },
    ],
    [
      'search results',
      async (p: Phone) => {
        await openSearch(p)
        await searchFor(byNumber(2).title.slice(0, 3), p)
        await p.page.waitForSelector('.sr .hl')
      },
    ],
  ])('%s follows the system dark scheme and keeps 4.5:1 contrast', async (_name, go) => {
    const dark = await openPhone('dark')
    try {
      await dark.page.goto(`${server.url}/`)
      await dark.page.waitForSelector('.cd-t')
      await go(dark)
      const paper = await dark.page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--paper').trim(),
      )
      expect(paper).toBe('#1b1917')
      expect(await axeViolations(dark.page)).toEqual([])
      expect(dark.errors).toEqual([])
    } finally {
      await dark.close()
    }
  })
})
