/**
 * Page files and page instances. A page file is loaded (inside the sandbox) the first time its route is
 * opened and registers its options through `Page()`; each opening makes a fresh instance whose setData
 * is recorded with its byte size and applied by its path keys to rebuild Taro's tree.
 */
import type { Clock } from './clock'
import type { PageInstance } from './router'
import { applyPath, jsonBytes } from './tree'

export type SetDataRecord = { route: string; bytes: number; keys: string[] }

/** Far below WeChat's 256 KB: any single setData over this anywhere in the suite is an error. */
export const MAX_SINGLE_SETDATA_BYTES = 128 * 1024

type Options = Record<string, unknown>

export type PagesHost = {
  routes: readonly string[]
  /** Loads a route's page file, which calls `Page()`. */
  load: (route: string) => void
  setDataLog: SetDataRecord[]
  errors: unknown[]
  clock: Clock
  createSelectorQuery: () => unknown
  /** Runs after each of a page's setData calls is applied (custom wrappers attach then). */
  afterSetData?: (page: PageInstance) => void
}

export class Pages {
  private readonly options = new Map<string, Options>()
  private loading: string | null = null

  constructor(private readonly host: PagesHost) {}

  /** The sandbox's `Page()`: valid only while a page file loads. */
  register(options: Options): void {
    if (!this.loading) throw new Error('Page() called outside a page file')
    this.options.set(this.loading, options)
  }

  private optionsOf(route: string): Options {
    if (!this.options.has(route)) {
      if (!this.host.routes.includes(route)) throw new Error(`page "${route}" is not in app.json`)
      this.loading = route
      try {
        this.host.load(route)
      } finally {
        this.loading = null
      }
    }
    const options = this.options.get(route)
    if (!options) throw new Error(`${route}.js did not call Page()`)
    return options
  }

  /** A new instance of the route's page; `webviewId` tells instances apart as WeChat's do. */
  create(route: string, query: Record<string, string>, webviewId: number): PageInstance {
    const options = this.optionsOf(route)
    const { setDataLog, errors, clock } = this.host
    const page = {
      ...options,
      data: structuredClone((options.data as Options) ?? {}),
      route,
      __route__: route,
      options: query,
      __wxWebviewId__: webviewId,
    } as unknown as PageInstance
    page.setData = (data, cb) => {
      const bytes = jsonBytes(data)
      setDataLog.push({ route, bytes, keys: Object.keys(data) })
      if (bytes > MAX_SINGLE_SETDATA_BYTES) errors.push(new Error(`setData of ${bytes} bytes on ${route}`))
      for (const [key, value] of Object.entries(data)) applyPath(page.data, key, value)
      this.host.afterSetData?.(page)
      if (cb) clock.add(cb, 0)
    }
    page.selectComponent = () => null
    page.createSelectorQuery = () => this.host.createSelectorQuery()
    return page
  }
}
