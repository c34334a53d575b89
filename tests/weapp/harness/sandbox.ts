/**
 * The vm sandbox the compiled mini program runs in, and its CommonJS loader.
 *
 * The sandbox provides the globals Taro's weapp runtime needs (wx, App, Page, Component, getApp,
 * getCurrentPages and timers) and a host's built-ins. app.js is loaded first (it requires vendors, taro
 * and runtime; chunks chain through wx.webpackJsonp), then each page file when it is opened.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

/** The main build (`npm run build:weapp`). */
export const DIST = path.resolve(__dirname, '..', '..', '..', 'dist', 'weapp')

/** What the mini program's framework globals call back into. */
export type SandboxHost = {
  wx: unknown
  /** The timer globals and Date, on the virtual clock. */
  timers: Record<string, unknown>
  /** `App(options)` from app.js. */
  app: (options: Record<string, unknown>) => void
  /** `Page(options)` from a page file. */
  page: (options: Record<string, unknown>) => void
  /** `Component(options)` from a component file (see components.ts). */
  component: (options: Record<string, unknown>) => void
  getApp: () => unknown
  getCurrentPages: () => unknown[]
  /** Where `console.error` goes; `warn` and `log` are dropped. */
  onError: (error: unknown) => void
  /**
   * Whether `require.async` (分包异步化) can reach other packages: they are downloaded, or the phone is
   * offline and never downloaded them. It answers on the virtual clock, as WeChat does after a download.
   */
  packages?: 'downloaded' | 'unreachable'
}

export class Sandbox {
  readonly context: vm.Context
  private readonly modules = new Map<string, { exports: unknown }>()

  constructor(private readonly host: SandboxHost) {
    this.context = vm.createContext(globals(host))
  }

  /** Loads `request` relative to the file `from`, once, as CommonJS inside the sandbox. */
  require(from: string, request: string): unknown {
    const file = path.resolve(path.dirname(from), request.endsWith('.js') ? request : `${request}.js`)
    const loaded = this.modules.get(file)
    if (loaded) return loaded.exports
    const module = { exports: {} as unknown }
    this.modules.set(file, module)
    const code = readFileSync(file, 'utf8')
    const wrapper = vm.runInContext(`(function (require, module, exports) {${code}\n})`, this.context, {
      filename: file,
    }) as (
      req: ((r: string) => unknown) & { async: (r: string) => Promise<unknown> },
      m: typeof module,
      e: unknown,
    ) => void
    wrapper(this.requireFor(file), module, module.exports)
    return module.exports
  }

  /** A file's `require`, with WeChat's `require.async` for a module in another package. */
  private requireFor(file: string) {
    const later = this.host.timers.setTimeout as (run: () => void, ms: number) => unknown
    const reachable = (this.host.packages ?? 'downloaded') === 'downloaded'
    return Object.assign((request: string) => this.require(file, request), {
      async: (request: string) =>
        new Promise((resolve, reject) =>
          later(() => {
            try {
              if (!reachable) throw new Error('subpackage download failed')
              resolve(this.require(file, request))
            } catch (error) {
              reject({
                mod: request,
                errMsg: `require.async:fail ${String((error as Error).message ?? error)}`,
              })
            }
          }, 0),
        ),
    })
  }
}

function globals(host: SandboxHost): Record<string, unknown> {
  return {
    wx: host.wx,
    App: host.app,
    Page: host.page,
    // Taro's weapp build registers `comp` and `custom-wrapper` through Component(). `custom-wrapper`
    // is modelled (components.ts); `comp` has no state of its own beyond the page's, so needs none.
    Component: host.component,
    Behavior: (options: unknown) => options,
    getApp: host.getApp,
    getCurrentPages: host.getCurrentPages,
    ...host.timers,
    console: {
      ...console,
      error: (...args: unknown[]) => host.onError(args),
      warn: () => undefined,
      log: () => undefined,
    },
    Promise,
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
