/**
 * The user data folder behind the fake `wx.getFileSystemManager()` (wx-fs.ts): WeChat's 200 MB limit,
 * its error messages, and a fault a test can switch on (`fileFault: 'full'`: every file write fails as
 * if the folder were full; directories hold no bytes, so mkdir still works).
 *
 * What is on the phone is one host Map, so that a test can pass it to a new harness to relaunch with the
 * same files, and damage it directly: the key is the full path without a trailing slash
 * (`wxfile://usr/notes/a.json`); the value is a file's content, a `string` (written as utf8, so a test can
 * truncate it) or a `Uint8Array` (written as an ArrayBuffer or in another encoding), or `DIRECTORY`.
 * `wxfile://usr` is there from the start, as WeChat makes it; a path is reachable only through a parent
 * that is a `DIRECTORY`. Only paths under `wxfile://usr/` can be written, and only they count toward the
 * limit; a test may put other files in the Map (a downloaded temporary file) for the app to read.
 *
 * Messages follow WeChat's FileSystemManager pages (each method's "errMsg 的合法值" table and the error
 * code table, developers.weixin.qq.com/miniprogram/dev/api/file/). Where no page gives the exact words, the
 * line says so.
 */
import { Buffer } from 'node:buffer'
import { createHash } from 'node:crypto'
import { types } from 'node:util'

import { shaped } from './wx-types'

export const USER_DATA_PATH = 'wxfile://usr'
/** Local cache and user files together, "最多可存储 200MB" (WeChat's file-system guide). */
export const FILE_LIMIT_BYTES = 200 * 1024 * 1024
export const DIRECTORY = Symbol('directory')
export type FileEntry = string | Uint8Array | typeof DIRECTORY
export type FileFault = 'none' | 'full'
export type FileRead = { path: string; bytes: number }

/** Error code 1300202, word for word. */
export const QUOTA_MESSAGE = 'the maximum size of the file storage limit is exceeded'

/** Read at every call, so a test can swap the fault or the limit while the app runs. */
export type FileSystemHost = {
  files: Map<string, FileEntry>
  fileFault: FileFault
  /** What the user data folder may hold in all (200 MB); a test lowers it rather than write 200 MB. */
  fileLimitBytes: number
  /** Every readFile that found a file, with its bytes. */
  fileReads: FileRead[]
}

/** The folder of a first launch, or a seeded one: `newFiles({ d: DIRECTORY, 'd/a.json': '{}' })`. */
export const newFiles = (entries: Record<string, FileEntry> = {}) =>
  new Map<string, FileEntry>([
    [USER_DATA_PATH, DIRECTORY],
    ...Object.entries(entries).map(([name, entry]): [string, FileEntry] => [
      `${USER_DATA_PATH}/${name}`,
      entry,
    ]),
  ])

/**
 * When each path was last written (UNIX seconds), kept beside the files Map rather than in it so that
 * tests edit plain contents, and so that a relaunch on the same Map still knows them. A file a test put
 * there itself reports 0.
 */
const modifiedTimes = new WeakMap<Map<string, FileEntry>, Map<string, number>>()

const UTF8 = new Set(['utf8', 'utf-8'])
const norm = (path: string) => String(path).replace(/\/+$/, '')
const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')))
const writable = (path: string) => path.startsWith(`${USER_DATA_PATH}/`)
const bytesOf = (entry: FileEntry | undefined): Uint8Array =>
  entry === undefined || entry === DIRECTORY
    ? new Uint8Array(0)
    : typeof entry === 'string'
      ? new Uint8Array(Buffer.from(entry, 'utf8'))
      : entry
const sizeOf = (entry: FileEntry | undefined) =>
  typeof entry === 'string' ? Buffer.byteLength(entry, 'utf8') : bytesOf(entry).byteLength

const joined = (a: Uint8Array, b: Uint8Array) => {
  const both = new Uint8Array(a.byteLength + b.byteLength)
  both.set(a)
  both.set(b, a.byteLength)
  return both
}

function fail(api: string, detail: string): never {
  throw new Error(`${api}:fail ${detail}`)
}

/** What a write stores: a utf8 string as it is, anything else as bytes. */
function contentOf(api: string, data: unknown, encoding: string = 'utf8'): string | Uint8Array {
  if (typeof data === 'string') {
    return UTF8.has(encoding) ? data : new Uint8Array(Buffer.from(data, encoding as BufferEncoding))
  }
  if (types.isArrayBuffer(data)) return new Uint8Array(data.slice(0))
  // 1300022 "Invalid argument": WeChat takes a string or an ArrayBuffer; its words for others are unknown.
  return fail(api, 'Invalid argument')
}

/** The folder's operations; each throws WeChat's message, named for the API that called it (`api`). */
export function openFolder(host: FileSystemHost, now: () => number) {
  if (!host.files.has(USER_DATA_PATH)) host.files.set(USER_DATA_PATH, DIRECTORY)
  const files = host.files
  const times = modifiedTimes.get(files) ?? new Map<string, number>()
  modifiedTimes.set(files, times)
  const touch = (path: string) => times.set(path, Math.floor(now() / 1000))
  const inside = (dir: string) => [...files.keys()].filter((key) => key.startsWith(`${dir}/`))
  const usedBytes = () =>
    [...files].reduce((sum, [key, entry]) => sum + (writable(key) ? sizeOf(entry) : 0), 0)

  function put(api: string, filePath: string, content: string | Uint8Array, append: boolean) {
    const path = norm(filePath)
    if (!writable(path)) fail(api, `permission denied, open ${path}`)
    const existing = files.get(path)
    if (existing === DIRECTORY) {
      // appendFile's page quotes the path; writeFile's gives no words (code 1301003 names the case).
      fail(api, `illegal operation on a directory, open ${append ? `"${path}"` : path}`)
    }
    const parent = files.get(parentOf(path))
    if (parent === undefined || (append && existing === undefined)) {
      fail(api, `no such file or directory, open ${path}`)
    }
    // Code 1300020 "not a directory": the parent is a file. The words after it are not documented.
    if (parent !== DIRECTORY) fail(api, `not a directory, open ${path}`)
    const next =
      append && typeof existing === 'string' && typeof content === 'string'
        ? existing + content
        : append
          ? joined(bytesOf(existing), bytesOf(content))
          : content
    if (host.fileFault === 'full' || usedBytes() - sizeOf(existing) + sizeOf(next) > host.fileLimitBytes) {
      fail(api, QUOTA_MESSAGE)
    }
    files.set(path, next)
    touch(path)
  }

  function readFile(api: string, filePath: string, encoding?: string): string | ArrayBuffer {
    const path = norm(filePath)
    const entry = files.get(path)
    if (entry === undefined) return fail(api, `no such file or directory, open ${path}`)
    // As writeFile on a directory (1301003); readFile's page gives no words of its own.
    if (entry === DIRECTORY) return fail(api, `illegal operation on a directory, open ${path}`)
    host.fileReads.push({ path, bytes: sizeOf(entry) })
    if (encoding && typeof entry === 'string' && UTF8.has(encoding)) return entry
    const bytes = bytesOf(entry)
    if (encoding) return Buffer.from(bytes).toString(encoding as BufferEncoding)
    return new Uint8Array(bytes).buffer
  }

  function stat(api: string, filePath: string): WechatMiniprogram.Stats {
    const path = norm(filePath)
    const entry = files.get(path)
    if (entry === undefined) return fail(api, `no such file or directory ${path}`)
    const directory = entry === DIRECTORY
    const time = times.get(path) ?? 0
    return shaped<WechatMiniprogram.Stats>({
      mode: directory ? 0o40755 : 0o100644,
      size: directory ? 0 : sizeOf(entry),
      lastAccessedTime: time,
      lastModifiedTime: time,
      isDirectory: () => directory,
      isFile: () => !directory,
    })
  }

  function readdir(api: string, dirPath: string): string[] {
    const path = norm(dirPath)
    const entry = files.get(path)
    if (entry === undefined) return fail(api, `no such file or directory ${path}`)
    if (entry !== DIRECTORY) return fail(api, `not a directory ${path}`)
    return inside(path)
      .map((key) => key.slice(path.length + 1))
      .filter((name) => !name.includes('/'))
  }

  function mkdir(api: string, dirPath: string, recursive = false) {
    const path = norm(dirPath)
    // Also with `recursive`, and for the user data folder itself: WeChat's pages do not say otherwise.
    if (files.has(path)) fail(api, `file already exists ${path}`)
    if (!writable(path)) fail(api, `permission denied, open ${path}`)
    const made = [path]
    for (let up = parentOf(path); !files.has(up); up = parentOf(up)) {
      if (!recursive || !writable(up)) fail(api, `no such file or directory ${path}`)
      made.push(up)
    }
    // A file where a parent should be: 1300020 again, words undocumented.
    if (files.get(parentOf(made[made.length - 1])) !== DIRECTORY) fail(api, `not a directory ${path}`)
    for (const dir of made) {
      files.set(dir, DIRECTORY)
      touch(dir)
    }
  }

  function rmdir(api: string, dirPath: string, recursive = false) {
    const path = norm(dirPath)
    if (!writable(path)) fail(api, `permission denied, open ${path}`)
    const entry = files.get(path)
    if (entry === undefined) fail(api, `no such file or directory ${path}`)
    // rmdir's page lists no message for a file; readdir's words for the same case.
    if (entry !== DIRECTORY) fail(api, `not a directory ${path}`)
    const within = inside(path)
    if (within.length && !recursive) fail(api, 'directory not empty')
    for (const key of [...within, path]) {
      files.delete(key)
      times.delete(key)
    }
  }

  function unlink(api: string, filePath: string) {
    const path = norm(filePath)
    if (!writable(path)) fail(api, `permission denied, open ${path}`)
    const entry = files.get(path)
    if (entry === undefined) fail(api, `no such file or directory ${path}`)
    if (entry === DIRECTORY) fail(api, `operation not permitted, unlink ${path}`)
    files.delete(path)
    times.delete(path)
  }

  function access(api: string, filePath: string) {
    const path = norm(filePath)
    if (!files.has(path)) fail(api, `no such file or directory ${path}`)
  }

  function rename(api: string, oldPath: string, newPath: string) {
    const [from, to] = [norm(oldPath), norm(newPath)]
    const at = `rename ${from} -> ${to}`
    if (!writable(from) || !writable(to)) fail(api, `permission denied, ${at}`)
    // A directory moved into itself has, by the time it would arrive, no parent there.
    if (!files.has(from) || files.get(parentOf(to)) !== DIRECTORY || to.startsWith(`${from}/`)) {
      fail(api, `no such file or directory, ${at}`)
    }
    // Onto a directory: code 1301003 names the case; the words after it are not documented.
    if (from !== to && files.get(to) === DIRECTORY) fail(api, `illegal operation on a directory, ${at}`)
    for (const key of [from, ...inside(from)]) {
      const moved = to + key.slice(from.length)
      files.set(moved, files.get(key) as FileEntry)
      times.set(moved, times.get(key) ?? 0)
      if (moved === key) continue
      files.delete(key)
      times.delete(key)
    }
  }

  function getFileInfo(api: string, filePath: string, algorithm = 'md5') {
    const path = norm(filePath)
    const entry = files.get(path)
    if (entry === undefined || entry === DIRECTORY) return fail(api, 'file not exist')
    return { size: sizeOf(entry), digest: createHash(algorithm).update(bytesOf(entry)).digest('hex') }
  }

  return { put, contentOf, readFile, stat, readdir, mkdir, rmdir, unlink, access, rename, getFileInfo }
}
