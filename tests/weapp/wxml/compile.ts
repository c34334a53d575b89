/**
 * WeChat's own WXML compiler, `wcc` from the npm package `miniprogram-compiler`, run on a compiled
 * mini program, and the `$gwx` render function it prints, loaded into a fresh vm context.
 *
 * From the dist folder: `wcc -d -cc "0" <every .wxml> <every .wxs> -gn '$gwx'`. The JavaScript it
 * prints defines `$gwx(path)`, which returns a generator `(data, dd, global) => tree` for a compiled
 * `.wxml` path (or undefined for a path it does not know).
 *
 * The context gets no host built-ins: the WXS runtime patches the context's own prototypes, and with
 * borrowed ones every `xs.*` call yields undefined ("Template `undefined` not found"). The generated
 * code needs only two globals: `window` (it writes `window.__wcc_version__` and reads
 * `window.__webview_engine_version__`; here the context's own global) and `console` (it keeps
 * `console.warn` and `console.log` for its warnings, which this module records).
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'

/** A node of the tree `$gwx` builds, as it lives inside the vm context. */
export type RawNode = { tag: string; attr?: Record<string, unknown>; children?: unknown[] }

export type Generator = (
  data: unknown,
  dd: Record<string, unknown>,
  global: Record<string, unknown>,
) => RawNode

export type WxmlRuntime = {
  /** The dist folder this runtime was compiled from. */
  dist: string
  /** The `.wxml` files wcc compiled, relative to dist, with `/` separators. */
  files: string[]
  /** `$gwx(path)`: the generator for one compiled `.wxml` file, or undefined. */
  gwx: (wxmlPath: string) => Generator | undefined
  /**
   * Turns host data into the context's own objects, as the view layer receives it (serialised). Needed:
   * `$gdc` copies component properties only when `o.constructor === Object` of the context, so host
   * objects reach `<comp i="{{i}}">` as `i: null`.
   */
  intoContext: (value: unknown) => unknown
  /** Warnings the render function printed (`WXMLRT_$gwx:... Template `x` not found.`) since the last drain. */
  drainWarnings: () => string[]
}

const WCC_SOURCE = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'node_modules',
  'miniprogram-compiler',
  'bin',
  'linux',
  'wcc',
)

let wccCopy: string | null = null

/**
 * The wcc binary, copied once per process into a temp dir and made executable there: after `npm ci`
 * the packaged file may lack the executable bit, and node_modules is not ours to chmod.
 */
export function wccBinary(): string {
  if (wccCopy) return wccCopy
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`wcc ships for Linux x86-64 here; this is ${process.platform}-${process.arch}`)
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wcc-'))
  const copy = path.join(dir, 'wcc')
  copyFileSync(WCC_SOURCE, copy)
  chmodSync(copy, 0o755)
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  wccCopy = copy
  return copy
}

/** Every file under `dir` whose name ends in `ext`, relative, sorted, with `/` separators. */
export function filesWithExt(dir: string, ext: string): string[] {
  const out: string[] = []
  const visit = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(child)
      } else if (entry.name.endsWith(ext)) out.push(child)
    }
  }
  visit('')
  return out.sort()
}

/** The argument list wcc is run with from inside `dist`. */
export function wccArgs(wxml: string[], wxs: string[]): string[] {
  return ['-d', '-cc', '0', ...wxml, ...wxs, '-gn', '$gwx']
}

const compiled = new Map<string, { files: string[]; js: string }>()

/** wcc's JavaScript for `dist`, compiled once per process. */
export function compileDist(dist: string): { files: string[]; js: string } {
  const key = path.resolve(dist)
  const cached = compiled.get(key)
  if (cached) return cached
  const files = filesWithExt(key, '.wxml')
  if (files.length === 0) throw new Error(`no .wxml files in ${key}: build the mini program first`)
  let js: string
  try {
    js = execFileSync(wccBinary(), wccArgs(files, filesWithExt(key, '.wxs')), {
      cwd: key,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? ''
    throw new Error(`wcc failed on ${key}: ${stderr || String(err)}`)
  }
  if (!js.includes('$gwx')) throw new Error(`wcc printed no $gwx for ${key}`)
  const result = { files, js }
  compiled.set(key, result)
  return result
}

const runtimes = new Map<string, WxmlRuntime>()

/** The `$gwx` of `dist`, evaluated in its own fresh vm context (one per dist per process). */
export function wxmlRuntime(dist: string): WxmlRuntime {
  const key = path.resolve(dist)
  const cached = runtimes.get(key)
  if (cached) return cached
  const { files, js } = compileDist(key)
  const warnings: string[] = []
  const context = vm.createContext({})
  vm.runInContext('var window = this', context)
  const record = (...args: unknown[]) => {
    warnings.push(args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '))
  }
  // The only host object in the context: plain functions, no built-in prototypes.
  context.console = { warn: record, log: record, error: record, info: () => {}, debug: () => {} }
  vm.runInContext(js, context, { filename: `${key}/$gwx.js` })
  const gwx = context.$gwx as ((p: string) => Generator | undefined) | undefined
  if (typeof gwx !== 'function') throw new Error(`wcc output for ${key} did not define $gwx`)
  const parse = vm.runInContext('(function (s) { return JSON.parse(s) })', context) as (s: string) => unknown
  const runtime: WxmlRuntime = {
    dist: key,
    files,
    gwx: (wxmlPath) => gwx(wxmlPath),
    intoContext: (value) => (value === undefined ? undefined : parse(JSON.stringify(value))),
    drainWarnings: () => warnings.splice(0),
  }
  runtimes.set(key, runtime)
  return runtime
}
