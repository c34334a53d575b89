/**
 * Taro's page tree as the harness rebuilds it from setData, and the queries tests run on it.
 *
 * Every setData key is a path (`root.cn.[0].cn.[1].v`); applying each in order to the page data gives
 * the tree Taro means the view layer to render. Short keys (`nn` node name, `cl` class, `v` text, `cn`
 * children, `p0`… attributes) are read through base.wxml's templates.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { DIST } from './sandbox'

export type TreeNode = {
  nn?: string | number
  sid?: string
  uid?: string
  cl?: string
  v?: string
  cn?: TreeNode[]
  [key: string]: unknown
}

/** `tmpl_0_N` → the WXML tag and which attribute reads which short key, from base.wxml. */
/** A template's tag, its attributes by data key, and the events it binds to the page's handler. */
export type TemplateInfo = { tag: string; attrs: Record<string, string>; events: string[] }

export function readTemplates(dist: string = DIST): Map<string, TemplateInfo> {
  const wxml = readFileSync(path.join(dist, 'base.wxml'), 'utf8')
  return parseTemplates(wxml)
}

export function parseTemplates(wxml: string): Map<string, TemplateInfo> {
  const templates = new Map<string, TemplateInfo>()
  const re = /<template name="tmpl_0_([^"]+)">\s*<([a-z-]+)([^>]*)>/g
  for (let m = re.exec(wxml); m; m = re.exec(wxml)) {
    const attrs: Record<string, string> = {}
    for (const a of m[3].matchAll(/([a-z-]+)="\{\{(?:xs\.b\()?i\.(p\d+)/g)) attrs[a[1]] = a[2]
    const events = [...m[3].matchAll(/(?:bind|catch)([a-z]+)="eh"/g)].map((e) => e[1])
    templates.set(m[1], { tag: m[2], attrs, events })
  }
  return templates
}

/** The WXML tag a node renders as. */
export function tagOf(templates: Map<string, TemplateInfo>, node: TreeNode): string {
  return templates.get(String(node.nn))?.tag ?? String(node.nn)
}

/** A node's WXML attribute, read through the template that renders it. */
export function attrOf(templates: Map<string, TemplateInfo>, node: TreeNode, name: string): unknown {
  const key = templates.get(String(node.nn))?.attrs[name]
  return key ? node[key] : undefined
}

/** Applies one setData path (`root.cn.[0].cn.[2].v`) to the page data. */
export function applyPath(target: Record<string, unknown>, key: string, value: unknown): void {
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

/** The UTF-8 size of a value as JSON: what a setData or a storage write costs. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')
}

/** The path from `root` down to `target`, both included; null when `target` is not under `root`. */
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
