/**
 * Canvas 2D and the image APIs the quote card uses, faked: a canvas node that selector queries hand
 * back (`fields({ node: true })`), whose 2D context records every text it draws and how many setData
 * calls the page had made at the first and the last drawing call; canvasToTempFilePath, which records
 * the canvas's pixel size; the share-image menu, the album with its permission, WeChat's settings
 * page and the privacy prompt, answering as the test's settings say. Typed like the other fakes.
 */
import { asyncApi, callbackApi, type Later, type Wx } from './wx-types'

export type AlbumState = 'granted' | 'denied' | 'unasked'

export type CanvasSettings = {
  /** scope.writePhotosAlbum as getSetting reports it: allowed, refused before, or never asked. */
  album: AlbumState
  /** What the reader answers to WeChat's own album prompt on the first save. */
  albumPrompt: 'allow' | 'deny'
  /** What the reader does in WeChat's settings page when sent there. */
  albumInSettings: AlbumState
  /** What the reader answers to WeChat's privacy prompt. */
  privacy: 'agree' | 'decline'
}

export const DEFAULT_CANVAS_SETTINGS: CanvasSettings = {
  album: 'unasked',
  albumPrompt: 'allow',
  albumInSettings: 'unasked',
  privacy: 'agree',
}

/** One canvas the app drew on: its pixel size, the texts drawn, and setData counts around the drawing. */
export type CanvasRecord = {
  width: number
  height: number
  scale: Array<[number, number]>
  texts: string[]
  /** The page's setData count at the first and at the latest drawing call (null before any). */
  setDataAtFirstDraw: number | null
  setDataAtLastDraw: number | null
  /** The canvas size when canvasToTempFilePath exported it. */
  exported: Array<{ width: number; height: number; tempFilePath: string }>
}

export type CanvasHost = {
  canvases: CanvasRecord[]
  /** Every share, save, setting and privacy call, in order (api + options, callbacks left out). */
  apiCalls: Array<{ api: string; options: Record<string, unknown> }>
  /** How many setData calls the app has made so far. */
  setDataCount: () => number
}

/** The 2D context: drawing calls note the setData count; text calls record their text. */
function recordingContext(record: CanvasRecord, host: CanvasHost) {
  const drew = () => {
    const count = host.setDataCount()
    record.setDataAtFirstDraw ??= count
    record.setDataAtLastDraw = count
  }
  const fontSize = () => Number(/(\d+(?:\.\d+)?)px/.exec(ctx.font)?.[1] ?? 10)
  const ctx = {
    fillStyle: '#000000' as unknown,
    strokeStyle: '#000000' as unknown,
    font: '10px sans-serif',
    textBaseline: 'alphabetic',
    textAlign: 'start',
    lineWidth: 1,
    scale: (x: number, y: number) => void (drew(), record.scale.push([x, y])),
    fillRect: () => drew(),
    fillText: (text: string) => void (drew(), record.texts.push(text)),
    measureText: (text: string) => {
      drew()
      let width = 0
      for (const ch of text) width += /[\u0020-\u024f]/u.test(ch) ? 0.55 * fontSize() : fontSize()
      return { width }
    },
    beginPath: () => drew(),
    moveTo: () => drew(),
    lineTo: () => drew(),
    stroke: () => drew(),
  }
  return ctx
}

export function fakeCanvas(host: CanvasHost, width: number, height: number) {
  const record: CanvasRecord = {
    width,
    height,
    scale: [],
    texts: [],
    setDataAtFirstDraw: null,
    setDataAtLastDraw: null,
    exported: [],
  }
  host.canvases.push(record)
  let context: ReturnType<typeof recordingContext> | null = null
  return {
    record,
    get width() {
      return record.width
    },
    set width(value: number) {
      record.width = value
    },
    get height() {
      return record.height
    },
    set height(value: number) {
      record.height = value
    },
    getContext: (type: string) => (type === '2d' ? (context ??= recordingContext(record, host)) : null),
  }
}

export type FakeCanvas = ReturnType<typeof fakeCanvas>

/** What `fields()` reports for a selector: a canvas node for the card's canvas, else size only. */
export function fieldsOf(
  host: CanvasHost,
  selector: string,
  fields: { node?: boolean; size?: boolean },
  size: { width: number; height: number },
): Record<string, unknown> {
  const result: Record<string, unknown> = { id: selector.replace(/^#/, '') }
  if (fields.size) Object.assign(result, size)
  if (fields.node && selector === '#card-canvas') result.node = fakeCanvas(host, size.width, size.height)
  return result
}

export function canvasApis(host: CanvasHost, later: Later, settings: CanvasSettings) {
  let album = settings.album
  const record = (api: string, option: object) => {
    const { success: _s, fail: _f, complete: _c, ...options } = option as Record<string, unknown>
    host.apiCalls.push({ api, options })
  }
  const authSetting = () => (album === 'unasked' ? {} : { 'scope.writePhotosAlbum': album === 'granted' })
  let exports = 0
  return {
    ...({
      canvasToTempFilePath: asyncApi(later, 'canvasToTempFilePath', (o) => {
        const canvas = o.canvas as unknown as FakeCanvas | undefined
        if (!canvas?.record) throw new Error('canvasToTempFilePath:fail canvas is empty')
        const tempFilePath = `wxfile://tmp/card-${++exports}.png`
        canvas.record.exported.push({ width: canvas.width, height: canvas.height, tempFilePath })
        record('canvasToTempFilePath', { ...o, canvas: '[canvas]' })
        return { tempFilePath }
      }),
      showShareImageMenu: asyncApi(later, 'showShareImageMenu', (o) => void record('showShareImageMenu', o)),
      saveImageToPhotosAlbum: asyncApi(later, 'saveImageToPhotosAlbum', (o) => {
        record('saveImageToPhotosAlbum', o)
        // WeChat asks the first time, and the reader answers as the test says.
        if (album === 'unasked') album = settings.albumPrompt === 'allow' ? 'granted' : 'denied'
        if (album === 'denied') throw new Error('saveImageToPhotosAlbum:fail auth deny')
      }),
      getSetting: asyncApi(later, 'getSetting', (o) => {
        record('getSetting', o)
        return { authSetting: authSetting() } as never
      }),
      openSetting: asyncApi(later, 'openSetting', (o) => {
        record('openSetting', o)
        album = settings.albumInSettings
        return { authSetting: authSetting() } as never
      }),
      authorize: asyncApi(later, 'authorize', (o) => {
        record('authorize', o)
        if (album === 'denied') throw new Error('authorize:fail auth deny')
        album = 'granted'
      }),
    } satisfies Partial<Wx>),
    requirePrivacyAuthorize: callbackApi(later, 'requirePrivacyAuthorize', (o) => {
      record('requirePrivacyAuthorize', o)
      if (settings.privacy === 'decline')
        throw new Error('requirePrivacyAuthorize:fail privacy permission is not authorized')
    }) as Wx['requirePrivacyAuthorize'],
  }
}
