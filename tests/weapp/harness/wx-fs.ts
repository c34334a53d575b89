/**
 * `wx.getFileSystemManager()`: each method in its sync form (throws `Error('<name>Sync:fail …')`) and its
 * callback form (`fail({ errMsg: '<name>:fail …' })` on the next tick), over the folder of wx-fs-folder.ts.
 * Typed against WeChat's declaration of FileSystemManager, so a mis-shaped method fails typecheck.
 */
import { openFolder, type FileSystemHost } from './wx-fs-folder'
import { callbackApi, shaped, type Later, type Wx } from './wx-types'

export * from './wx-fs-folder'

type Fsm = WechatMiniprogram.FileSystemManager
type Encoding = NonNullable<WechatMiniprogram.ReadFileOption['encoding']>
type O<K extends keyof Fsm> = Parameters<Fsm[K]>[0]

/** `now` is the clock file times are taken from (ms); the harness passes its virtual one. */
export function fileSystemApis(host: FileSystemHost, later: Later, now: () => number = Date.now) {
  const folder = openFolder(host, now)
  const { readFile, stat, readdir, mkdir, rmdir, unlink, access, rename, getFileInfo } = folder
  const write = (
    api: string,
    filePath: string,
    data: unknown,
    encoding: string | undefined,
    append = false,
  ) => folder.put(api, filePath, folder.contentOf(api, data, encoding), append)

  /** The callback form of one method: `produce` throws `<name>:fail …`, or returns what success gets. */
  const callback = <Option extends object>(name: string, produce: (o: Option) => object | void) =>
    callbackApi(later, name, produce as (o: Record<string, unknown>) => unknown) as (option: Option) => void

  const manager = {
    readFileSync: (filePath: string, encoding?: Encoding) => readFile('readFileSync', filePath, encoding),
    readFile: callback<O<'readFile'>>('readFile', (o) => ({
      data: readFile('readFile', o.filePath, o.encoding),
    })),
    writeFileSync: (filePath: string, data: string | ArrayBuffer, encoding?: Encoding) =>
      write('writeFileSync', filePath, data, encoding),
    writeFile: callback<O<'writeFile'>>('writeFile', (o) =>
      write('writeFile', o.filePath, o.data, o.encoding),
    ),
    appendFileSync: (filePath: string, data: string | ArrayBuffer, encoding?: Encoding) =>
      write('appendFileSync', filePath, data, encoding, true),
    appendFile: callback<O<'appendFile'>>('appendFile', (o) =>
      write('appendFile', o.filePath, o.data, o.encoding, true),
    ),
    unlinkSync: (filePath: string) => unlink('unlinkSync', filePath),
    unlink: callback<O<'unlink'>>('unlink', (o) => unlink('unlink', o.filePath)),
    mkdirSync: (dirPath: string, recursive?: boolean) => mkdir('mkdirSync', dirPath, recursive),
    mkdir: callback<O<'mkdir'>>('mkdir', (o) => mkdir('mkdir', o.dirPath, o.recursive)),
    rmdirSync: (dirPath: string, recursive?: boolean) => rmdir('rmdirSync', dirPath, recursive),
    rmdir: callback<O<'rmdir'>>('rmdir', (o) => rmdir('rmdir', o.dirPath, o.recursive)),
    readdirSync: (dirPath: string) => readdir('readdirSync', dirPath),
    readdir: callback<O<'readdir'>>('readdir', (o) => ({ files: readdir('readdir', o.dirPath) })),
    statSync: (path: string) => stat('statSync', path),
    stat: callback<O<'stat'>>('stat', (o) => ({ stats: stat('stat', o.path) })),
    accessSync: (path: string) => access('accessSync', path),
    access: callback<O<'access'>>('access', (o) => access('access', o.path)),
    renameSync: (oldPath: string, newPath: string) => rename('renameSync', oldPath, newPath),
    rename: callback<O<'rename'>>('rename', (o) => rename('rename', o.oldPath, o.newPath)),
    getFileInfo: callback<O<'getFileInfo'>>('getFileInfo', (o) =>
      getFileInfo('getFileInfo', o.filePath, o.digestAlgorithm),
    ),
  } satisfies Partial<Fsm>

  // WeChat hands out one manager ("全局唯一的文件系统管理器").
  const fileSystemManager = shaped<Fsm>(manager)
  return { getFileSystemManager: () => fileSystemManager } satisfies Partial<Wx>
}
