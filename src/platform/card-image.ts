import Taro from '@tarojs/taro'

import { canIUse } from './system'

/**
 * An image drawn in code and what the reader can do with it: WeChat's share-image menu, or the album.
 * Every call resolves to a value and never throws. The browser build has its own (card-image.h5.ts).
 */

/** A platform call's raw result: done, or the client's error message (mapped by card/outcome.ts). */
export type ImageAttempt = { kind: 'ok' } | { kind: 'error'; errMsg: string }

/** The canvas element to draw on and its size: CSS px, and the pixel ratio it is drawn at. */
export type CanvasSpec = { selector: string; width: number; height: number; ratio: number }

export type AlbumPermission = 'granted' | 'denied' | 'unasked'

/** What saving does here, and what the share button opens: for the words the page answers with. */
export const SAVES_TO = 'album' as const
export const SHARES_WITH = 'share-menu' as const

type Callbacks = { success: (result: unknown) => void; fail: (error: unknown) => void }

const errMsgOf = (error: unknown) =>
  String((error as { errMsg?: unknown } | null)?.errMsg ?? (error as Error | null)?.message ?? error)

/**
 * Calls a callback-style API, whether or not Taro promisified it: the answer comes through the
 * callbacks, and a promise it may return (which rejects on failure) is quietened.
 */
function attempt<T = unknown>(
  run: (callbacks: Callbacks) => unknown,
): Promise<{ ok: true; value: T } | { ok: false; errMsg: string }> {
  return new Promise((resolve) => {
    try {
      const returned = run({
        success: (value) => resolve({ ok: true, value: value as T }),
        fail: (error) => resolve({ ok: false, errMsg: errMsgOf(error) }),
      }) as PromiseLike<unknown> | undefined
      returned?.then?.(undefined, () => undefined)
    } catch (error) {
      resolve({ ok: false, errMsg: errMsgOf(error) })
    }
  })
}

const asAttempt = (result: { ok: boolean; errMsg?: string }): ImageAttempt =>
  result.ok ? { kind: 'ok' } : { kind: 'error', errMsg: result.errMsg ?? '' }

type CanvasNode = {
  width: number
  height: number
  getContext: (type: '2d') => CanvasRenderingContext2D | null
}

function canvasNode(selector: string): Promise<CanvasNode | null> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(selector)
        .fields({ node: true, size: true })
        .exec((results: Array<{ node?: unknown } | null> | undefined) => {
          const node = results?.[0]?.node as Partial<CanvasNode> | undefined
          resolve(node && typeof node.getContext === 'function' ? (node as CanvasNode) : null)
        })
    } catch {
      resolve(null)
    }
  })
}

/**
 * Draws on the page's `<Canvas type="2d">` at its pixel size (the context scaled, so `draw` works in
 * CSS px) and exports a PNG: its temporary file path, or null. Nothing here touches page state, so
 * the drawing costs no setData.
 */
export async function renderImage(
  spec: CanvasSpec,
  draw: (ctx: CanvasRenderingContext2D) => void,
): Promise<string | null> {
  const canvas = await canvasNode(spec.selector)
  if (!canvas) return null
  const width = Math.round(spec.width * spec.ratio)
  const height = Math.round(spec.height * spec.ratio)
  try {
    canvas.width = width
    canvas.height = height
    const ctx = canvas.getContext('2d')
    if (!ctx) return null
    ctx.scale(spec.ratio, spec.ratio)
    draw(ctx)
  } catch {
    return null
  }
  const exported = await attempt<{ tempFilePath?: string }>((callbacks) =>
    Taro.canvasToTempFilePath({
      canvas: canvas as unknown as Taro.Canvas,
      fileType: 'png',
      destWidth: width,
      destHeight: height,
      ...callbacks,
    }),
  )
  return exported.ok && exported.value?.tempFilePath ? exported.value.tempFilePath : null
}

/** WeChat's own menu for an image (send to a chat, save, favourite), base library 2.14.3. */
export function canShareImage(): boolean {
  return canIUse(() => Taro.canIUse('showShareImageMenu'))
}

export async function shareImage(path: string): Promise<ImageAttempt> {
  return asAttempt(await attempt((callbacks) => Taro.showShareImageMenu({ path, ...callbacks })))
}

/**
 * WeChat's privacy agreement, asked for before the album (a privacy-scoped API) is touched. Where the
 * base library has no such prompt, there is nothing to agree to.
 */
export async function agreePrivacy(): Promise<ImageAttempt> {
  if (!canIUse(() => Taro.canIUse('requirePrivacyAuthorize'))) return { kind: 'ok' }
  return asAttempt(await attempt((callbacks) => Taro.requirePrivacyAuthorize({ ...callbacks })))
}

type AuthSetting = Record<string, boolean | undefined>
const albumOf = (setting: AuthSetting | undefined): AlbumPermission => {
  const allowed = setting?.['scope.writePhotosAlbum']
  return allowed === true ? 'granted' : allowed === false ? 'denied' : 'unasked'
}

/** Whether the reader allowed the album, refused it before, or was never asked. */
export async function albumPermission(): Promise<AlbumPermission> {
  const result = await attempt<{ authSetting?: AuthSetting }>((callbacks) =>
    Taro.getSetting({ ...callbacks }),
  )
  // Unknown counts as never asked: saving then asks, and a refusal is handled there.
  return result.ok ? albumOf(result.value?.authSetting) : 'unasked'
}

/** WeChat's settings page, where the reader can allow the album; what it says on return. */
export async function openAlbumSettings(): Promise<AlbumPermission> {
  const result = await attempt<{ authSetting?: AuthSetting }>((callbacks) =>
    Taro.openSetting({ ...callbacks }),
  )
  return result.ok ? albumOf(result.value?.authSetting) : 'denied'
}

/** Saves to the album; WeChat asks the reader the first time. */
export async function saveImage(path: string): Promise<ImageAttempt> {
  return asAttempt(
    await attempt((callbacks) => Taro.saveImageToPhotosAlbum({ filePath: path, ...callbacks })),
  )
}
