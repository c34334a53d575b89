/**
 * Driving a page as a reader would: taps and long presses bubble through every ancestor's `eh` as
 * WeChat's do, a component event goes to its node alone, and a page hook runs until what it started has
 * settled on the virtual clock.
 */
import type { PageInstance } from './router'
import { ancestry, type TreeNode } from './tree'

/** What the events need from the harness: the page, its hooks and the clock. */
export type EventsHost = {
  current: () => PageInstance
  root: (page: PageInstance) => TreeNode
  call: (page: PageInstance, hook: string, ...args: unknown[]) => unknown
  settle: () => Promise<void>
  advance: (ms: number) => Promise<void>
  now: () => number
}

export class Events {
  constructor(private readonly host: EventsHost) {}

  /**
   * Calls a page lifecycle or event hook (onPullDownRefresh, onShareAppMessage …). When the hook returns
   * a promise, the virtual clock runs until it settles, as real time would.
   */
  async trigger(hook: string, ...args: unknown[]): Promise<unknown> {
    const result = this.host.call(this.host.current(), hook, ...args)
    await this.host.settle()
    if (!isThenable(result)) return result
    let done = false
    let value: unknown
    result.then(
      (v) => ((done = true), (value = v)),
      () => (done = true),
    )
    for (let waited = 0; !done && waited < 120_000; waited += 10) await this.host.advance(10)
    if (!done) throw new Error(`${hook} did not finish within two virtual minutes`)
    return value
  }

  private event(type: string, node: TreeNode, detail: Record<string, unknown>) {
    const target = { id: node.uid ?? node.sid, dataset: { sid: node.sid } }
    return { type, timeStamp: this.host.now(), target, currentTarget: target, detail, mark: {} }
  }

  /** An event that bubbles as WeChat's tap and longpress do: through every ancestor's `eh`. */
  async bubble(type: string, node: TreeNode): Promise<void> {
    const page = this.host.current()
    const chain = ancestry(this.host.root(page), node)
    if (!chain) throw new Error(`${type}: the node is not on the current page`)
    for (const each of chain.reverse()) {
      if (each.sid) this.host.call(page, 'eh', this.event(type, each, { x: 0, y: 0 }))
    }
    await this.host.settle()
  }

  /** A component event that does not bubble (a card's `error`, an image's `load`). */
  async dispatch(type: string, node: TreeNode, detail: Record<string, unknown> = {}): Promise<void> {
    this.host.call(this.host.current(), 'eh', this.event(type, node, detail))
    await this.host.settle()
  }

  async scroll(scrollTop: number): Promise<void> {
    this.host.call(this.host.current(), 'onPageScroll', { scrollTop })
    await this.host.settle()
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
