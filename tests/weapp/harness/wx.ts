/**
 * The fake `wx`: what the compiled mini program calls, typed against WeChat's own declarations
 * (`satisfies Partial<Wx>`, and `asyncApi` for the callback APIs), so that a misspelt or mis-shaped fake
 * fails typecheck. Effects outside the page are recorded on the host for tests to read.
 */
import type { Clock } from './clock'
import {
  canvasApis,
  DEFAULT_CANVAS_SETTINGS,
  fieldsOf,
  type CanvasHost,
  type CanvasSettings,
} from './wx-canvas'
import { storageApis, type StorageHost } from './wx-storage'
import { requestApi, type RequestHost } from './wx-request'
import { asyncApi, callbackApi, shaped, type Callbacks, type Wx } from './wx-types'

export type RealtimeLogEntry = { level: 'info' | 'warn' | 'error'; entry: unknown }
export type ModalShown = { content: string; confirmText: string; cancelText: string }
export type UpdateHooks = { ready: Array<() => void>; failed: Array<() => void>; applied: number }
export const noUpdates = (): UpdateHooks => ({ ready: [], failed: [], applied: 0 })

/** A call to an API whose effect happens outside the page (opening an article, a profile). */
export type ApiCall = { api: string; options: Record<string, unknown> }

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'

/** Where the fakes record what happened, and where navigation goes. Read at every call. */
export type WxHost = StorageHost &
  RequestHost &
  CanvasHost & {
    toasts: string[]
    previews: Array<{ urls: string[]; current: string }>
    apiCalls: ApiCall[]
    clipboard: string[]
    navigationTitles: string[]
    scrolledTo: number[]
    scrolledToSelectors: string[]
    /** What the app sent to the real-time log manager. */
    realtimeLogs: RealtimeLogEntry[]
    /** Every modal shown, and what it offered. */
    modals: ModalShown[]
    /** Every action sheet shown: the items it offered. */
    actionSheets: string[][]
    /** What the reader picks in the next action sheets, by label, in order; none left: they dismiss it. */
    actionSheetPicks: string[]
    /** The update manager's listeners as the app registered them, and how often it applied an update. */
    updates: UpdateHooks
    /** Listeners registered with wx.onPageNotFound. */
    pageNotFound: Array<(res: WechatMiniprogram.OnPageNotFoundListenerResult) => void>
    navigate: (kind: NavigationKind, url: string) => void
    back: () => void
    /** The current page asks before its back button leaves it (with this message), or no longer does. */
    alertBeforeLeaving: (message: string | null) => void
  }

/** The client a test runs on (and the reader's answers about the album and privacy). */
export type WxSettings = CanvasSettings & {
  scene: number
  enterScene: number
  /** Missing from `wx`, and `canIUse` says no. */
  missingApis: readonly string[]
  /** Present, and every call fails. */
  failingApis: readonly string[]
  /** What selector queries report as an element's height and the page's scrollHeight. */
  pageHeight: number
  windowWidth: number
  windowHeight: number
  /** What the reader answers to a modal: its confirm button, or its cancel button. */
  modalAnswer: 'confirm' | 'cancel'
}

export const DEFAULT_WX_SETTINGS: WxSettings = {
  ...DEFAULT_CANVAS_SETTINGS,
  modalAnswer: 'confirm',
  scene: 1001,
  enterScene: 1001,
  missingApis: [],
  failingApis: [],
  pageHeight: 4000,
  windowWidth: 375,
  windowHeight: 700,
}

/** Status bar and navigation bar: the screen is this much taller than the window. */
const BARS_HEIGHT = 112

/** The fake `wx` as the sandbox sees it: `missingApis` deleted, `failingApis` replaced. */
export function createWx(host: WxHost, clock: Clock, settings: WxSettings): Record<string, unknown> {
  const wx: Record<string, unknown> = { ...fullWx(host, clock, settings) }
  const later = (fn: () => void) => void clock.add(fn, 0)
  for (const name of settings.failingApis) {
    wx[name] = callbackApi(later, name, (o) => {
      host.apiCalls.push({ api: name, options: { ...o } })
      throw new Error(`${name}:fail`)
    })
  }
  for (const name of settings.missingApis) delete wx[name]
  return wx
}

export function selectorQuery(
  clock: Clock,
  settings: WxSettings,
  host?: CanvasHost,
): WechatMiniprogram.SelectorQuery {
  const { windowWidth: width, pageHeight: height } = settings
  const queue: Array<() => void> = []
  // What `fields()` found, in order, for exec's callback (the card's canvas node among them).
  const results: unknown[] = []
  let selected = ''
  const query: WechatMiniprogram.SelectorQuery = shaped<WechatMiniprogram.SelectorQuery>({
    in: () => query,
    select: (selector: string) => ((selected = selector), nodes),
    selectAll: () => nodes,
    selectViewport: () => nodes,
    exec: (cb) => {
      clock.add(() => {
        queue.forEach((q) => q())
        cb?.(results)
      }, 0)
      return shaped<WechatMiniprogram.NodesRef>({})
    },
  })
  const nodes: WechatMiniprogram.NodesRef = shaped<WechatMiniprogram.NodesRef>({
    boundingClientRect: (cb) => {
      queue.push(() =>
        cb?.(shaped({ id: '', dataset: {}, top: 0, left: 0, width, height, bottom: height, right: width })),
      )
      return query
    },
    scrollOffset: (cb) => {
      queue.push(() =>
        cb?.(shaped({ id: '', dataset: {}, scrollTop: 0, scrollLeft: 0, scrollHeight: height })),
      )
      return query
    },
    fields: (fields, cb) => {
      const selector = selected
      queue.push(() => {
        const found = host ? fieldsOf(host, selector, fields, { width, height }) : {}
        results.push(found)
        cb?.(found)
      })
      return query
    },
  })
  return query
}

function fullWx(host: WxHost, clock: Clock, settings: WxSettings) {
  const { windowWidth, windowHeight } = settings
  const systemInfo = shaped<WechatMiniprogram.SystemInfo>({
    brand: 'harness',
    model: 'harness',
    pixelRatio: 2,
    screenWidth: windowWidth,
    screenHeight: windowHeight + BARS_HEIGHT,
    windowWidth,
    windowHeight,
    statusBarHeight: 44,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17.0',
    platform: 'devtools',
    SDKVersion: '3.4.0',
  })
  const later = (fn: () => void) => void clock.add(fn, 0)
  const missing = new Set(settings.missingApis)
  const noop = () => undefined
  const ok = <K extends keyof Wx>(name: K) => asyncApi(later, name, noop as never)
  /** Records the call and succeeds, for APIs whose effect is outside the page. */
  const external = (api: string) => (o: object) => {
    const { success: _s, fail: _f, complete: _c, ...options } = o as Record<string, unknown>
    host.apiCalls.push({ api, options })
    return { confirm: true, cancel: false }
  }
  /** What navigateTo hands back for talking to the opened page; the app sends it nothing. */
  const eventChannel = shaped<WechatMiniprogram.EventChannel>({ emit: noop, on: noop, once: noop, off: noop })
  const launch = (scene: number) =>
    shaped<WechatMiniprogram.LaunchOptionsApp>({ path: 'pages/index/index', scene, query: {} })
  return {
    ...({
      getSystemInfoSync: () => ({ ...systemInfo }),
      getSystemInfo: asyncApi(later, 'getSystemInfo', () => ({ ...systemInfo })),
      getWindowInfo: () => shaped<WechatMiniprogram.WindowInfo>({ ...systemInfo }),
      getDeviceInfo: () => shaped<WechatMiniprogram.DeviceInfo>({ ...systemInfo }),
      getAppBaseInfo: () => shaped<WechatMiniprogram.AppBaseInfo>({ ...systemInfo }),
      getMenuButtonBoundingClientRect: () => {
        const right = windowWidth - 8
        return { top: 48, bottom: 80, left: right - 87, right, width: 87, height: 32 }
      },
      getLaunchOptionsSync: () => launch(settings.scene),
      getEnterOptionsSync: () => launch(settings.enterScene),
      getAccountInfoSync: () =>
        shaped<WechatMiniprogram.AccountInfo>({
          miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' },
        }),
      canIUse: (schema: string) => !missing.has(String(schema).split('.')[0]),
      nextTick: (fn: () => void) => void clock.add(fn, 0),
      ...storageApis(host, later),
      showToast: asyncApi(later, 'showToast', (o) => void host.toasts.push(String(o.title))),
      hideToast: ok('hideToast'),
      showLoading: ok('showLoading'),
      hideLoading: ok('hideLoading'),
      showModal: asyncApi(later, 'showModal', (o) => {
        host.modals.push({
          content: String(o.content ?? ''),
          confirmText: String(o.confirmText ?? ''),
          cancelText: String(o.cancelText ?? ''),
        })
        const confirm = settings.modalAnswer === 'confirm'
        return { confirm, cancel: !confirm, content: '' }
      }),
      showActionSheet: asyncApi(later, 'showActionSheet', (o) => {
        host.actionSheets.push([...o.itemList])
        const pick = host.actionSheetPicks.shift()
        if (pick === undefined) throw new Error('showActionSheet:fail cancel')
        const tapIndex = o.itemList.indexOf(pick)
        if (tapIndex < 0) throw new Error(`harness: "${pick}" is not among ${o.itemList.join(' / ')}`)
        return { tapIndex }
      }),
      setNavigationBarTitle: asyncApi(later, 'setNavigationBarTitle', (o) => {
        host.navigationTitles.push(String(o.title))
      }),
      setNavigationBarColor: ok('setNavigationBarColor'),
      showNavigationBarLoading: ok('showNavigationBarLoading'),
      hideNavigationBarLoading: ok('hideNavigationBarLoading'),
      setBackgroundColor: ok('setBackgroundColor'),
      setBackgroundTextStyle: ok('setBackgroundTextStyle'),
      startPullDownRefresh: ok('startPullDownRefresh'),
      stopPullDownRefresh: ok('stopPullDownRefresh'),
      // By offset, or to the element a selector names (recorded as the selector).
      pageScrollTo: asyncApi(later, 'pageScrollTo', (o) => {
        if (o.selector) host.scrolledToSelectors.push(o.selector)
        else host.scrolledTo.push(Number(o.scrollTop))
      }),
      previewImage: asyncApi(later, 'previewImage', (o) => {
        host.previews.push({ urls: o.urls, current: String(o.current) })
      }),
      navigateTo: asyncApi(later, 'navigateTo', (o) => {
        host.navigate('navigateTo', o.url)
        return { eventChannel }
      }),
      redirectTo: asyncApi(later, 'redirectTo', (o) => host.navigate('redirectTo', o.url)),
      switchTab: asyncApi(later, 'switchTab', (o) => host.navigate('switchTab', o.url)),
      reLaunch: asyncApi(later, 'reLaunch', (o) => host.navigate('reLaunch', o.url)),
      navigateBack: asyncApi(later, 'navigateBack', () => host.back()),
      enableAlertBeforeUnload: asyncApi(later, 'enableAlertBeforeUnload', (o) => {
        host.alertBeforeLeaving(o.message)
      }),
      disableAlertBeforeUnload: asyncApi(later, 'disableAlertBeforeUnload', () => {
        host.alertBeforeLeaving(null)
      }),
      createSelectorQuery: () => selectorQuery(clock, settings, host),
      createIntersectionObserver: () => {
        const observer = shaped<WechatMiniprogram.IntersectionObserver>({ observe: noop, disconnect: noop })
        observer.relativeToViewport = () => observer
        return observer
      },
      request: requestApi(host, (fn, ms) => void clock.add(fn, ms)),
      onAppShow: noop,
      onAppHide: noop,
      offAppShow: noop,
      offAppHide: noop,
      onError: noop,
      onUnhandledRejection: noop,
      onPageNotFound: (listener) => void host.pageNotFound.push(listener),
      onMemoryWarning: noop,
      onNetworkStatusChange: noop,
      getNetworkType: asyncApi(later, 'getNetworkType', () => ({
        networkType: 'none' as const,
        signalStrength: 0,
        hasSystemProxy: false,
      })),
      showShareMenu: ok('showShareMenu'),
      hideShareMenu: ok('hideShareMenu'),
      updateShareMenu: ok('updateShareMenu'),
      vibrateShort: ok('vibrateShort'),
      setClipboardData: asyncApi(later, 'setClipboardData', (o) => void host.clipboard.push(String(o.data))),
      openOfficialAccountArticle: asyncApi(
        later,
        'openOfficialAccountArticle',
        external('openOfficialAccountArticle'),
      ),
      reportAnalytics: noop,
      getUpdateManager: () =>
        shaped<WechatMiniprogram.UpdateManager>({
          onCheckForUpdate: noop,
          onUpdateReady: (listener) =>
            void host.updates.ready.push(() => listener({ errMsg: 'onUpdateReady:ok' })),
          onUpdateFailed: (listener) =>
            void host.updates.failed.push(() => listener({ errMsg: 'onUpdateFailed:fail' })),
          applyUpdate: () => void host.updates.applied++,
        }),
      getRealtimeLogManager: () => {
        const record =
          (level: RealtimeLogEntry['level']) =>
          (...args: unknown[]) =>
            void host.realtimeLogs.push({ level, entry: args.length === 1 ? args[0] : args })
        const manager: WechatMiniprogram.RealtimeLogManager = shaped<WechatMiniprogram.RealtimeLogManager>({
          info: record('info'),
          warn: record('warn'),
          error: record('error'),
          setFilterMsg: noop,
          addFilterMsg: noop,
          in: () => manager,
          tag: () => shaped<WechatMiniprogram.RealtimeTagLogManager>({}),
        })
        return manager
      },
      env: { USER_DATA_PATH: 'wxfile://usr' },
    } satisfies Partial<Wx>),
    ...canvasApis(host, later, settings),
    // Base library 3.7.10, but not (yet) in miniprogram-api-typings 3.12.3: typed here by hand.
    openOfficialAccountProfile: callbackApi(
      later,
      'openOfficialAccountProfile',
      external('openOfficialAccountProfile'),
    ) as (option: { username: string } & Callbacks) => void,
  }
}
