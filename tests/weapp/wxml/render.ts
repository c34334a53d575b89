/**
 * Renders a page as WeChat's view layer does: the page's `$gwx` generator on the page's data, then
 * every custom component it meets (Taro's `comp`, `custom-wrapper`) rendered with its own template
 * and spliced in.
 *
 * How a custom component is rendered: an element whose tag is `wx-<name>`, where `<name>` is in the
 * `usingComponents` of the owner's `.json` (or app.json's), is a component instance. Its data is its
 * properties, taken from the element's attributes (for Taro's `comp`: `i`, the node, and `l`, the text
 * nesting); its template is `<component path>.wxml`, rendered by the same `$gwx`. Taro gives `comp`
 * `virtualHost: true` (runtime `createRecursiveComponentConfig`), so its children replace it; every
 * other component (`custom-wrapper`) keeps its host element `wx-<name>` with the children inside.
 *
 * Limitation: a `custom-wrapper` in WeChat is updated by its own setData (`i.cn.[0]...` on the
 * wrapper, not the page), so its live data can differ from the node the page's data holds. This
 * renders it from the `i` the page passes, which matches only while the harness folds the wrapper's
 * updates into the page tree.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { type RawNode, type WxmlRuntime, wxmlRuntime } from './compile'

/** An element of the rendered tree (`wx-view`, `wx-text`, `wx-image`, ...). Text is a plain string. */
export type WxElement = { tag: string; attr: Record<string, unknown>; children: WxNode[] }
export type WxNode = WxElement | string

/** Components rendered without a host element (Taro's recursive `comp` sets `virtualHost: true`). */
const VIRTUAL_HOST = new Set(['comp'])
/** Deeper than this many nested component instances is a runaway, not content. */
const MAX_COMPONENT_DEPTH = 200

type ComponentMap = Map<string, string>
type JsonWithComponents = { usingComponents?: Record<string, string> }

const componentMaps = new Map<string, ComponentMap>()

function readJson(file: string): JsonWithComponents {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as JsonWithComponents) : {}
}

/** `usingComponents` of `owner` (a path in dist without extension) and app.json: tag → component path. */
export function componentsOf(dist: string, owner: string): ComponentMap {
  const key = `${dist}\n${owner}`
  const cached = componentMaps.get(key)
  if (cached) return cached
  const map: ComponentMap = new Map()
  const add = (json: JsonWithComponents, base: string) => {
    for (const [tag, ref] of Object.entries(json.usingComponents ?? {})) {
      if (ref.startsWith('plugin://')) continue
      const resolved = ref.startsWith('/') ? ref.slice(1) : path.posix.join(base, ref)
      map.set(tag, path.posix.normalize(resolved))
    }
  }
  add(readJson(path.join(dist, 'app.json')), '')
  add(readJson(path.join(dist, `${owner}.json`)), path.posix.dirname(owner))
  componentMaps.set(key, map)
  return map
}

/** Attributes that are not component properties: WeChat keeps them on the host element. */
const isHostAttr = (name: string) =>
  name === 'id' ||
  name === 'class' ||
  name === 'style' ||
  name === 'slot' ||
  /^(data-|bind|catch|capture-)/.test(name)

function hostValue(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? (JSON.parse(JSON.stringify(value)) as unknown) : value
}

function errorText(err: unknown): string {
  return err instanceof Error || (typeof err === 'object' && err !== null && 'message' in err)
    ? String((err as { message: unknown }).message)
    : String(err)
}

export type RenderOptions = {
  /** Called for every custom component instance rendered (tag name, component path). */
  onComponent?: (name: string, componentPath: string) => void
}

class Renderer {
  constructor(
    private readonly rt: WxmlRuntime,
    private readonly options: RenderOptions,
  ) {}

  /** Renders `<owner>.wxml` on `data`; returns the generator's root (`wx-page`) as a host tree. */
  file(owner: string, data: Record<string, unknown>, depth: number): WxElement {
    const gen = this.rt.gwx(`${owner}.wxml`)
    if (!gen) {
      throw new Error(
        `no compiled WXML "${owner}.wxml" in ${this.rt.dist} (wcc compiled: ${this.rt.files.join(', ')})`,
      )
    }
    this.rt.drainWarnings()
    let raw: RawNode
    try {
      raw = gen(this.rt.intoContext(data), {}, {})
    } catch (err) {
      throw new Error(`rendering ${owner}.wxml failed: ${errorText(err)}`)
    }
    const warnings = this.rt.drainWarnings()
    if (warnings.length > 0) throw new Error(`rendering ${owner}.wxml warned:\n${warnings.join('\n')}`)
    const components = componentsOf(this.rt.dist, owner)
    return { tag: raw.tag, attr: {}, children: this.children(raw.children ?? [], components, depth) }
  }

  private children(raw: unknown[], components: ComponentMap, depth: number): WxNode[] {
    const out: WxNode[] = []
    for (const child of raw) {
      if (child === null || child === undefined) continue
      if (typeof child !== 'object') {
        out.push(String(child))
        continue
      }
      const node = child as RawNode
      const name = node.tag.replace(/^wx-/, '')
      const component = components.get(name)
      if (component) out.push(...this.component(node, name, component, depth + 1))
      else {
        const attr: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(node.attr ?? {})) attr[k] = hostValue(v)
        out.push({ tag: node.tag, attr, children: this.children(node.children ?? [], components, depth) })
      }
    }
    return out
  }

  /** A custom component instance: its own template on its properties, spliced in or under its host. */
  private component(node: RawNode, name: string, componentPath: string, depth: number): WxNode[] {
    if (depth > MAX_COMPONENT_DEPTH) throw new Error(`more than ${MAX_COMPONENT_DEPTH} nested components`)
    this.options.onComponent?.(name, componentPath)
    const properties: Record<string, unknown> = {}
    const host: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(node.attr ?? {})) {
      if (isHostAttr(k)) host[k] = hostValue(v)
      else properties[k] = v
    }
    const rendered = this.file(componentPath, properties, depth).children
    return VIRTUAL_HOST.has(name) ? rendered : [{ tag: node.tag, attr: host, children: rendered }]
  }
}

/**
 * The element tree WeChat renders for `route` (e.g. `pages/index/index`) from the page's `data`
 * (`{ root: ... }`, as the harness holds it). The root is the generator's `wx-page`.
 */
export function renderPage(
  dist: string,
  route: string,
  data: Record<string, unknown>,
  options: RenderOptions = {},
): WxElement {
  const owner = route.replace(/^\//, '').replace(/\.wxml$/, '')
  return new Renderer(wxmlRuntime(dist), options).file(owner, data, 0)
}
