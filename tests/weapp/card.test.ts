/**
 * The quote card on the compiled mini program (the fixture build): the card page in the reader's
 * subpackage draws on a Canvas 2D node with no setData while it draws, exports a PNG, shows it, and
 * shares or saves it through WeChat's APIs, with the album permission and the privacy prompt handled.
 * What a reader sees is read from the tree WeChat's own WXML compiler renders.
 */
import { plainText } from '@/content/inline'
import { cardText } from '@/i18n/card'

import { find, Harness, type HarnessOptions } from './harness'
import { fixture, fixtureApp, fixtureBody, sameTextBothWays, seen, withText } from './screens'
import { attr, findByClass, findByTag, visibleText } from './wxml'

const CARD_ROUTE = 'pages/reader/card/index'
const entry = fixture.installments[0]
const body = fixtureBody(entry.id).body
const answerIndex = body.findIndex((b) => b.type === 'answer')
const answer = body[answerIndex]
const passage = answer && 'text' in answer ? plainText(answer.text) : ''
const squash = (s: string) => s.replace(/\s+/g, '')
/** The contract the reader's action sheet navigates by (platform/navigation.ts cardUrl). */
const cardUrl = (id: string, block: number) => `/${CARD_ROUTE}?id=${encodeURIComponent(id)}&block=${block}`

let h: Harness

async function openCard(url: string, options: HarnessOptions = {}): Promise<void> {
  h = fixtureApp(options)
  await h.launch()
  h.navigate('navigateTo', url)
  await h.settle()
}

const canvas = () => {
  expect(h.canvases).toHaveLength(1)
  return h.canvases[0]
}
const exportedPath = () => canvas().exported[0]?.tempFilePath
const button = (label: string) => find(h.root(), withText('card-page__button', label))
const calls = (api: string) => h.apiCalls.filter((c) => c.api === api)

afterEach(() => {
  expect(h.errors).toEqual([])
  expect(sameTextBothWays(h)).toBe(true)
})

describe('the card page', () => {
  beforeEach(() => openCard(cardUrl(entry.id, answerIndex)))

  test('draws the passage and the interviewee on a 3:4 canvas at 2×, within 4096 px', () => {
    expect(h.current().route).toBe(CARD_ROUTE)
    expect(passage.length).toBeGreaterThan(10)
    const drawn = canvas()
    const texts = squash(drawn.texts.join(''))
    // The whole passage when it fits, else its start up to the ellipsis.
    expect(texts).toContain(squash(passage).slice(0, 40))
    expect(drawn.texts).toContain(entry.interviewee.name)
    expect(drawn.texts.some((t) => t.includes(entry.title))).toBe(true)
    expect(drawn.scale).toEqual([[2, 2]])
    expect({ width: drawn.width, height: drawn.height }).toEqual({ width: 1080, height: 1440 })
    expect(drawn.width * 4).toBe(drawn.height * 3)
    expect(Math.max(drawn.width, drawn.height)).toBeLessThanOrEqual(4096)
    expect(drawn.exported).toEqual([
      { width: 1080, height: 1440, tempFilePath: expect.stringMatching(/\.png$/) },
    ])
    expect(calls('canvasToTempFilePath')[0].options).toMatchObject({ fileType: 'png' })
  })

  test('no setData while drawing; then one setData shows the image, with its buttons', () => {
    const drawn = canvas()
    expect(drawn.setDataAtFirstDraw).not.toBeNull()
    expect(drawn.setDataAtLastDraw).toBe(drawn.setDataAtFirstDraw)
    const after = h.setDataLog.slice(drawn.setDataAtLastDraw ?? 0).filter((r) => r.route === CARD_ROUTE)
    expect(after).toHaveLength(1)
    const images = findByTag(seen(h), 'image')
    expect(images.map((el) => attr(el, 'src'))).toEqual([exportedPath()])
    const labels = findByClass(seen(h), 'card-page__button').map(visibleText)
    expect(labels).toEqual([cardText.share, cardText.save])
  })

  test('share opens WeChat’s share-image menu with the exported PNG', async () => {
    await h.tap(button(cardText.share))
    expect(calls('showShareImageMenu')).toEqual([
      { api: 'showShareImageMenu', options: { path: exportedPath() } },
    ])
    expect(calls('saveImageToPhotosAlbum')).toEqual([])
    expect(h.toasts).toEqual([])
  })

  test('save asks for privacy, then saves to the album, and says so', async () => {
    await h.tap(button(cardText.save))
    expect(h.apiCalls.map((c) => c.api).slice(-3)).toEqual([
      'requirePrivacyAuthorize',
      'getSetting',
      'saveImageToPhotosAlbum',
    ])
    expect(calls('saveImageToPhotosAlbum')[0].options).toEqual({ filePath: exportedPath() })
    expect(h.toasts).toEqual([cardText.outcome.saved])
  })
})

describe('without the share-image menu (an older WeChat)', () => {
  test('only 保存图片 shows, and it saves the file to the album', async () => {
    await openCard(cardUrl(entry.id, answerIndex), { missingApis: ['showShareImageMenu'] })
    expect(findByClass(seen(h), 'card-page__button').map(visibleText)).toEqual([cardText.save])
    await h.tap(button(cardText.save))
    expect(calls('saveImageToPhotosAlbum')).toEqual([
      { api: 'saveImageToPhotosAlbum', options: { filePath: exportedPath() } },
    ])
    expect(h.toasts).toEqual([cardText.outcome.saved])
  })
})

describe('the album permission', () => {
  test('refused before: the reason is explained, settings offered; still refused there, nothing is saved', async () => {
    await openCard(cardUrl(entry.id, answerIndex), { album: 'denied' })
    await h.tap(button(cardText.save))
    expect(h.modals).toEqual([
      { content: cardText.albumDenied, confirmText: cardText.openSettings, cancelText: cardText.notNow },
    ])
    expect(calls('openSetting')).toHaveLength(1)
    expect(calls('saveImageToPhotosAlbum')).toEqual([])
    expect(h.toasts).toEqual([cardText.outcome.denied])
  })

  test('refused before, allowed in settings: then saved', async () => {
    await openCard(cardUrl(entry.id, answerIndex), { album: 'denied', albumInSettings: 'granted' })
    await h.tap(button(cardText.save))
    expect(calls('openSetting')).toHaveLength(1)
    expect(calls('saveImageToPhotosAlbum')).toHaveLength(1)
    expect(h.toasts).toEqual([cardText.outcome.saved])
  })

  test('refused before, and “not now” in the explanation: settings are not opened', async () => {
    await openCard(cardUrl(entry.id, answerIndex), { album: 'denied', modalAnswer: 'cancel' })
    await h.tap(button(cardText.save))
    expect(h.modals).toHaveLength(1)
    expect(calls('openSetting')).toEqual([])
    expect(h.toasts).toEqual([cardText.outcome.denied])
  })
})

describe('the first save, when WeChat asks for the album', () => {
  test('refused at WeChat’s own prompt: explained, settings offered, and saved once allowed there', async () => {
    await openCard(cardUrl(entry.id, answerIndex), {
      missingApis: ['showShareImageMenu'],
      albumPrompt: 'deny',
      albumInSettings: 'granted',
    })
    await h.tap(button(cardText.save))
    expect(calls('getSetting')).toHaveLength(1)
    expect(h.modals.map((m) => m.content)).toEqual([cardText.albumDenied])
    expect(calls('openSetting')).toHaveLength(1)
    expect(calls('saveImageToPhotosAlbum').map((c) => c.options.filePath)).toEqual([
      exportedPath(),
      exportedPath(),
    ])
    expect(h.toasts).toEqual([cardText.outcome.saved])
  })

  test('refused at the prompt and in settings: nothing saved, and the reader is told', async () => {
    await openCard(cardUrl(entry.id, answerIndex), {
      missingApis: ['showShareImageMenu'],
      albumPrompt: 'deny',
    })
    await h.tap(button(cardText.save))
    expect(calls('saveImageToPhotosAlbum')).toHaveLength(1)
    expect(h.toasts).toEqual([cardText.outcome.denied])
  })
})

describe('a share menu that cannot open', () => {
  test('falls back to saving the image', async () => {
    await openCard(cardUrl(entry.id, answerIndex), { failingApis: ['showShareImageMenu'] })
    await h.tap(button(cardText.share))
    expect(calls('showShareImageMenu')).toHaveLength(1)
    expect(calls('saveImageToPhotosAlbum').map((c) => c.options.filePath)).toEqual([exportedPath()])
    expect(h.toasts).toEqual([cardText.outcome.saved])
  })
})

describe('the privacy prompt', () => {
  test('declined: the reader is told, and the album is not touched', async () => {
    await openCard(cardUrl(entry.id, answerIndex), {
      privacy: 'decline',
      missingApis: ['showShareImageMenu'],
    })
    await h.tap(button(cardText.save))
    expect(calls('requirePrivacyAuthorize')).toHaveLength(1)
    expect(calls('getSetting')).toEqual([])
    expect(calls('saveImageToPhotosAlbum')).toEqual([])
    expect(h.toasts).toEqual([cardText.outcome['privacy-declined']])
  })

  test('where the base library has no privacy prompt, saving goes straight to the album', async () => {
    await openCard(cardUrl(entry.id, answerIndex), { missingApis: ['requirePrivacyAuthorize'] })
    await h.tap(button(cardText.save))
    expect(calls('saveImageToPhotosAlbum')).toHaveLength(1)
  })
})

describe('a card that cannot be made', () => {
  test.each([
    ['an unknown installment', cardUrl('no-such-interview', 0), cardText.notFoundTitle],
    ['a block past the end', cardUrl(entry.id, body.length + 5), cardText.notFoundTitle],
    ['no block at all', `/${CARD_ROUTE}?id=${entry.id}`, cardText.notFoundTitle],
  ])('%s shows a not-found state, draws nothing, never crashes', async (_what, url, title) => {
    await openCard(url)
    expect(visibleText(findByClass(seen(h), 'state__title')[0])).toBe(title)
    expect(h.canvases.flatMap((c) => c.exported)).toEqual([])
    expect(findByTag(seen(h), 'image')).toEqual([])
  })
})
