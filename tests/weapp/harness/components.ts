/**
 * Taro's `custom-wrapper`, modelled as WeChat runs it. WeChat attaches a component instance for every
 * custom-wrapper element a page renders; Taro then sends each update inside that element through the
 * wrapper's own setData (keys `i.cn.[0]…`), not the page's. The harness attaches one instance per
 * element, records its setData like a page's (so budgets count its bytes) and applies it to the same
 * node of the page tree (so what tests read, and what wcc renders, stays whole).
 */
import type { Clock } from './clock'
import type { SetDataRecord } from './pages'
import type { PageInstance } from './router'
import { applyPath, jsonBytes, walk, type TemplateInfo, type TreeNode } from './tree'

type Options = Record<string, unknown>
type Lifecycle = (this: WrapperInstance) => void

export type WrapperInstance = {
  id: string
  data: { i: TreeNode; l: string }
  setData: (data: Options, cb?: () => void) => void
  [key: string]: unknown
}

export type ComponentsHost = {
  templates: ReadonlyMap<string, TemplateInfo>
  /** Loads custom-wrapper.js (inside the sandbox), which calls `Component()`. */
  load: () => void
  setDataLog: SetDataRecord[]
  clock: Clock
  guard: (run: () => void) => void
}

export class CustomWrappers {
  private config: Options | null = null
  private loading = false
  private readonly attached = new Map<string, { node: TreeNode; instance: WrapperInstance }>()

  private readonly anyWrapperTemplate: boolean

  constructor(private readonly host: ComponentsHost) {
    this.anyWrapperTemplate = [...host.templates.values()].some((t) => t.tag === 'custom-wrapper')
  }

  /** The sandbox's `Component()`: kept while custom-wrapper.js loads; `comp` needs no instance here. */
  register(config: Options): void {
    if (this.loading) this.config = config
  }

  private isWrapper(node: TreeNode): boolean {
    return this.host.templates.get(String(node.nn))?.tag === 'custom-wrapper'
  }

  private wrapperConfig(): Options {
    if (!this.config) {
      this.loading = true
      try {
        this.host.load()
      } finally {
        this.loading = false
      }
    }
    if (!this.config) throw new Error('custom-wrapper.js did not call Component()')
    return this.config
  }

  /** After a page's setData: attach wrappers that appeared, detach those that went, as WeChat would. */
  sync(page: PageInstance): void {
    // A build that never uses CustomWrapper has no template for it: nothing to look for.
    if (!this.anyWrapperTemplate) return
    const present = new Map<string, TreeNode>()
    walk((page.data.root as TreeNode) ?? { cn: [] }, (node) => {
      if (this.isWrapper(node) && node.sid) present.set(node.sid, node)
    })
    for (const [sid, { instance }] of this.attached) {
      if (present.get(sid) === this.attached.get(sid)?.node) continue
      this.lifecycle(instance, 'detached')
      this.attached.delete(sid)
    }
    for (const [sid, node] of present) {
      if (this.attached.has(sid)) continue
      const instance = this.instance(page, node)
      this.attached.set(sid, { node, instance })
      this.lifecycle(instance, 'attached')
    }
  }

  private instance(page: PageInstance, node: TreeNode): WrapperInstance {
    const config = this.wrapperConfig()
    const { setDataLog, clock } = this.host
    const instance: WrapperInstance = {
      ...((config.methods as Options) ?? {}),
      id: String(node.uid ?? node.sid),
      // The node itself, so the wrapper's updates land in the page tree.
      data: { i: node, l: '' },
      setData(data, cb) {
        setDataLog.push({
          route: `${page.route}#custom-wrapper`,
          bytes: jsonBytes(data),
          keys: Object.keys(data),
        })
        for (const [key, value] of Object.entries(data)) applyPath(this.data, key, value)
        if (cb) clock.add(cb, 0)
      },
    }
    return instance
  }

  private lifecycle(instance: WrapperInstance, name: 'attached' | 'detached'): void {
    const config = this.wrapperConfig()
    const lifetimes = (config.lifetimes as Record<string, Lifecycle> | undefined) ?? {}
    const hook = lifetimes[name] ?? (config[name] as Lifecycle | undefined)
    if (typeof hook === 'function') this.host.guard(() => hook.call(instance))
  }
}
