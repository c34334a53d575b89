/**
 * Runs the compiled mini program (dist/weapp) in Node, as WeChat would, and records what it renders.
 *
 * A vm sandbox provides the globals Taro's weapp runtime needs (wx, App, Page, Component, getApp,
 * getCurrentPages and timers). app.js is loaded first (it requires vendors, taro and runtime; chunks
 * chain through wx.webpackJsonp), then each page file when it is opened. Every setData is recorded
 * with its byte size and applied by its path keys (`root.cn.[0].cn.[1].v`) to rebuild Taro's tree.
 *
 * Timers are virtual: `settle()` runs everything due now, `advance(ms)` moves the clock. Nothing waits
 * on wall time, so the tests are deterministic.
 */
import { readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

export const DIST = path.resolve(__dirname, '..', '..', 'dist', 'weapp')

export type TreeNode = {
  nn?: string | number
  sid?: string
  uid?: string
  cl?: string
  v?: string
  cn?: TreeNode[]
  [key: string]: unknown
}

export type SetDataRecord = { route: string; bytes: number; keys: string[] }

type Options = Record<string, unknown>
type Callbacks = {
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}

export type PageInstance = {
  route: string
  __route__: string
  options: Record<string, string>
  data: { root?: TreeNode; [key: string]: unknown }
  setData: (data: Record<string, unknown>, cb?: () => void) => void
  [key: string]: unknown
}

export type StorageFault = 'none' | 'quota' | 'read-error'

export type HarnessRequest = { url: string; header: Record<string, string>; timeout: number }
export type HarnessResponse =
  { statusCode: number; data: string; header?: Record<string, string> } | { fail: 'timeout' | 'offline' }
export type Responder = (request: HarnessRequest) => HarnessResponse

export type HarnessOptions = {
  /** Answers wx.request; without it every request fails as if offline. */
  request?: Responder
  /** Storage to boot with; pass another harness's `storage` to relaunch with the same data. */
  storage?: Map<string, unknown>
  /** The launch scene; 1154 is Moments single-page mode. */
  scene?: number
  /** This visit's scene when it differs from the launch's (a hot start). */
  enterScene?: number
  dist?: string
  /** APIs this WeChat client lacks: missing from `wx`, and `canIUse` says no (an older base library). */
  missingApis?: readonly string[]
  /** APIs present whose every call fails (the reader refused, or WeChat could not do it). */
  failingApis?: readonly string[]
}

/** A call to an API whose effect happens outside the page (opening an article, a profile). */
export type ApiCall = { api: string; options: Record<string, unknown> }

/** `tmpl_0_N` → the WXML tag and which attribute reads which short key, from base.wxml. */
export type TemplateInfo = { tag: string; attrs: Record<string, string> }

export function readTemplates(dist: string = DIST): Map<string, TemplateInfo> {
  const wxml = readFileSync(path.join(dist, 'base.wxml'), 'utf8')
  const templates = new Map<string, TemplateInfo>()
  const re = /<template name="tmpl_0_([^"]+)">\s*<([a-z-]+)([^>]*)>/g
  for (let m = re.exec(wxml); m; m = re.exec(wxml)) {
    const attrs: Record<string, string> = {}
    for (const a of m[3].matchAll(/([a-z-]+)="\{\{(?:xs\.b\()?i\.(p\d+)/g)) attrs[a[1]] = a[2]
    templates.set(m[1], { tag: m[2], attrs })
  }
  return templates
}

export const MAX_SINGLE_SETDATA_BYTES = 128 * 1024
const STORAGE_LIMIT_BYTES = 10 * 1024 * 1024
const KEY_LIMIT_BYTES = 1024 * 1024

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')
}

function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [pathPart, queryPart = ''] = url.split('?')
  const query: Record<string, string> = {}
  for (const pair of queryPart.split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=')
    query[k] = v
  }
  return { route: pathPart.replace(/^\//, ''), query }
}

/** Applies one setData path (`root.cn.[0].cn.[2].v`) to the page data. */
function applyPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.').flatMap((p) => {
    const m = /^(.*?)((?:\[\d+\])+)$/.exec(p)
    if (!m) return [p]
    const idx = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]))
    return m[1] ? [m[1], ...idx] : idx
  })
  let node: Record<string | number, unknown> = target
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]
    if (node[part] === undefined || node[part] === null || typeof node[part] !== 'object') {
      node[part] = typeof parts[i + 1] === 'number' ? [] : {}
    }
    node = node[part] as Record<string | number, unknown>
  }
  node[parts[parts.length - 1]] = structuredClone(value)
}

type Timer = { id: number; at: number; fn: () => void; every?: number }

export class Harness {
  readonly storage: Map<string, unknown>
  readonly setDataLog: SetDataRecord[] = []
  readonly toasts: string[] = []
  readonly previews: Array<{ urls: string[]; current: string }> = []
  readonly errors: unknown[] = []
  readonly requests: HarnessRequest[] = []
  readonly apiCalls: ApiCall[] = []
  readonly clipboard: string[] = []
  readonly navigationTitles: string[] = []
  respond: Responder
  readonly stack: PageInstance[] = []
  readonly templates: Map<string, TemplateInfo>
  storageFault: StorageFault = 'none'
  scrolledTo: number[] = []

  private readonly dist: string
  private readonly context: vm.Context
  private readonly modules = new Map<string, unknown>()
  private readonly pageOptions = new Map<string, Options>()
  private readonly tabPages = new Map<string, PageInstance>()
  private readonly appJson: {
    pages: string[]
    subPackages?: Array<{ root: string; pages: string[] }>
    tabBar?: { list: Array<{ pagePath: string }> }
  }
  /** Every page route, main package and subpackages. */
  readonly routes: string[]
  private loadingRoute: string | null = null
  appOptions: Options | null = null
  private timers: Timer[] = []
  private clock = 0
  private nextTimerId = 1
  private readonly scene: number
  private readonly enterScene: number
  private readonly missingApis: ReadonlySet<string>
  private readonly failingApis: ReadonlySet<string>

  constructor(options: HarnessOptions = {}) {
    this.dist = options.dist ?? DIST
    if (!existsSync(path.join(this.dist, 'app.js'))) {
      throw new Error(`No compiled mini program at ${this.dist}: run \`npm run build:weapp\` first`)
    }
    this.storage = options.storage ?? new Map()
    this.respond = options.request ?? (() => ({ fail: 'offline' }))
    this.scene = options.scene ?? 1001
    this.enterScene = options.enterScene ?? this.scene
    this.missingApis = new Set(options.missingApis ?? [])
    this.failingApis = new Set(options.failingApis ?? [])
    this.templates = readTemplates(this.dist)
    this.appJson = JSON.parse(readFileSync(path.join(this.dist, 'app.json'), 'utf8'))
    this.routes = [
      ...this.appJson.pages,
      ...(this.appJson.subPackages ?? []).flatMap((p) =>
        p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`),
      ),
    ]
    this.context = vm.createContext(this.globals())
  }

  // ---------------------------------------------------------------- sandbox

  private globals(): Record<string, unknown> {
    const setTimeoutFn = (fn: () => void, ms = 0) => this.addTimer(fn, ms)
    const clearTimeoutFn = (id: number) => {
      this.timers = this.timers.filter((t) => t.id !== id)
    }
    return {
      wx: this.createWx(),
      App: (options: Options) => {
        this.appOptions = options
      },
      Page: (options: Options) => {
        if (!this.loadingRoute) throw new Error('Page() called outside a page file')
        this.pageOptions.set(this.loadingRoute, options)
      },
      Component: () => undefined,
      Behavior: (options: unknown) => options,
      getApp: () => this.appOptions,
      getCurrentPages: () => [...this.stack],
      setTimeout: setTimeoutFn,
      clearTimeout: clearTimeoutFn,
      setInterval: (fn: () => void, ms = 0) => this.addTimer(fn, ms, ms),
      clearInterval: clearTimeoutFn,
      requestAnimationFrame: (fn: () => void) => this.addTimer(fn, 16),
      cancelAnimationFrame: clearTimeoutFn,
      console: {
        ...console,
        error: (...args: unknown[]) => this.errors.push(args),
        warn: () => undefined,
        log: () => undefined,
      },
      Promise,
      Date: this.virtualDate(),
      Math,
      JSON,
      Object,
      Array,
      Symbol,
      Map,
      Set,
      WeakMap,
      WeakSet,
      Reflect,
      Proxy,
      Error,
      TypeError,
      RangeError,
      Number,
      String,
      Boolean,
      RegExp,
      parseInt,
      parseFloat,
      isNaN,
      encodeURIComponent,
      decodeURIComponent,
      TextEncoder,
      TextDecoder,
      Uint8Array,
      ArrayBuffer,
      DataView,
    }
  }

  /** Date whose "now" follows the virtual clock, so time-based logic sees `advance()`. */
  private virtualDate(): DateConstructor {
    const start = Date.now()
    const clock = () => start + this.clock
    class VirtualDate extends Date {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(clock())
        else super(...(args as [string | number | Date]))
      }
      static now() {
        return clock()
      }
    }
    return VirtualDate as unknown as DateConstructor
  }

  private addTimer(fn: () => void, ms: number, every?: number): number {
    const id = this.nextTimerId++
    this.timers.push({ id, at: this.clock + Math.max(0, ms), fn, every })
    return id
  }

  private require(from: string, request: string): unknown {
    const file = path.resolve(path.dirname(from), request.endsWith('.js') ? request : `${request}.js`)
    if (this.modules.has(file)) return (this.modules.get(file) as { exports: unknown }).exports
    const module = { exports: {} as unknown }
    this.modules.set(file, module)
    const code = readFileSync(file, 'utf8')
    const wrapper = vm.runInContext(`(function (require, module, exports) {${code}\n})`, this.context, {
      filename: file,
    }) as (req: (r: string) => unknown, m: typeof module, e: unknown) => void
    wrapper((r) => this.require(file, r), module, module.exports)
    return module.exports
  }

  private guard<T>(run: () => T): T | undefined {
    try {
      return run()
    } catch (error) {
      this.errors.push(error)
      return undefined
    }
  }

  private callback<T>(produce: (options: Options) => T) {
    return (options: Options & Callbacks = {}) => {
      let result: unknown
      let failed = false
      try {
        result = produce(options)
      } catch (error) {
        failed = true
        result = { errMsg: String((error as Error).message ?? error) }
      }
      this.addTimer(() => {
        if (failed) options.fail?.(result)
        else options.success?.(result)
        options.complete?.(result)
      }, 0)
    }
  }

  // ---------------------------------------------------------------- wx

  private createWx(): Record<string, unknown> {
    const wx = this.createFullWx()
    for (const name of this.failingApis) {
      wx[name] = this.callback((o) => {
        this.apiCalls.push({ api: name, options: { ...o } })
        throw new Error(`${name}:fail`)
      })
    }
    for (const name of this.missingApis) delete wx[name]
    return wx
  }

  /** Records the call and succeeds, for APIs whose effect is outside the page. */
  private external(api: string) {
    return this.callback((o) => {
      const { success: _s, fail: _f, complete: _c, ...options } = o
      this.apiCalls.push({ api, options })
      return { errMsg: `${api}:ok` }
    })
  }

  private createFullWx(): Record<string, unknown> {
    const systemInfo = {
      brand: 'harness',
      model: 'harness',
      pixelRatio: 2,
      screenWidth: 375,
      screenHeight: 812,
      windowWidth: 375,
      windowHeight: 700,
      statusBarHeight: 44,
      language: 'zh_CN',
      version: '8.0.50',
      system: 'iOS 17.0',
      platform: 'devtools',
      SDKVersion: '3.4.0',
    }
    const storageBytes = () => [...this.storage.values()].reduce<number>((sum, v) => sum + jsonBytes(v), 0)
    const getStorageSync = (key: string) => {
      if (this.storageFault === 'read-error') throw new Error('getStorageSync:fail')
      return this.storage.has(key) ? structuredClone(this.storage.get(key)) : ''
    }
    const setStorageSync = (key: string, value: unknown) => {
      const bytes = jsonBytes(value)
      if (
        this.storageFault === 'quota' ||
        bytes > KEY_LIMIT_BYTES ||
        storageBytes() + bytes > STORAGE_LIMIT_BYTES
      ) {
        throw new Error('setStorageSync:fail exceed storage max size 10MB')
      }
      this.storage.set(key, structuredClone(value))
    }
    const removeStorageSync = (key: string) => {
      this.storage.delete(key)
    }
    const getStorageInfoSync = () => ({
      keys: [...this.storage.keys()],
      currentSize: Math.ceil(storageBytes() / 1024),
      limitSize: STORAGE_LIMIT_BYTES / 1024,
    })
    const selectorQuery = () => {
      const queue: Array<() => void> = []
      const api = {
        in: () => api,
        select: () => api,
        selectAll: () => api,
        selectViewport: () => api,
        boundingClientRect: (cb?: (r: unknown) => void) => {
          queue.push(() => cb?.({ top: 0, left: 0, width: 375, height: 4000, bottom: 4000, right: 375 }))
          return api
        },
        scrollOffset: (cb?: (r: unknown) => void) => {
          queue.push(() => cb?.({ scrollTop: 0, scrollLeft: 0, scrollHeight: 4000 }))
          return api
        },
        fields: () => api,
        exec: (cb?: (r: unknown) => void) => {
          this.addTimer(() => {
            queue.forEach((q) => q())
            cb?.([])
          }, 0)
        },
      }
      return api
    }
    const noop = () => undefined
    const ok = this.callback(() => ({ errMsg: 'ok' }))
    return {
      getSystemInfoSync: () => ({ ...systemInfo }),
      getSystemInfo: this.callback(() => ({ ...systemInfo })),
      getWindowInfo: () => ({ ...systemInfo }),
      getDeviceInfo: () => ({ ...systemInfo }),
      getAppBaseInfo: () => ({ ...systemInfo }),
      getMenuButtonBoundingClientRect: () => ({
        top: 48,
        bottom: 80,
        left: 280,
        right: 367,
        width: 87,
        height: 32,
      }),
      getLaunchOptionsSync: () => ({ path: 'pages/index/index', scene: this.scene, query: {} }),
      getEnterOptionsSync: () => ({ path: 'pages/index/index', scene: this.enterScene, query: {} }),
      getAccountInfoSync: () => ({
        miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' },
      }),
      canIUse: (schema: string) => !this.missingApis.has(String(schema).split('.')[0]),
      nextTick: (fn: () => void) => this.addTimer(fn, 0),
      getStorageSync,
      setStorageSync,
      removeStorageSync,
      getStorageInfoSync,
      clearStorageSync: () => this.storage.clear(),
      getStorage: this.callback((o) => ({ data: getStorageSync(String(o.key)) })),
      setStorage: this.callback((o) => setStorageSync(String(o.key), o.data)),
      removeStorage: this.callback((o) => removeStorageSync(String(o.key))),
      getStorageInfo: this.callback(getStorageInfoSync),
      showToast: this.callback((o) => {
        this.toasts.push(String(o.title))
      }),
      hideToast: ok,
      showLoading: ok,
      hideLoading: ok,
      showModal: this.callback(() => ({ confirm: true, cancel: false })),
      showActionSheet: ok,
      setNavigationBarTitle: this.callback((o) => {
        this.navigationTitles.push(String(o.title))
      }),
      setNavigationBarColor: ok,
      showNavigationBarLoading: ok,
      hideNavigationBarLoading: ok,
      setBackgroundColor: ok,
      setBackgroundTextStyle: ok,
      startPullDownRefresh: ok,
      stopPullDownRefresh: ok,
      pageScrollTo: this.callback((o) => {
        this.scrolledTo.push(Number(o.scrollTop))
      }),
      previewImage: this.callback((o) => {
        this.previews.push({ urls: o.urls as string[], current: String(o.current) })
      }),
      navigateTo: this.callback((o) => this.navigate('navigateTo', String(o.url))),
      redirectTo: this.callback((o) => this.navigate('redirectTo', String(o.url))),
      switchTab: this.callback((o) => this.navigate('switchTab', String(o.url))),
      reLaunch: this.callback((o) => this.navigate('reLaunch', String(o.url))),
      navigateBack: this.callback(() => this.back()),
      createSelectorQuery: selectorQuery,
      createIntersectionObserver: () => ({
        relativeToViewport: () => ({ observe: noop }),
        observe: noop,
        disconnect: noop,
      }),
      request: (options: Options & Callbacks) => this.request(options),
      onAppShow: noop,
      onAppHide: noop,
      offAppShow: noop,
      offAppHide: noop,
      onError: noop,
      onUnhandledRejection: noop,
      onPageNotFound: noop,
      onMemoryWarning: noop,
      onNetworkStatusChange: noop,
      getNetworkType: this.callback(() => ({ networkType: 'none' })),
      showShareMenu: ok,
      hideShareMenu: ok,
      updateShareMenu: ok,
      vibrateShort: ok,
      setClipboardData: this.callback((o) => {
        this.clipboard.push(String(o.data))
      }),
      openOfficialAccountArticle: this.external('openOfficialAccountArticle'),
      openOfficialAccountProfile: this.external('openOfficialAccountProfile'),
      reportAnalytics: noop,
      getUpdateManager: () => ({
        onCheckForUpdate: noop,
        onUpdateReady: noop,
        onUpdateFailed: noop,
        applyUpdate: noop,
      }),
      env: { USER_DATA_PATH: 'wxfile://usr' },
    }
  }

  private request(options: Options & Callbacks): { abort: () => void } {
    const request: HarnessRequest = {
      url: String(options.url),
      header: { ...((options.header as Record<string, string>) ?? {}) },
      timeout: Number(options.timeout ?? 60000),
    }
    this.requests.push(request)
    const response = this.respond(request)
    const finish = (ok: boolean, result: unknown) => {
      if (ok) options.success?.(result)
      else options.fail?.(result)
      options.complete?.(result)
    }
    if ('fail' in response) {
      const timedOut = response.fail === 'timeout'
      this.addTimer(
        () =>
          finish(false, {
            errMsg: timedOut ? 'request:fail timeout' : 'request:fail -101:net::ERR_CONNECTION_REFUSED',
          }),
        timedOut ? request.timeout : 5,
      )
    } else {
      this.addTimer(
        () =>
          finish(true, {
            statusCode: response.statusCode,
            data: response.data,
            header: response.header ?? {},
          }),
        5,
      )
    }
    return { abort: () => undefined }
  }

  // ---------------------------------------------------------------- pages

  private isTab(route: string): boolean {
    return (this.appJson.tabBar?.list ?? []).some((t) => t.pagePath === route)
  }

  private loadPageOptions(route: string): Options {
    if (!this.pageOptions.has(route)) {
      if (!this.routes.includes(route)) throw new Error(`page "${route}" is not in app.json`)
      this.loadingRoute = route
      this.require(path.join(this.dist, 'app.js'), `./${route}`)
      this.loadingRoute = null
    }
    const options = this.pageOptions.get(route)
    if (!options) throw new Error(`${route}.js did not call Page()`)
    return options
  }

  private createPage(route: string, query: Record<string, string>): PageInstance {
    const options = this.loadPageOptions(route)
    const page = {
      ...options,
      data: structuredClone((options.data as Record<string, unknown>) ?? {}),
      route,
      __route__: route,
      options: query,
      __wxWebviewId__: this.stack.length + 1,
    } as unknown as PageInstance
    page.setData = (data, cb) => {
      const bytes = jsonBytes(data)
      this.setDataLog.push({ route, bytes, keys: Object.keys(data) })
      // Far below WeChat's 256 KB: any single setData over this anywhere in the suite is an error.
      if (bytes > MAX_SINGLE_SETDATA_BYTES)
        this.errors.push(new Error(`setData of ${bytes} bytes on ${route}`))
      for (const [key, value] of Object.entries(data)) applyPath(page.data, key, value)
      if (cb) this.addTimer(cb, 0)
    }
    page.selectComponent = () => null
    page.createSelectorQuery = () => (this.createWx().createSelectorQuery as () => unknown)()
    return page
  }

  private call(page: PageInstance, hook: string, ...args: unknown[]): unknown {
    const fn = page[hook]
    if (typeof fn !== 'function') return undefined
    return this.guard(() => (fn as (...a: unknown[]) => unknown).apply(page, args))
  }

  private show(page: PageInstance): void {
    this.call(page, 'onShow')
  }

  private open(route: string, query: Record<string, string>): PageInstance {
    const page = this.createPage(route, query)
    this.stack.push(page)
    this.call(page, 'onLoad', query)
    this.show(page)
    this.call(page, 'onReady')
    if (this.isTab(route)) this.tabPages.set(route, page)
    return page
  }

  private unload(page: PageInstance): void {
    this.call(page, 'onUnload')
    if (this.tabPages.get(page.route) === page) this.tabPages.delete(page.route)
  }

  navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): void {
    const { route, query } = parseUrl(url)
    if (!this.routes.includes(route)) throw new Error(`${kind}:fail page "${route}" is not found`)
    const top = this.stack[this.stack.length - 1]
    if (this.scene === 1154) throw new Error(`${kind}:fail not supported in single-page mode`)
    if (kind === 'navigateTo') {
      if (this.isTab(route)) throw new Error('navigateTo:fail can not navigateTo a tabbar page')
      if (top) this.call(top, 'onHide')
      this.open(route, query)
      return
    }
    if (kind === 'redirectTo') {
      if (this.isTab(route)) throw new Error('redirectTo:fail can not redirectTo a tabbar page')
      if (top) {
        this.unload(top)
        this.stack.pop()
      }
      this.open(route, query)
      return
    }
    // switchTab and reLaunch close every non-tab page; switchTab keeps tab pages alive.
    while (this.stack.length) {
      const page = this.stack.pop() as PageInstance
      if (kind === 'switchTab' && this.isTab(page.route)) this.call(page, 'onHide')
      else this.unload(page)
    }
    const existing = kind === 'switchTab' ? this.tabPages.get(route) : undefined
    if (existing) {
      this.stack.push(existing)
      this.show(existing)
    } else {
      this.open(route, query)
    }
  }

  back(): void {
    if (this.stack.length < 2) throw new Error('navigateBack:fail cannot navigate back at first page')
    const top = this.stack.pop() as PageInstance
    this.unload(top)
    this.show(this.stack[this.stack.length - 1])
  }

  // ---------------------------------------------------------------- driving

  /** Boots the app and opens its first page (or `url`), then settles. */
  async launch(url = '/pages/index/index'): Promise<PageInstance> {
    this.require(path.join(this.dist, 'app.js'), './app')
    if (!this.appOptions) throw new Error('app.js did not call App()')
    const { route, query } = parseUrl(url)
    const launchOptions = { path: route, query, scene: this.scene }
    this.guard(() =>
      (this.appOptions?.onLaunch as ((o: unknown) => void) | undefined)?.call(this.appOptions, launchOptions),
    )
    this.guard(() =>
      (this.appOptions?.onShow as ((o: unknown) => void) | undefined)?.call(this.appOptions, launchOptions),
    )
    this.open(route, query)
    await this.settle()
    return this.current()
  }

  current(): PageInstance {
    const page = this.stack[this.stack.length - 1]
    if (!page) throw new Error('no page is open')
    return page
  }

  /** Runs every timer due now (and the microtasks between them) until nothing is left to do. */
  async settle(maxRounds = 500): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      await new Promise((resolve) => setImmediate(resolve))
      const due = this.timers.filter((t) => t.at <= this.clock).sort((a, b) => a.at - b.at || a.id - b.id)
      if (due.length === 0) return
      const first = due[0]
      this.timers = this.timers.filter((t) => t !== first)
      if (first.every !== undefined) this.timers.push({ ...first, at: this.clock + Math.max(1, first.every) })
      this.guard(first.fn)
    }
    throw new Error('the app did not settle: a timer keeps rescheduling itself')
  }

  /** Moves the virtual clock forward, firing timers in order. */
  async advance(ms: number): Promise<void> {
    const end = this.clock + ms
    await this.settle()
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!next) break
      this.clock = next.at
      await this.settle()
    }
    this.clock = end
    await this.settle()
  }

  /**
   * Calls a page lifecycle or event hook (onPullDownRefresh, onShareAppMessage …). When the hook returns
   * a promise, the virtual clock runs until it settles, as real time would.
   */
  async trigger(hook: string, ...args: unknown[]): Promise<unknown> {
    const result = this.call(this.current(), hook, ...args)
    await this.settle()
    if (!isThenable(result)) return result
    let done = false
    let value: unknown
    result.then(
      (v) => ((done = true), (value = v)),
      () => (done = true),
    )
    for (let waited = 0; !done && waited < 120_000; waited += 10) await this.advance(10)
    if (!done) throw new Error(`${hook} did not finish within two virtual minutes`)
    return value
  }

  private event(type: string, node: TreeNode, detail: Record<string, unknown>) {
    const target = { id: node.uid ?? node.sid, dataset: { sid: node.sid } }
    return { type, timeStamp: this.clock, target, currentTarget: target, detail, mark: {} }
  }

  /** Taps a node as WeChat does: the event bubbles through every ancestor's `eh`. */
  async tap(node: TreeNode): Promise<void> {
    const page = this.current()
    const chain = ancestry(page.data.root as TreeNode, node)
    if (!chain) throw new Error('tap: the node is not on the current page')
    for (const each of chain.reverse()) {
      if (!each.sid) continue
      this.call(page, 'eh', this.event('tap', each, { x: 0, y: 0 }))
    }
    await this.settle()
  }

  /** A component event that does not bubble (a card's `error`, an image's `load`). */
  async dispatch(type: string, node: TreeNode, detail: Record<string, unknown> = {}): Promise<void> {
    this.call(this.current(), 'eh', this.event(type, node, detail))
    await this.settle()
  }

  async input(node: TreeNode, value: string): Promise<void> {
    this.call(this.current(), 'eh', this.event('input', node, { value, cursor: value.length }))
    await this.settle()
  }

  async scroll(scrollTop: number): Promise<void> {
    this.call(this.current(), 'onPageScroll', { scrollTop })
    await this.settle()
  }

  // ---------------------------------------------------------------- reading the tree

  root(page: PageInstance = this.current()): TreeNode {
    return (page.data.root as TreeNode) ?? { cn: [] }
  }

  tagOf(node: TreeNode): string {
    return this.templates.get(String(node.nn))?.tag ?? String(node.nn)
  }

  /** A node's WXML attribute, read through the template that renders it. */
  attr(node: TreeNode, name: string): unknown {
    const key = this.templates.get(String(node.nn))?.attrs[name]
    return key ? node[key] : undefined
  }

  bytesSince(mark: number): number {
    return this.setDataLog.slice(mark).reduce((sum, r) => sum + r.bytes, 0)
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

export function ancestry(root: TreeNode, target: TreeNode): TreeNode[] | null {
  if (root === target) return [root]
  for (const child of root.cn ?? []) {
    const found = ancestry(child, target)
    if (found) return [root, ...found]
  }
  return null
}

export function walk(node: TreeNode, visit: (n: TreeNode, depth: number) => void, depth = 0): void {
  visit(node, depth)
  for (const child of node.cn ?? []) walk(child, visit, depth + 1)
}

export function textOf(node: TreeNode): string {
  let out = ''
  walk(node, (n) => {
    if (typeof n.v === 'string') out += n.v
  })
  return out
}

export function classesOf(node: TreeNode): string[] {
  return typeof node.cl === 'string' ? node.cl.split(/\s+/).filter(Boolean) : []
}

export function findAll(root: TreeNode, predicate: (n: TreeNode) => boolean): TreeNode[] {
  const found: TreeNode[] = []
  walk(root, (n) => {
    if (predicate(n)) found.push(n)
  })
  return found
}

export const byClass = (name: string) => (n: TreeNode) => classesOf(n).includes(name)

export function find(root: TreeNode, predicate: (n: TreeNode) => boolean): TreeNode {
  const found = findAll(root, predicate)[0]
  if (!found) throw new Error('no node matched')
  return found
}

/** Tree shape numbers the budgets talk about. */
export function treeStats(root: TreeNode): { nodes: number; maxChildren: number; depth: number } {
  let nodes = 0
  let maxChildren = 0
  let depth = 0
  walk(root, (n, d) => {
    nodes++
    maxChildren = Math.max(maxChildren, n.cn?.length ?? 0)
    depth = Math.max(depth, d)
  })
  return { nodes, maxChildren, depth }
}
