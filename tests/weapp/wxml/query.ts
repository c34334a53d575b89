/** Reading the rendered WXML tree: what a reader sees, elements by class, attributes and shape. */
import type { WxElement, WxNode } from './render'

export const isElement = (node: WxNode): node is WxElement => typeof node !== 'string'

/** Visits every element, parent before children, with its depth below `root` (root = 0). */
export function walkElements(
  root: WxElement,
  visit: (el: WxElement, depth: number) => void,
  depth = 0,
): void {
  visit(root, depth)
  for (const child of root.children) if (isElement(child)) walkElements(child, visit, depth + 1)
}

/** An element's attribute. wcc camel-cases dashed names (`hover-class` → `hoverClass`); either works. */
export function attr(el: WxElement, name: string): unknown {
  if (name in el.attr) return el.attr[name]
  const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
  return el.attr[camel]
}

export const classesOfElement = (el: WxElement): string[] =>
  typeof el.attr.class === 'string' ? el.attr.class.split(/\s+/).filter(Boolean) : []

/** Elements a reader cannot see, so neither can their text: `hidden` set. */
const isHidden = (el: WxElement) => el.attr.hidden === true || el.attr.hidden === 'true'

/** All text a reader would see, in document order, joined without separators (like the harness's textOf). */
export function visibleText(tree: WxNode): string {
  if (!isElement(tree)) return tree
  if (isHidden(tree)) return ''
  return tree.children.map(visibleText).join('')
}

export function findAllElements(root: WxElement, predicate: (el: WxElement) => boolean): WxElement[] {
  const found: WxElement[] = []
  walkElements(root, (el) => {
    if (predicate(el)) found.push(el)
  })
  return found
}

export const findByClass = (root: WxElement, cls: string): WxElement[] =>
  findAllElements(root, (el) => classesOfElement(el).includes(cls))

export const findByTag = (root: WxElement, tag: string): WxElement[] =>
  findAllElements(root, (el) => el.tag === (tag.startsWith('wx-') ? tag : `wx-${tag}`))

/** The first element with class `cls`; throws when there is none. */
export function findOneByClass(root: WxElement, cls: string): WxElement {
  const found = findByClass(root, cls)[0]
  if (!found) throw new Error(`no element with class ${cls}`)
  return found
}

export type ElementStats = {
  /** Elements in the tree, `tree` itself included. */
  elements: number
  /** Text nodes. */
  texts: number
  /** Deepest element below `tree` (tree = 0, its children = 1). */
  depth: number
  /** Most child nodes (elements and text) under one element. */
  maxChildren: number
}

/** The shape numbers WeChat's performance guidance talks about (node count, depth, children per node). */
export function elementStats(tree: WxElement): ElementStats {
  const stats: ElementStats = { elements: 0, texts: 0, depth: 0, maxChildren: 0 }
  walkElements(tree, (el, depth) => {
    stats.elements++
    stats.texts += el.children.filter((c) => !isElement(c)).length
    stats.depth = Math.max(stats.depth, depth)
    stats.maxChildren = Math.max(stats.maxChildren, el.children.length)
  })
  return stats
}
