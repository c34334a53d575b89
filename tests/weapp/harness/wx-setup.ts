/** A fake `wx` on its own clock, over a host that records into plain arrays. Not a test file. */
import { Clock } from './clock'
import { createWx, DEFAULT_WX_SETTINGS, type WxHost, type WxSettings } from './wx'
import { noUpdates } from './wx-app'
import type { Wx } from './wx-types'
import { FILE_LIMIT_BYTES, newFiles } from './wx-fs'

type Api = (...args: unknown[]) => unknown
export type Outcome = { success?: unknown; fail?: unknown; complete?: unknown }

export function setUp(settings: Partial<WxSettings> = {}, host: Partial<WxHost> = {}) {
  const clock = new Clock()
  const navigations: string[] = []
  const h: WxHost = {
    storage: new Map(),
    storageFault: 'none',
    storageReads: [],
    files: newFiles(),
    fileFault: 'none',
    fileLimitBytes: FILE_LIMIT_BYTES,
    fileReads: [],
    requests: [],
    respond: () => ({ fail: 'offline' }),
    toasts: [],
    previews: [],
    apiCalls: [],
    clipboard: [],
    navigationTitles: [],
    realtimeLogs: [],
    modals: [],
    actionSheets: [],
    actionSheetPicks: [],
    updates: noUpdates(),
    pageNotFound: [],
    scrolledTo: [],
    scrolledToSelectors: [],
    canvases: [],
    setDataCount: () => 0,
    navigate: (kind, url) => void navigations.push(`${kind} ${url}`),
    setTabBarItem: () => undefined,
    alertBeforeLeaving: () => undefined,
    back: () => {
      throw new Error('navigateBack:fail cannot navigate back at first page')
    },
    ...host,
  }
  const wx = createWx(h, clock, { ...DEFAULT_WX_SETTINGS, ...settings })
  const api = (name: string) => wx[name] as Api
  /**
   * Calls an async API with callbacks (a method of `on`, when given: the file system manager's); resolves
   * what they received once the clock settles.
   */
  const call = async (name: string, option: Record<string, unknown> = {}, on: object = wx) => {
    const outcome: Outcome = {}
    ;(on as Record<string, Api>)[name]({
      ...option,
      success: (r: unknown) => (outcome.success = r),
      fail: (e: unknown) => (outcome.fail = e),
      complete: (r: unknown) => (outcome.complete = r),
    })
    await clock.settle()
    return outcome
  }
  return { clock, host: h, wx, api, call, navigations }
}

/** `setUp`'s fake wx with its file system manager, whose callback methods `call` runs. */
export function setUpFiles(host: Partial<WxHost> = {}) {
  const { wx, host: h, call, clock } = setUp({}, host)
  const fs = (wx.getFileSystemManager as Wx['getFileSystemManager'])()
  const callFs = (name: keyof typeof fs, option: Record<string, unknown>) => call(name, option, fs)
  return { fs, host: h, clock, wx, call: callFs }
}
