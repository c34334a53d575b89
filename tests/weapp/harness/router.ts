/**
 * The page stack, as WeChat keeps it: navigateTo pushes, redirectTo replaces the top, switchTab and
 * reLaunch close every page (switchTab keeps tab pages alive and shows the one asked for again),
 * navigateBack pops. Lifecycle hooks are called in WeChat's order: onLoad, onShow, onReady on opening;
 * onHide when covered or switched away from; onUnload when closed.
 */
import type { TreeNode } from './tree'
import type { NavigationKind } from './wx-navigation'

export type PageInstance = {
  route: string
  __route__: string
  options: Record<string, string>
  data: { root?: TreeNode; [key: string]: unknown }
  setData: (data: Record<string, unknown>, cb?: () => void) => void
  [key: string]: unknown
}

/** What the router needs from app.json. */
export type AppJson = {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  tabBar?: { list: Array<{ pagePath: string; text?: string }> }
}

export type RouterHost = {
  /** Makes a page instance (loading its file if need be); it is not yet on the stack. */
  createPage: (route: string, query: Record<string, string>) => PageInstance
  /** Calls one of a page's hooks, if it has it; what the hook throws is the host's to record. */
  call: (page: PageInstance, hook: string, ...args: unknown[]) => unknown
  /** The launch scene; in 1154 (Moments single-page mode) every navigation fails. */
  scene: number
}

export const SINGLE_PAGE_SCENE = 1154

export function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [pathPart, queryPart = ''] = url.split('?')
  const query: Record<string, string> = {}
  for (const pair of queryPart.split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=')
    query[k] = v
  }
  return { route: pathPart.replace(/^\//, ''), query }
}

/** Every page route in app.json, main package and subpackages. */
export function routesOf(appJson: AppJson): string[] {
  return [
    ...appJson.pages,
    ...(appJson.subPackages ?? []).flatMap((p) =>
      p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`),
    ),
  ]
}

export class Router {
  readonly stack: PageInstance[] = []
  readonly routes: string[]
  private readonly tabPages = new Map<string, PageInstance>()

  constructor(
    private readonly appJson: AppJson,
    private readonly host: RouterHost,
  ) {
    this.routes = routesOf(appJson)
  }

  isTab(route: string): boolean {
    return (this.appJson.tabBar?.list ?? []).some((t) => t.pagePath === route)
  }

  /** The page on top; throws when none is open. */
  current(): PageInstance {
    const page = this.stack[this.stack.length - 1]
    if (!page) throw new Error('no page is open')
    return page
  }

  /** Opens a page on top of the stack: onLoad, onShow, onReady. */
  open(route: string, query: Record<string, string>): PageInstance {
    const page = this.host.createPage(route, query)
    this.stack.push(page)
    this.host.call(page, 'onLoad', query)
    this.host.call(page, 'onShow')
    this.host.call(page, 'onReady')
    if (this.isTab(route)) this.tabPages.set(route, page)
    return page
  }

  navigate(kind: NavigationKind, url: string): void {
    const { route, query } = parseUrl(url)
    if (!this.routes.includes(route)) throw new Error(`${kind}:fail page "${route}" is not found`)
    const top = this.stack[this.stack.length - 1]
    if (this.host.scene === SINGLE_PAGE_SCENE)
      throw new Error(`${kind}:fail not supported in single-page mode`)
    if (kind === 'navigateTo') {
      if (this.isTab(route)) throw new Error('navigateTo:fail can not navigateTo a tabbar page')
      if (top) this.host.call(top, 'onHide')
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
      if (kind === 'switchTab' && this.isTab(page.route)) this.host.call(page, 'onHide')
      else this.unload(page)
    }
    const existing = kind === 'switchTab' ? this.tabPages.get(route) : undefined
    if (existing) {
      this.stack.push(existing)
      this.host.call(existing, 'onShow')
    } else {
      this.open(route, query)
    }
  }

  back(): void {
    if (this.stack.length < 2) throw new Error('navigateBack:fail cannot navigate back at first page')
    const top = this.stack.pop() as PageInstance
    this.unload(top)
    this.host.call(this.current(), 'onShow')
  }

  private unload(page: PageInstance): void {
    this.host.call(page, 'onUnload')
    if (this.tabPages.get(page.route) === page) this.tabPages.delete(page.route)
  }
}
