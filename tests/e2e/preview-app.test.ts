/**
 * The editors' preview build (`npm run build:h5:preview`) in the browser: the app and the content it
 * reads at /content/ on one origin, as the preview server serves them. Each new edition is announced
 * by the DOM event the server's script dispatches; the app shows it without a reload, the open
 * interview in place, and marks the TODOs an importer left.
 */
import path from 'node:path'

import { publishInstallments } from '../../scripts/content/build'
import { staticHandler } from '../../scripts/static-server'
import bundled from '../../src/content/bundled/manifest.json'
import type { Installment, Series } from '../../src/content/schema'
import { generateSeries } from '../fixtures/generate'
import {
  cardTitles,
  listen,
  openPhone,
  ROOT,
  serveDir,
  settled,
  until,
  type Phone,
  type Served,
} from './browser'

jest.setTimeout(60_000)

const PREVIEW_DIST = path.join(ROOT, 'dist', 'h5-preview')
const CONTENT = '/content/'

/** An edition as the editors' builder writes it: file → text. */
function edition(bodies: readonly Installment[]): Map<string, string> {
  const { files } = publishInstallments(bundled.series as Series, bodies)
  return new Map([...files].map(([file, bytes]) => [file, bytes.toString('utf8')]))
}

let files = new Map<string, string>()
let app: Served
let phone: Phone

beforeAll(async () => {
  // Checks the build is there; the app is then served with the content beside it, on one origin.
  await (await serveDir(PREVIEW_DIST)).close()
  const appFiles = staticHandler(PREVIEW_DIST)
  app = await listen((req, res) => {
    const url = (req.url ?? '/').split('?')[0]
    if (!url.startsWith(CONTENT)) return appFiles(req, res)
    const text = files.get(decodeURIComponent(url.slice(CONTENT.length)))
    res.statusCode = text === undefined ? 404 : 200
    // As the preview server does: an edition may change at any moment, so nothing is kept.
    res.setHeader('Cache-Control', 'no-store')
    res.setHeader('Content-Type', 'application/json; charset=utf-8')
    res.end(text ?? 'Not found')
  })
})
afterAll(() => app.close())

beforeEach(async () => {
  phone = await openPhone()
})
afterEach(async () => {
  expect(phone.errors).toEqual([])
  await phone.close()
})

/** What the preview server's script does once it has built a new edition. */
const announce = () => phone.page.evaluate(() => window.dispatchEvent(new CustomEvent('lre-preview')))

/** Set on the window of this document: still there after an update means the page never reloaded. */
const markDocument = () => phone.page.evaluate(() => Object.assign(window, { lreSameDocument: true }))
const sameDocument = () => phone.page.evaluate(() => 'lreSameDocument' in window)

/** How far the page is scrolled, whatever element scrolls it. */
const scrolledOf = (selector: string) =>
  phone.page.locator(selector).evaluate((el) => {
    let scrolled = window.scrollY
    for (let n = el.parentElement; n; n = n.parentElement) scrolled += n.scrollTop
    return scrolled
  })

const series = generateSeries(3, 6000)
const retitled = (bodies: Installment[], title: string) =>
  bodies.map((b, i) => (i === 0 ? { ...b, title } : b))

test('a new edition shows without a reload: a changed title in the list', async () => {
  files = edition(series)
  await phone.page.goto(`${app.url}/`)
  const served = [...series].reverse().map((b) => b.title)
  await until(async () => JSON.stringify(await cardTitles(phone.page)) === JSON.stringify(served), 15_000)
  await markDocument()

  const title = '修订后的标题：稀土分离工艺的三十年'
  files = edition(retitled(series, title))
  await announce()
  await until(async () => (await cardTitles(phone.page)).includes(title))
  expect(await cardTitles(phone.page)).not.toContain(series[0].title)
  expect(await sameDocument()).toBe(true)
})

test('an open interview takes its new body in place, at the same scroll offset, its TODO marked', async () => {
  files = edition(series)
  const open = series[0]
  await phone.page.goto(`${app.url}/#/pages/reader/index?id=${open.id}`)
  // The reader opens from the edition the host serves (the build ships other interviews).
  const answers = phone.page.locator('.b-a')
  await until(async () => (await answers.count()) > 10, 15_000)
  await settled(phone.page)

  // Scrolled as a reader would, to an answer well down the page.
  const index = open.body.findIndex((b, i) => b.type === 'answer' && i > 12)
  const block = phone.page.locator('.blocks__part > *').nth(index)
  await block.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await settled(phone.page)
  const offset = await scrolledOf('.reader__body')
  expect(offset).toBeGreaterThan(1000)
  await markDocument()
  // Nothing on screen gives way to a loading state while the new body is fetched.
  await phone.page.evaluate(() => {
    new MutationObserver(() => {
      if (document.querySelector('.state--loading')) Object.assign(window, { lreFlashed: true })
    }).observe(document.body, { childList: true, subtree: true })
  })

  const todo = 'TODO 核实这一年份。'
  const body = open.body.map((b, i) =>
    i === index && b.type === 'answer' ? { ...b, text: `${todo}${String(b.text).slice(todo.length)}` } : b,
  )
  files = edition([{ ...open, body }, ...series.slice(1)])
  await announce()
  await until(async () => (await block.locator('.todo').count()) === 1)
  expect(await block.locator('.todo').textContent()).toBe(todo)
  expect(await block.locator('.todo').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    'rgb(255, 224, 102)',
  )
  expect(await scrolledOf('.reader__body')).toBe(offset)
  expect(await sameDocument()).toBe(true)
  expect(await phone.page.evaluate(() => 'lreFlashed' in window)).toBe(false)
})
