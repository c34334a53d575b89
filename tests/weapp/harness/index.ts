/**
 * Runs the compiled mini program (dist/weapp) in Node, as WeChat would, and records what it renders.
 *
 * The parts, one concern each: `sandbox` (vm context and loader), `clock` (virtual timers), `wx` (the
 * fake API, typed against WeChat's declarations), `router` (page stack and lifecycle), `tree` (setData
 * applied to Taro's tree, and the queries tests run on it). `Harness` puts them together and drives a
 * page as a reader would: taps bubble, hooks run, and the clock runs until the app is quiet.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { Clock } from './clock'
import { CustomWrappers } from './components'
import { Pages, type SetDataRecord } from './pages'
import { parseUrl, Router, type AppJson, type PageInstance } from './router'
import { DIST, Sandbox } from './sandbox'
import { ancestry, attrOf, readTemplates, tagOf, type TemplateInfo, type TreeNode } from './tree'
import { settingsOf, type HarnessOptions } from './options'
import {
  createWx,
  noUpdates,
  type ApiCall,
  type ModalShown,
  type NavigationKind,
  type RealtimeLogEntry,
  type UpdateHooks,
  type WxHost,
  type WxSettings,
} from './wx'
import type { CanvasRecord } from './wx-canvas'
import type { HarnessRequest, Responder } from './wx-request'
import type { StorageFault, StorageRead } from './wx-storage'

export { Clock } from './clock'
export type { HarnessOptions } from './options'
export { MAX_SINGLE_SETDATA_BYTES, type SetDataRecord } from './pages'
export { parseUrl, type PageInstance } from './router'
export { DIST } from './sandbox'
export * from './tree'
export type { ApiCall, ModalShown, RealtimeLogEntry } from './wx'
export type { AlbumState, CanvasRecord } from './wx-canvas'
export type { HarnessRequest, HarnessResponse, Responder } from './wx-request'
export type { StorageFault, StorageRead } from './wx-storage'

type Options = Record<string, unknown>

const NAVIGATION_APIS = new Set(['navigateTo', 'redirectTo', 'switchTab', 'reLaunch'])

export class Harness implements WxHost {
  readonly storage: Map<string, unknown>
  readonly setDataLog: SetDataRecord[] = []
  readonly storageReads: StorageRead[] = []
  /**
   * For each page setData: when it was sent (performance.now(), ms; for timing, never asserted) and
   * how many storage reads came before it.
   */
  readonly setDataMarks: Array<{ at: number; storageReads: number }> = []
  /** When launch() began and when app.js had run (performance.now(), ms): for the bench's phases. */
  launchMarks: { start: number; appLoaded: number } | null = null
  readonly toasts: string[] = []
  readonly previews: Array<{ urls: string[]; current: string }> = []
  readonly errors: unknown[] = []
  readonly requests: HarnessRequest[] = []
  readonly apiCalls: ApiCall[] = []
  readonly clipboard: string[] = []
  readonly navigationTitles: string[] = []
  readonly realtimeLogs: RealtimeLogEntry[] = []
  readonly modals: ModalShown[] = []
  readonly actionSheets: string[][] = []
  /** Labels to pick in the next action sheets, in order (see WxHost). */
  actionSheetPicks: string[] = []
  /** Every Canvas 2D canvas the app drew on (see wx-canvas.ts). */
  readonly canvases: CanvasRecord[] = []
  readonly setDataCount = () => this.setDataLog.length
  readonly updates: UpdateHooks = noUpdates()
  readonly pageNotFound: WxHost['pageNotFound'] = []
  /** Navigations asked for so far: WeChat honours a not-found redirect only if it is asked for at once. */
  private navigations = 0
  respond: Responder
  readonly stack: PageInstance[]
  readonly templates: Map<string, TemplateInfo>
  storageFault: StorageFault = 'none'
  scrolledTo: number[] = []
  scrolledToSelectors: string[] = []
  /** Every page route, main package and subpackages. */
  readonly routes: string[]
  appOptions: Options | null = null

  /** The compiled mini program this harness runs (what wcc renders from, too). */
  readonly dist: string
  private readonly settings: WxSettings
  private readonly clock: Clock
  private readonly router: Router
  private readonly wx: Record<string, unknown>
  private readonly sandbox: Sandbox
  private readonly pages: Pages
  private readonly wrappers: CustomWrappers

  constructor(options: HarnessOptions = {}) {
    this.dist = options.dist ?? DIST
    if (!existsSync(path.join(this.dist, 'app.js'))) {
      throw new Error(`No compiled mini program at ${this.dist}: run \`npm run build:weapp\` first`)
    }
    this.storage = options.storage ?? new Map()
    this.respond = options.request ?? (() => ({ fail: 'offline' }))
    this.settings = settingsOf(options)
    this.templates = readTemplates(this.dist)
    const appJson = JSON.parse(readFileSync(path.join(this.dist, 'app.json'), 'utf8')) as AppJson
    this.clock = new Clock((error) => this.errors.push(error))
    this.router = new Router(appJson, {
      scene: this.settings.scene,
      createPage: (route, query) => this.pages.create(route, query, this.stack.length + 1),
      call: (page, hook, ...args) => this.call(page, hook, ...args),
    })
    this.stack = this.router.stack
    this.routes = this.router.routes
    this.wx = createWx(this, this.clock, this.settings)
    this.pages = new Pages({
      routes: this.routes,
      load: (route) => this.sandbox.require(path.join(this.dist, 'app.js'), `./${route}`),
      setDataLog: this.setDataLog,
      errors: this.errors,
      clock: this.clock,
      createSelectorQuery: () => (this.wx.createSelectorQuery as () => unknown)(),
      afterSetData: (page) => {
        this.setDataMarks.push({ at: performance.now(), storageReads: this.storageReads.length })
        this.wrappers.sync(page)
      },
    })
    this.wrappers = new CustomWrappers({
      templates: this.templates,
      load: () => this.sandbox.require(path.join(this.dist, 'app.js'), './custom-wrapper'),
      setDataLog: this.setDataLog,
      clock: this.clock,
      guard: (run) => this.guard(run),
    })
    this.sandbox = new Sandbox({
      wx: this.wx,
      timers: this.clock.globals(),
      app: (appOptions) => {
        this.appOptions = appOptions
      },
      page: (pageOptions) => this.pages.register(pageOptions),
      component: (componentOptions) => this.wrappers.register(componentOptions),
      getApp: () => this.appOptions,
      getCurrentPages: () => [...this.stack],
      onError: (error) => this.errors.push(error),
    })
  }

  // ---------------------------------------------------------------- pages

  private guard<T>(run: () => T): T | undefined {
    try {
      return run()
    } catch (error) {
      this.errors.push(error)
      return undefined
    }
  }

  private call(page: PageInstance, hook: string, ...args: unknown[]): unknown {
    const fn = page[hook]
    if (typeof fn !== 'function') return undefined
    return this.guard(() => (fn as (...a: unknown[]) => unknown).apply(page, args))
  }

  navigate(kind: NavigationKind, url: string): void {
    this.navigations++
    this.router.navigate(kind, url)
  }

  /** Pages that asked to confirm before their back button leaves them, with the message. */
  private readonly leaveAlerts = new WeakMap<PageInstance, string>()

  alertBeforeLeaving(message: string | null): void {
    const page = this.stack[this.stack.length - 1]
    if (!page) return
    if (message === null) this.leaveAlerts.delete(page)
    else this.leaveAlerts.set(page, message)
  }

  /** Back one page without asking, as navigateBack does (WeChat's leave alert never stops it). */
  back(): void {
    this.router.back()
  }

  /**
   * The back button (or gesture): a page that asked first shows its alert, and stays when the reader
   * cancels it.
   */
  async pressBack(): Promise<void> {
    const message = this.leaveAlerts.get(this.current())
    if (message !== undefined) {
      this.modals.push({ content: message, confirmText: '确定', cancelText: '取消' })
      if (this.settings.modalAnswer === 'cancel') return
    }
    this.router.back()
    await this.settle()
  }

  // ---------------------------------------------------------------- driving

  /** Boots the app and opens its first page (or `url`), then settles. */
  async launch(url = '/pages/index/index'): Promise<PageInstance> {
    const start = performance.now()
    this.sandbox.require(path.join(this.dist, 'app.js'), './app')
    this.launchMarks = { start, appLoaded: performance.now() }
    const app = this.appOptions
    if (!app) throw new Error('app.js did not call App()')
    const { route, query } = parseUrl(url)
    const launchOptions = { path: route, query, scene: this.settings.scene }
    this.guard(() => (app.onLaunch as ((o: unknown) => void) | undefined)?.call(app, launchOptions))
    this.guard(() => (app.onShow as ((o: unknown) => void) | undefined)?.call(app, launchOptions))
    if (this.routes.includes(route)) this.router.open(route, query)
    else this.pageIsNotFound(app, route, query)
    await this.settle()
    if (!this.stack.length)
      throw new Error(`no page opened: WeChat shows its own not-found page for "${route}"`)
    return this.current()
  }

  /**
   * As WeChat does for a path the app no longer has: wx.onPageNotFound listeners, then App's
   * onPageNotFound. Only a redirect asked for synchronously inside them counts; WeChat ignores a later
   * one and shows its own not-found page, which the harness reports as an error.
   */
  private pageIsNotFound(app: Options, path: string, query: Record<string, string>): void {
    const res = { path, query, isEntryPage: true }
    // A navigation asked for counts even when it then fails (a failing API is recorded as a call).
    const asked = () => this.navigations + this.apiCalls.filter((c) => NAVIGATION_APIS.has(c.api)).length
    const before = asked()
    for (const listener of this.pageNotFound) this.guard(() => listener(res))
    const hook = app.onPageNotFound as ((o: unknown) => void) | undefined
    this.guard(() => hook?.call(app, res))
    if (asked() === before)
      this.errors.push(new Error(`page "${path}" not found, and nothing redirected synchronously`))
  }

  current(): PageInstance {
    return this.router.current()
  }

  /** Runs every timer due now (and the microtasks between them) until nothing is left to do. */
  settle(maxRounds = 500): Promise<void> {
    return this.clock.settle(maxRounds)
  }

  /** Moves the virtual clock forward, firing timers in order. */
  advance(ms: number): Promise<void> {
    return this.clock.advance(ms)
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
    return { type, timeStamp: this.clock.now, target, currentTarget: target, detail, mark: {} }
  }

  /** Taps a node as WeChat does: the event bubbles through every ancestor's `eh`. */
  tap(node: TreeNode): Promise<void> {
    return this.bubble('tap', node)
  }

  /** A long press on a node: WeChat's longpress, bubbling like a tap. */
  longPress(node: TreeNode): Promise<void> {
    return this.bubble('longpress', node)
  }

  private async bubble(type: string, node: TreeNode): Promise<void> {
    const page = this.current()
    const chain = ancestry(this.root(page), node)
    if (!chain) throw new Error(`${type}: the node is not on the current page`)
    for (const each of chain.reverse()) {
      if (each.sid) this.call(page, 'eh', this.event(type, each, { x: 0, y: 0 }))
    }
    await this.settle()
  }

  /** A component event that does not bubble (a card's `error`, an image's `load`). */
  async dispatch(type: string, node: TreeNode, detail: Record<string, unknown> = {}): Promise<void> {
    this.call(this.current(), 'eh', this.event(type, node, detail))
    await this.settle()
  }

  async input(node: TreeNode, value: string): Promise<void> {
    await this.dispatch('input', node, { value, cursor: value.length })
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
    return tagOf(this.templates, node)
  }

  /** A node's WXML attribute, read through the template that renders it. */
  attr(node: TreeNode, name: string): unknown {
    return attrOf(this.templates, node, name)
  }

  bytesSince(mark: number): number {
    return this.setDataLog.slice(mark).reduce((sum, r) => sum + r.bytes, 0)
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
