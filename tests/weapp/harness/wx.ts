/**
 * The fake `wx`: what the compiled mini program calls, typed against WeChat's own declarations
 * (`satisfies Partial<Wx>`, and `asyncApi` for the callback APIs), so that a misspelt or mis-shaped fake
 * fails typecheck. Effects outside the page are recorded on the host for tests to read.
 *
 * One module a concern: this one puts them together with the client (system info, scenes, `canIUse`) and
 * the page's own bar, scroll and preview; storage, files, request, canvas, interaction (toast, modal, action
 * sheet), navigation, share, app plumbing and queries each have a `wx-*.ts` of their own.
 */
import type { Clock } from './clock'
import { appApis, type AppHost } from './wx-app'
import { fileSystemApis, type FileSystemHost } from './wx-fs'
import { canvasApis, DEFAULT_CANVAS_SETTINGS, type CanvasHost, type CanvasSettings } from './wx-canvas'
import { interactionApis, type InteractionHost, type InteractionSettings } from './wx-interaction'
import { navigationApis, type NavigationHost } from './wx-navigation'
import { intersectionObserver, selectorQuery, type QuerySettings } from './wx-query'
import { requestApi, type RequestHost } from './wx-request'
import { shareApis, type ShareHost } from './wx-share'
import { storageApis, type StorageHost } from './wx-storage'
import { asyncApi, callbackApi, shaped, type Wx } from './wx-types'

/** Where the fakes record what happened, and where navigation goes. Read at every call. */
export type WxHost = StorageHost &
  FileSystemHost &
  RequestHost &
  CanvasHost &
  InteractionHost &
  NavigationHost &
  ShareHost &
  AppHost & {
    previews: Array<{ urls: string[]; current: string }>
    navigationTitles: string[]
    /**
     * The tabBar's item `index` says `text` now. Throws WeChat's refusal where it refuses: a page on
     * top that is no tab page (`setTabBarItem:fail not TabBar page`), an index with no item.
     */
    setTabBarItem: (index: number, text: string) => void
    scrolledTo: number[]
    scrolledToSelectors: string[]
  }

/** The client a test runs on (and the reader's answers about the album and privacy). */
export type WxSettings = CanvasSettings &
  InteractionSettings &
  QuerySettings & {
    scene: number
    enterScene: number
    /** Missing from `wx`, and `canIUse` says no. */
    missingApis: readonly string[]
    /** Present, and every call fails. */
    failingApis: readonly string[]
    windowHeight: number
    /** WeChat's language, as getAppBaseInfo and getSystemInfoSync say it (`zh_CN`, `en`). */
    language: string
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
  language: 'zh_CN',
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
    language: settings.language,
    version: '8.0.50',
    system: 'iOS 17.0',
    platform: 'devtools',
    SDKVersion: '3.4.0',
  })
  const later = (fn: () => void) => void clock.add(fn, 0)
  const VirtualDate = clock.date()
  const missing = new Set(settings.missingApis)
  const noop = () => undefined
  const ok = <K extends keyof Wx>(name: K) => asyncApi(later, name, noop as never)
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
      ...fileSystemApis(host, later, () => VirtualDate.now()),
      ...interactionApis(host, later, settings),
      setNavigationBarTitle: asyncApi(later, 'setNavigationBarTitle', (o) => {
        host.navigationTitles.push(String(o.title))
      }),
      setTabBarItem: asyncApi(later, 'setTabBarItem', (o) => {
        host.setTabBarItem(Number(o.index), String(o.text ?? ''))
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
      ...navigationApis(host, later),
      createSelectorQuery: () => selectorQuery(clock, settings, host),
      createIntersectionObserver: intersectionObserver,
      request: requestApi(host, (fn, ms) => void clock.add(fn, ms)),
      ...appApis(host, later),
      vibrateShort: ok('vibrateShort'),
      env: { USER_DATA_PATH: 'wxfile://usr' },
    } satisfies Partial<Wx>),
    ...canvasApis(host, later, settings),
    ...shareApis(host, later),
  }
}
