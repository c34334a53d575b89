/**
 * Selector queries and intersection observers, faked: every element measures the window's width and the
 * settings' page height (so does the page's scrollHeight), and `fields()` hands back the card's canvas
 * node (see wx-canvas.ts).
 */
import type { Clock } from './clock'
import { fieldsOf, type CanvasHost } from './wx-canvas'
import { shaped } from './wx-types'

export type QuerySettings = {
  /** What selector queries report as an element's height and the page's scrollHeight. */
  pageHeight: number
  windowWidth: number
}

export function selectorQuery(
  clock: Clock,
  settings: QuerySettings,
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

/** An observer that never reports: nothing in the harness scrolls into view by itself. */
export function intersectionObserver(): WechatMiniprogram.IntersectionObserver {
  const noop = () => undefined
  const observer = shaped<WechatMiniprogram.IntersectionObserver>({ observe: noop, disconnect: noop })
  observer.relativeToViewport = () => observer
  return observer
}
