/**
 * `npm run screenshots`: the H5 build at a phone viewport (390×844, 2×) in Chromium, saved as PNGs in
 * docs/screenshots/ for the README. Builds dist/h5 first if it is missing. Chinese text needs a CJK
 * font (Debian: fonts-noto-cjk).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { H5_DIST, longPress, openPhone, serveDir, settled } from '../e2e/browser'
import { ensureBuilt } from './ensure-built'

const OUT = path.resolve(__dirname, '..', '..', 'docs', 'screenshots')
const BUNDLED = path.resolve(__dirname, '..', '..', 'src', 'content', 'bundled')

/** A bundled installment and the index of its first answer: the passage the card shows. */
function cardPassage(): { id: string; block: number } {
  const manifest = JSON.parse(readFileSync(path.join(BUNDLED, 'manifest.json'), 'utf8')) as {
    installments: Array<{ id: string; path: string }>
  }
  const entry = manifest.installments[0]
  const body = (
    JSON.parse(readFileSync(path.join(BUNDLED, entry.path), 'utf8')) as { body: Array<{ type: string }> }
  ).body
  return { id: entry.id, block: body.findIndex((b) => b.type === 'answer') }
}

/** The card image itself (1080 × 1440), as the page exported it: the blob behind its preview. */
async function saveCardImage(page: import('playwright-core').Page, name = 'card'): Promise<void> {
  const base64 = await page.evaluate(async () => {
    const img = document.querySelector('.card-page__image img') as HTMLImageElement
    const blob = await (await fetch(img.src)).blob()
    const bytes = new Uint8Array(await blob.arrayBuffer())
    let binary = ''
    for (const b of bytes) binary += String.fromCharCode(b)
    return btoa(binary)
  })
  writeFileSync(path.join(OUT, `${name}.png`), Buffer.from(base64, 'base64'))
  console.log(`docs/screenshots/${name}.png`)
}

/** Saves the settled screen as docs/screenshots/<name>.png. */
const shooter = (page: import('playwright-core').Page) => async (name: string) => {
  await settled(page)
  await page.screenshot({ path: path.join(OUT, `${name}.png`) })
  console.log(`docs/screenshots/${name}.png`)
}

async function main(): Promise<void> {
  ensureBuilt('build:h5', 'dist/h5/index.html')
  mkdirSync(OUT, { recursive: true })
  const server = await serveDir(H5_DIST)
  const phone = await openPhone()
  const { page } = phone
  const shot = shooter(page)
  try {
    await page.goto(`${server.url}/`)
    await page.waitForSelector('.cd-t')
    await shot('list')

    await page.locator('.cd-t').nth(5).click()
    await page.waitForSelector('.reader__body .b-a')
    await page.locator('.reader__tools .fb').click()
    await settled(page) // the "已收藏" toast gone
    await shot('reader')

    // Two passages kept, one with the reader's own note, for the excerpts list below.
    await longPress(page, page.locator('.reader__body .b-a').first())
    await page.locator('.taro-actionsheet__cell', { hasText: '摘录并写想法' }).click()
    await page.locator('.note__box textarea').fill('原来一块磁体背后有这么多道工序，下次看到电机会多想一想。')
    await page.locator('.note__save').click()
    await page.waitForSelector('.reader__body .b--kept')
    await longPress(page, page.locator('.reader__body .b-quote').first())
    await page.locator('.taro-actionsheet__cell', { hasText: /^摘录$/ }).click()
    await page.waitForSelector('.reader__body .b-quote.b--kept')
    await settled(page)

    await page.goBack()
    await page.waitForSelector('.cd-t')
    await page.locator('.cd .fb').nth(1).click()
    await page.locator('.weui-tabbar__item', { hasText: '收藏' }).click()
    await page.waitForSelector('.fav')
    await shot('favourites')

    await page.locator('.seg__item', { hasText: '摘录' }).click()
    await page.waitForSelector('.ex__note')
    await shot('excerpts')

    await page.locator('.weui-tabbar__item', { hasText: '访谈' }).click()
    await page.locator('.search').click()
    await page.locator('.sbar__input input').fill('萃取')
    await page.waitForSelector('.sr .hl')
    await page.locator('.sbar').scrollIntoViewIfNeeded()
    await shot('search')

    const { id, block } = cardPassage()
    await page.goto(`${server.url}/#/pages/reader/card/index?id=${id}&block=${block}`)
    await page.waitForSelector('.card-page__image img[src^="blob:"]')
    await saveCardImage(page)

    await page.goto(`${server.url}/#/pages/reader/index?id=no-such-interview`)
    await page.waitForSelector('.state--not-found')
    await shot('not-found')
    if (phone.errors.length) throw new Error(phone.errors.join('\n'))
  } finally {
    await phone.close()
  }
  try {
    await english(server.url)
  } finally {
    await server.close()
  }
}

/** The same app for a reader of English (`?lang=en`): the list, an interview, and parallel reading. */
async function english(url: string): Promise<void> {
  const phone = await openPhone()
  const { page } = phone
  const shot = shooter(page)
  try {
    await page.goto(`${url}/?lang=en`)
    await page.waitForSelector('.cd-t')
    await shot('list-en')

    await page.locator('.cd-t').nth(5).click()
    await page.waitForSelector('.reader__body .b-a')
    await shot('reader-en')

    await page.locator('.choice__item', { hasText: 'Parallel' }).click()
    await page.waitForSelector('.reader__body .b--twin')
    await page.locator('.reader__body .b-a').first().scrollIntoViewIfNeeded()
    await shot('parallel')

    const { id, block } = cardPassage()
    await page.goto(`${url}/?lang=en#/pages/reader/card/index?id=${id}&block=${block}&in=en`)
    await page.waitForSelector('.card-page__image img[src^="blob:"]')
    await saveCardImage(page, 'card-en')
    if (phone.errors.length) throw new Error(phone.errors.join('\n'))
  } finally {
    await phone.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
