/**
 * The browser build's 分享 and its tabBar in the dark scheme, in Chromium on the fixture column
 * (dist/h5-fixture). WeChat's own share button is covered by the weapp suites.
 */
import { PNG } from 'pngjs'

import theme from '../../src/theme.json'
import { fixture as manifest } from '../fixtures/built'
import { H5_FIXTURE_DIST, openPhone, serveDir, until, type Phone, type Served } from './browser'
import { contrast, luminance, parseColour, type Rgb } from './colour'

jest.setTimeout(60_000)

const COPIED = '链接已复制，可粘贴分享'
const entry = manifest.installments.find((e) => e.number === 7)!
const readerPath = (id: string) => `/#/pages/reader/index?id=${encodeURIComponent(id)}`

let server: Served
let phone: Phone | null = null

beforeAll(async () => {
  server = await serveDir(H5_FIXTURE_DIST)
})
afterAll(() => server.close())
afterEach(async () => {
  if (!phone) return
  expect(phone.errors).toEqual([])
  await phone.close()
  phone = null
})

async function openReader(p: Phone, id = entry.id) {
  await p.page.goto(`${server.url}${readerPath(id)}`)
  await p.page.waitForSelector('.reader__body .b-a')
}

const toastShown = (p: Phone) => p.page.getByText(COPIED).isVisible()

/** Records, in order, every text a Taro toast shows on the page (installed before the app loads). */
async function recordToasts(p: Phone): Promise<void> {
  await p.page.addInitScript(() => {
    const shown: string[] = []
    Object.assign(window, { __toasts: shown })
    new MutationObserver(() => {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('.taro__toast'))) {
        const text = el.style.display === 'none' ? '' : el.innerText.trim()
        if (text && shown[shown.length - 1] !== text) shown.push(text)
      }
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}

const toastsSoFar = (p: Phone) =>
  p.page.evaluate(() => [...(window as unknown as { __toasts: string[] }).__toasts])

/**
 * The toasts that `act` showed, found without waiting a guessed time: Taro's toast is loaded first (a
 * favourite's 已收藏), so a toast asked for later is on screen within the same task; after `act`, a
 * second tap (已取消收藏) marks the end, and whatever came between the two is what `act` said.
 */
async function toastsOf(p: Phone, act: () => Promise<void>): Promise<string[]> {
  const favourite = p.page.locator('.reader__tools .fb')
  await favourite.click()
  await until(async () => (await toastsSoFar(p)).includes('已收藏'))
  const before = (await toastsSoFar(p)).length
  await act()
  await favourite.click()
  await until(async () => (await toastsSoFar(p)).slice(before).includes('已取消收藏'))
  return (await toastsSoFar(p)).slice(before, -1)
}

describe('分享 in the browser', () => {
  test('without a system share sheet, 分享 copies the installment’s address and says so; the address opens it', async () => {
    phone = await openPhone()
    const p = phone
    await p.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    await p.page.addInitScript(() => {
      // Desktop Chromium may or may not have one; this test is about the browsers that do not.
      delete (Navigator.prototype as { share?: unknown }).share
    })
    // Arriving from a search result: its passage and words are not part of what is shared.
    await p.page.goto(`${server.url}${readerPath(entry.id)}&block=2&q=abc`)
    await p.page.waitForSelector('.reader__body .b-a')
    await p.page.evaluate(() => navigator.clipboard.writeText('before'))

    await p.page.getByRole('button', { name: '分享' }).click()

    await until(() => toastShown(p))
    const copied = await p.page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(`${server.url}${readerPath(entry.id)}`)
    // A reader who pastes it lands on the same interview.
    const other = await p.context.newPage()
    await other.goto(copied)
    await other.waitForSelector('.reader__body .b-a')
    expect(await other.locator('.reader__title').textContent()).toBe(entry.title)
  })

  test('with a system share sheet, 分享 hands it the share title and the address, and says nothing', async () => {
    phone = await openPhone()
    const p = phone
    await p.page.addInitScript(() => {
      const calls: unknown[] = []
      Object.assign(window, { __shareCalls: calls })
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: (data: unknown) => {
          calls.push(data)
          return Promise.resolve()
        },
      })
    })
    await recordToasts(p)
    await openReader(p)

    const said = await toastsOf(p, async () => {
      await p.page.getByRole('button', { name: '分享' }).click()
      await until(
        async () =>
          (await p.page.evaluate(
            () => (window as unknown as { __shareCalls: unknown[] }).__shareCalls.length,
          )) > 0,
      )
    })
    expect(
      await p.page.evaluate(() => (window as unknown as { __shareCalls: unknown[] }).__shareCalls),
    ).toEqual([
      {
        title: `第 7 期｜${entry.title} — ${entry.interviewee.name}`,
        url: `${server.url}${readerPath(entry.id)}`,
      },
    ])
    expect(said).toEqual([])
  })

  test.each([
    ['the reader closes', 'AbortError', false],
    ['the browser refuses', 'NotAllowedError', true],
  ])('a share sheet %s (%s): copied and said so = %s', async (_name, error, copies) => {
    phone = await openPhone()
    const p = phone
    await p.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    await p.page.addInitScript((name) => {
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: () => Promise.reject(new DOMException('no share', name)),
      })
    }, error)
    await recordToasts(p)
    await openReader(p)
    await p.page.evaluate(() => navigator.clipboard.writeText('before'))

    const said = await toastsOf(p, () => p.page.getByRole('button', { name: '分享' }).click())

    expect(said).toEqual(copies ? [COPIED] : [])
    expect(await p.page.evaluate(() => navigator.clipboard.readText())).toBe(
      copies ? `${server.url}${readerPath(entry.id)}` : 'before',
    )
  })
})

type Bar = { background: Rgb; labels: Array<{ text: string; colour: Rgb; selected: boolean }> }

async function tabBar(p: Phone): Promise<Bar> {
  const read = await p.page.evaluate(() => ({
    background: getComputedStyle(document.querySelector('.weui-tabbar')!).backgroundColor,
    labels: Array.from(document.querySelectorAll('.weui-tabbar__item')).map((item) => ({
      text: (item.textContent ?? '').trim(),
      colour: getComputedStyle(item.querySelector('.weui-tabbar__label')!).color,
      selected: item.classList.contains('weui-bar__item_on'),
    })),
  }))
  return {
    background: parseColour(read.background),
    labels: read.labels.map((l) => ({ ...l, colour: parseColour(l.colour) })),
  }
}

/** The icon as drawn on screen: its colour that stands out most from the bar. */
async function iconInk(p: Phone, label: string, background: Rgb): Promise<Rgb> {
  const shot = await p.page.locator('.weui-tabbar__item', { hasText: label }).locator('img').screenshot()
  const png = PNG.sync.read(shot)
  let best: Rgb = background
  for (let i = 0; i < png.data.length; i += 4) {
    const pixel: Rgb = [png.data[i], png.data[i + 1], png.data[i + 2]]
    if (contrast(pixel, background) > contrast(best, background)) best = pixel
  }
  return best
}

describe('the tabBar follows the colour scheme', () => {
  test.each([
    ['dark', theme.dark],
    ['light', theme.light],
  ] as const)('%s: theme.json’s colours, labels at 4.5:1, icons at 3:1', async (scheme, colours) => {
    phone = await openPhone(scheme)
    const p = phone
    await p.page.goto(`${server.url}/`)
    await p.page.waitForSelector('.cd-t')
    const bar = await tabBar(p)

    expect(bar.background).toEqual(parseColour(colours.tabBackground))
    expect(luminance(bar.background) < 0.05).toBe(scheme === 'dark')
    expect(bar.labels.map((l) => [l.text, l.selected, l.colour])).toEqual([
      ['访谈', true, parseColour(colours.tabSelected)],
      ['收藏', false, parseColour(colours.tabColor)],
    ])
    for (const label of bar.labels) {
      expect([label.text, contrast(label.colour, bar.background) >= 4.5]).toEqual([label.text, true])
      const ink = await iconInk(p, label.text, bar.background)
      expect([label.text, 'icon', contrast(ink, bar.background) >= 3]).toEqual([label.text, 'icon', true])
    }
  })
})
