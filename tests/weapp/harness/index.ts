/**
 * Runs the compiled mini program (dist/weapp) in Node, as WeChat would, and records what it renders.
 *
 * The parts, one concern each: `sandbox` (vm context and loader), `clock` (virtual timers), `wx` (the
 * fake API, typed against WeChat's declarations, with a `wx-*` module per concern), `router` (page stack
 * and lifecycle), `leaving` (the back button's alert, the not-found rule), `tree` (setData applied to
 * Taro's tree, and the queries tests run on it), `records` (what a run records for tests to read) and
 * `events` (taps, component events, hooks). `Harness` puts them together and drives a page as a reader
 * would: taps bubble, hooks run, and the clock runs until the app is quiet.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { Clock } from './clock'
import { CustomWrappers } from './components'
import { Events } from './events'
import { Leaving } from './leaving'
import { Pages } from './pages'
import { Records } from './records'
import { parseUrl, Router, type AppJson, type PageInstance } from './router'
import { DIST, Sandbox } from './sandbox'
import { attrOf, readTemplates, tagOf, type TemplateInfo, type TreeNode } from './tree'
import { settingsOf, type HarnessOptions } from './options'
import { createWx, type WxHost, type WxSettings } from './wx'
import type { NavigationKind } from './wx-navigation'
import type { Responder } from './wx-request'

export { Clock } from './clock'
export type { HarnessOptions } from './options'
export { MAX_SINGLE_SETDATA_BYTES, type SetDataRecord } from './pages'
export { parseUrl, type PageInstance } from './router'
export { DIST } from './sandbox'
export * from './tree'
export type { RealtimeLogEntry } from './wx-app'
export type { ModalShown } from './wx-interaction'
export type { ApiCall } from './wx-share'
export type { AlbumState, CanvasRecord } from './wx-canvas'
export type { HarnessRequest, HarnessResponse, Responder } from './wx-request'
export type { StorageFault, StorageRead } from './wx-storage'
export { DIRECTORY, USER_DATA_PATH, type FileEntry, type FileFault, type FileRead } from './wx-fs'

type Options = Record<string, unknown>

export class Harness extends Records implements WxHost {
  respond: Responder
  readonly stack: PageInstance[]
  readonly templates: Map<string, TemplateInfo>
  /** Every page route, main package and subpackages. */
  readonly routes: string[]
  appOptions: Options | null = null

  /** The compiled mini program this harness runs (what wcc renders from, too). */
  readonly dist: string
  private readonly settings: WxSettings
  readonly clock: Clock
  private readonly router: Router
  private readonly wx: Record<string, unknown>
  private readonly sandbox: Sandbox
  private readonly pages: Pages
  private readonly wrappers: CustomWrappers
  private readonly events: Events
  private readonly leaving: Leaving

  constructor(options: HarnessOptions = {}) {
    super(options)
    this.dist = options.dist ?? DIST
    if (!existsSync(path.join(this.dist, 'app.js'))) {
      throw new Error(`No compiled mini program at ${this.dist}: run \`npm run build:weapp\` first`)
    }
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
    this.tabLabels = (appJson.tabBar?.list ?? []).map((item) => item.text ?? '')
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
      packages: options.packages,
    })
    this.leaving = new Leaving({
      records: this,
      modalAnswer: this.settings.modalAnswer,
      guard: (run) => this.guard(run),
    })
    this.events = new Events({
      current: () => this.current(),
      root: (page) => this.root(page),
      call: (page, hook, ...args) => this.call(page, hook, ...args),
      settle: () => this.settle(),
      advance: (ms) => this.advance(ms),
      now: () => this.clock.now,
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
    this.leaving.navigations++
    this.router.navigate(kind, url)
  }

  /** The current page asks before its back button leaves it (with this message), or no longer does. */
  alertBeforeLeaving(message: string | null): void {
    this.leaving.alertBeforeLeaving(this.stack[this.stack.length - 1], message)
  }

  /** What the tabBar's items say: app.json's labels, as setTabBarItem changed them. */
  readonly tabLabels: string[]

  setTabBarItem(index: number, text: string): void {
    const top = this.stack[this.stack.length - 1]
    if (!top || !this.router.isTab(top.route)) throw new Error('setTabBarItem:fail not TabBar page')
    // The wording for an index with no item is assumed, not confirmed from WeChat's docs.
    if (!(index >= 0 && index < this.tabLabels.length))
      throw new Error('setTabBarItem:fail tabbar item not found')
    this.tabLabels[index] = text
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
    if (!this.leaving.backButtonLeaves(this.current())) return
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
    else this.leaving.pageIsNotFound(app, route, query)
    await this.settle()
    if (!this.stack.length)
      throw new Error(`no page opened: WeChat shows its own not-found page for "${route}"`)
    return this.current()
  }

  current(): PageInstance {
    return this.router.current()
  }

  /** Runs every timer due now (and the microtasks between them) until nothing is left to do. */
  settle(maxRounds?: number): Promise<void> {
    return this.clock.settle(maxRounds)
  }

  /** Moves the virtual clock forward, firing timers in order. */
  advance(ms: number): Promise<void> {
    return this.clock.advance(ms)
  }

  /** Calls a page hook; one that returns a promise runs on the virtual clock until it settles. */
  trigger(hook: string, ...args: unknown[]): Promise<unknown> {
    return this.events.trigger(hook, ...args)
  }

  /** Taps a node as WeChat does: the event bubbles through every ancestor's `eh`. */
  tap(node: TreeNode): Promise<void> {
    return this.events.bubble('tap', node)
  }

  /** A long press on a node: WeChat's longpress, bubbling like a tap. */
  longPress(node: TreeNode): Promise<void> {
    return this.events.bubble('longpress', node)
  }

  /** A component event that does not bubble (a card's `error`, an image's `load`). */
  dispatch(type: string, node: TreeNode, detail: Record<string, unknown> = {}): Promise<void> {
    return this.events.dispatch(type, node, detail)
  }

  input(node: TreeNode, value: string): Promise<void> {
    return this.events.dispatch('input', node, { value, cursor: value.length })
  }

  scroll(scrollTop: number): Promise<void> {
    return this.events.scroll(scrollTop)
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
}
