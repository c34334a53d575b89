/**
 * The browser build's card image (see card-image.ts, whose surface this matches): drawn on a canvas
 * element of its own, exported as a PNG blob, then shared as a file where the browser can
 * (navigator.share, on phones) or downloaded. There is no album and no privacy prompt here.
 */
import type * as MiniProgram from './card-image'

export type { AlbumPermission, CanvasSpec, ImageAttempt } from './card-image'
type ImageAttempt = MiniProgram.ImageAttempt

export const SAVES_TO = 'download' as const
export const SHARES_WITH = 'browser-share' as const

const FILE_NAME = 'light-of-rare-earth-card.png'

/** The PNG behind each object URL this module made, for sharing it as a file. */
const blobs = new Map<string, Blob>()

const errMsgOf = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error ?? 'failed')

function toPng(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => {
    try {
      canvas.toBlob((blob) => resolve(blob), 'image/png')
    } catch {
      resolve(null)
    }
  })
}

export async function renderImage(
  spec: MiniProgram.CanvasSpec,
  draw: (ctx: CanvasRenderingContext2D) => void,
): Promise<string | null> {
  try {
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(spec.width * spec.ratio)
    canvas.height = Math.round(spec.height * spec.ratio)
    const ctx = canvas.getContext('2d')
    if (!ctx) return null
    ctx.scale(spec.ratio, spec.ratio)
    draw(ctx)
    const blob = await toPng(canvas)
    if (!blob) return null
    // One card is on screen at a time: the one before is let go, so PNGs do not pile up in memory.
    for (const old of blobs.keys()) URL.revokeObjectURL(old)
    blobs.clear()
    const url = URL.createObjectURL(blob)
    blobs.set(url, blob)
    return url
  } catch {
    return null
  }
}

const fileOf = (path: string) => {
  const blob = blobs.get(path)
  return blob ? new File([blob], FILE_NAME, { type: 'image/png' }) : null
}

/** Phones' browsers share files; most desktop ones do not, and there the card is downloaded. */
export function canShareImage(): boolean {
  return typeof navigator.share === 'function' && typeof navigator.canShare === 'function'
}

export async function shareImage(path: string): Promise<ImageAttempt> {
  const file = fileOf(path)
  try {
    if (!file || !canShareImage() || !navigator.canShare({ files: [file] }))
      return { kind: 'error', errMsg: 'share:fail files not supported' }
    await navigator.share({ files: [file] })
    return { kind: 'ok' }
  } catch (error) {
    return { kind: 'error', errMsg: errMsgOf(error) }
  }
}

export const agreePrivacy = (): Promise<ImageAttempt> => Promise.resolve({ kind: 'ok' })
export const albumPermission = (): Promise<MiniProgram.AlbumPermission> => Promise.resolve('granted')
export const openAlbumSettings = (): Promise<MiniProgram.AlbumPermission> => Promise.resolve('granted')

/** "Saving" in a browser: a download of the PNG through a link. */
export function saveImage(path: string): Promise<ImageAttempt> {
  try {
    const link = document.createElement('a')
    link.href = path
    link.download = FILE_NAME
    link.style.display = 'none'
    document.body.appendChild(link)
    link.click()
    link.remove()
    return Promise.resolve({ kind: 'ok' })
  } catch (error) {
    return Promise.resolve({ kind: 'error', errMsg: errMsgOf(error) })
  }
}

// The same functions as the mini program's module, checked at compile time (Taro picks one a build).
type Surface = Omit<typeof MiniProgram, 'SAVES_TO' | 'SHARES_WITH'>
type Same<T extends Surface> = T
export type CheckedSurface = Same<{
  renderImage: typeof renderImage
  canShareImage: typeof canShareImage
  shareImage: typeof shareImage
  agreePrivacy: typeof agreePrivacy
  albumPermission: typeof albumPermission
  openAlbumSettings: typeof openAlbumSettings
  saveImage: typeof saveImage
}>
