/** What a test can set about the app it runs: the build, the network, storage, files, the WeChat client. */
import { DEFAULT_WX_SETTINGS, type WxSettings } from './wx'
import type { Responder } from './wx-request'
import type { AlbumState } from './wx-canvas'
import type { FileEntry } from './wx-fs'

export type HarnessOptions = {
  /** Answers wx.request; without it every request fails as if offline. */
  request?: Responder
  /** Storage to boot with; pass another harness's `storage` to relaunch with the same data. */
  storage?: Map<string, unknown>
  /** The user data folder to boot with (see wx-fs-folder.ts); pass another harness's `files`, as storage. */
  files?: Map<string, FileEntry>
  /** What the user data folder may hold (WeChat: 200 MB); lower, so a test need not write 200 MB. */
  fileLimitBytes?: number
  /** The launch scene; 1154 is Moments single-page mode. */
  scene?: number
  /** This visit's scene when it differs from the launch's (a hot start). */
  enterScene?: number
  dist?: string
  /** APIs this WeChat client lacks: missing from `wx`, and `canIUse` says no (an older base library). */
  missingApis?: readonly string[]
  /** APIs present whose every call fails (the reader refused, or WeChat could not do it). */
  failingApis?: readonly string[]
  /** What selector queries report as an element's height and the page's scrollHeight (4000). */
  pageHeight?: number
  /** The window, in px (375 × 700). */
  windowWidth?: number
  windowHeight?: number
  /** What the reader answers to a modal (confirm). */
  modalAnswer?: 'confirm' | 'cancel'
  /** The album permission (never asked), what the reader sets in WeChat's settings, the privacy answer. */
  album?: AlbumState
  albumInSettings?: AlbumState
  /** What the reader answers to WeChat's own album prompt on the first save (allow). */
  albumPrompt?: 'allow' | 'deny'
  privacy?: 'agree' | 'decline'
  /** WeChat's language (`zh_CN`; `en` for a reader whose WeChat is in English). */
  language?: string
  /** Whether require.async reaches other packages (downloaded), or the phone never downloaded them. */
  packages?: 'downloaded' | 'unreachable'
}

/** The client settings, defaults filled in. */
export function settingsOf(options: HarnessOptions): WxSettings {
  const scene = options.scene ?? DEFAULT_WX_SETTINGS.scene
  return {
    scene,
    enterScene: options.enterScene ?? scene,
    missingApis: options.missingApis ?? DEFAULT_WX_SETTINGS.missingApis,
    failingApis: options.failingApis ?? DEFAULT_WX_SETTINGS.failingApis,
    pageHeight: options.pageHeight ?? DEFAULT_WX_SETTINGS.pageHeight,
    windowWidth: options.windowWidth ?? DEFAULT_WX_SETTINGS.windowWidth,
    windowHeight: options.windowHeight ?? DEFAULT_WX_SETTINGS.windowHeight,
    modalAnswer: options.modalAnswer ?? DEFAULT_WX_SETTINGS.modalAnswer,
    album: options.album ?? DEFAULT_WX_SETTINGS.album,
    albumInSettings: options.albumInSettings ?? DEFAULT_WX_SETTINGS.albumInSettings,
    albumPrompt: options.albumPrompt ?? DEFAULT_WX_SETTINGS.albumPrompt,
    privacy: options.privacy ?? DEFAULT_WX_SETTINGS.privacy,
    language: options.language ?? DEFAULT_WX_SETTINGS.language,
  }
}
