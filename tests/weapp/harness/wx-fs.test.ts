import { createHash } from 'node:crypto'
import { types } from 'node:util'

import { DIRECTORY, newFiles as folder, USER_DATA_PATH as U, type FileEntry } from './wx-fs'
import { setUpFiles as fileSystem } from './wx-setup'
import type { Wx } from './wx-types'

type Fsm = ReturnType<Wx['getFileSystemManager']>

const text = (buffer: unknown) => Buffer.from(buffer as ArrayBuffer).toString('utf8')
const seeded = { 'f.txt': 'hello', d: DIRECTORY, 'd/inner.txt': 'x' } satisfies Record<string, FileEntry>
const [F, D, N, T] = [`${U}/f.txt`, `${U}/d`, `${U}/no`, 'wxfile://tmp/a']

/** How each method's sync form takes what its callback form takes in an object. */
const syncArguments = {
  readFile: (o) => [o.filePath, o.encoding],
  writeFile: (o) => [o.filePath, o.data, o.encoding],
  appendFile: (o) => [o.filePath, o.data, o.encoding],
  unlink: (o) => [o.filePath],
  mkdir: (o) => [o.dirPath, o.recursive],
  rmdir: (o) => [o.dirPath, o.recursive],
  readdir: (o) => [o.dirPath],
  stat: (o) => [o.path],
  access: (o) => [o.path],
  rename: (o) => [o.oldPath, o.newPath],
} satisfies Partial<Record<keyof Fsm, (o: Record<string, unknown>) => unknown[]>>

describe('wx file system: every method fails as WeChat does, in both forms, and changes nothing', () => {
  it.each<[keyof typeof syncArguments, Record<string, unknown>, string]>([
    ['readFile', { filePath: N, encoding: 'utf8' }, `no such file or directory, open ${N}`],
    ['readFile', { filePath: D }, `illegal operation on a directory, open ${D}`],
    ['writeFile', { filePath: T, data: 'a', encoding: 'utf8' }, `permission denied, open ${T}`],
    ['writeFile', { filePath: '/pages/a.txt', data: 'a' }, 'permission denied, open /pages/a.txt'],
    ['writeFile', { filePath: `${N}/a`, data: 'a' }, `no such file or directory, open ${N}/a`],
    ['writeFile', { filePath: `${F}/a`, data: 'a' }, `not a directory, open ${F}/a`],
    ['writeFile', { filePath: D, data: 'a' }, `illegal operation on a directory, open ${D}`],
    ['writeFile', { filePath: N, data: 5 }, 'Invalid argument'],
    ['appendFile', { filePath: N, data: 'a' }, `no such file or directory, open ${N}`],
    ['appendFile', { filePath: D, data: 'a' }, `illegal operation on a directory, open "${D}"`],
    ['appendFile', { filePath: T, data: 'a' }, `permission denied, open ${T}`],
    ['unlink', { filePath: N }, `no such file or directory ${N}`],
    ['unlink', { filePath: D }, `operation not permitted, unlink ${D}`],
    ['unlink', { filePath: T }, `permission denied, open ${T}`],
    ['mkdir', { dirPath: D, recursive: true }, `file already exists ${D}`],
    ['mkdir', { dirPath: F }, `file already exists ${F}`],
    ['mkdir', { dirPath: `${U}/` }, `file already exists ${U}`],
    ['mkdir', { dirPath: `${N}/a` }, `no such file or directory ${N}/a`],
    ['mkdir', { dirPath: `${F}/a/b`, recursive: true }, `not a directory ${F}/a/b`],
    ['mkdir', { dirPath: T }, `permission denied, open ${T}`],
    ['rmdir', { dirPath: N }, `no such file or directory ${N}`],
    ['rmdir', { dirPath: D }, 'directory not empty'],
    ['rmdir', { dirPath: F }, `not a directory ${F}`],
    ['rmdir', { dirPath: U, recursive: true }, `permission denied, open ${U}`],
    ['readdir', { dirPath: N }, `no such file or directory ${N}`],
    ['readdir', { dirPath: F }, `not a directory ${F}`],
    ['stat', { path: N }, `no such file or directory ${N}`],
    ['access', { path: N }, `no such file or directory ${N}`],
    ['rename', { oldPath: N, newPath: `${U}/b` }, `no such file or directory, rename ${N} -> ${U}/b`],
    ['rename', { oldPath: F, newPath: `${N}/b` }, `no such file or directory, rename ${F} -> ${N}/b`],
    ['rename', { oldPath: F, newPath: T }, `permission denied, rename ${F} -> ${T}`],
    ['rename', { oldPath: F, newPath: D }, `illegal operation on a directory, rename ${F} -> ${D}`],
    ['rename', { oldPath: D, newPath: `${D}/e` }, `no such file or directory, rename ${D} -> ${D}/e`],
  ])('%s %j', async (method, option, detail) => {
    const { fs, host, call } = fileSystem({ files: folder(seeded) })
    const before = new Map(host.files)
    const sync = fs[`${method}Sync`] as (...args: unknown[]) => unknown
    expect(() => sync(...syncArguments[method](option))).toThrow(new Error(`${method}Sync:fail ${detail}`))
    const errMsg = `${method}:fail ${detail}`
    expect(await call(method, option)).toEqual({ fail: { errMsg }, complete: { errMsg } })
    expect(host.files).toEqual(before)
  })

  it('getFileInfo (callback only): a missing file, or a directory', async () => {
    const { call } = fileSystem({ files: folder(seeded) })
    for (const filePath of [N, D]) {
      const errMsg = 'getFileInfo:fail file not exist'
      expect(await call('getFileInfo', { filePath })).toEqual({ fail: { errMsg }, complete: { errMsg } })
    }
  })
})

describe('wx file system: what each method does', () => {
  it('writes and reads text (utf8 in, string out), bytes (ArrayBuffer in and out) and other encodings', async () => {
    const { fs, host, call } = fileSystem()
    fs.writeFileSync(`${U}/a.txt`, '稀土之光', 'utf8')
    expect(host.files.get(`${U}/a.txt`)).toBe('稀土之光')
    expect(fs.readFileSync(`${U}/a.txt`, 'utf8')).toBe('稀土之光')
    expect(fs.readFileSync(`${U}/a.txt`, 'utf-8')).toBe('稀土之光')
    const raw = fs.readFileSync(`${U}/a.txt`)
    expect(types.isArrayBuffer(raw)).toBe(true)
    expect(text(raw)).toBe('稀土之光')
    expect((raw as ArrayBuffer).byteLength).toBe(12)

    const bytes = new Uint8Array([104, 105]).buffer
    expect(await call('writeFile', { filePath: `${U}/b.bin`, data: bytes })).toEqual({
      success: { errMsg: 'writeFile:ok' },
      complete: { errMsg: 'writeFile:ok' },
    })
    expect(host.files.get(`${U}/b.bin`)).toEqual(new Uint8Array([104, 105]))
    expect(await call('readFile', { filePath: `${U}/b.bin`, encoding: 'utf8' })).toEqual({
      success: { errMsg: 'readFile:ok', data: 'hi' },
      complete: { errMsg: 'readFile:ok', data: 'hi' },
    })
    const { success } = await call('readFile', { filePath: `${U}/b.bin` })
    expect(text((success as { data: unknown }).data)).toBe('hi')

    fs.writeFileSync(`${U}/c.b64`, 'aGk=', 'base64')
    expect(host.files.get(`${U}/c.b64`)).toEqual(new Uint8Array([104, 105]))
    expect(fs.readFileSync(`${U}/c.b64`, 'hex')).toBe('6869')
  })

  it('appends to text as text, and to bytes as bytes', async () => {
    const { fs, host, call } = fileSystem({ files: folder({ 'a.txt': 'ab', 'b.bin': new Uint8Array([1]) }) })
    fs.appendFileSync(`${U}/a.txt`, 'c', 'utf8')
    expect((await call('appendFile', { filePath: `${U}/a.txt`, data: 'd' })).success).toEqual({
      errMsg: 'appendFile:ok',
    })
    expect(host.files.get(`${U}/a.txt`)).toBe('abcd')
    fs.appendFileSync(`${U}/b.bin`, new Uint8Array([2, 3]).buffer)
    expect(host.files.get(`${U}/b.bin`)).toEqual(new Uint8Array([1, 2, 3]))
  })

  it('makes directories (recursive makes the parents), lists names, and removes them', async () => {
    const { fs, host, call } = fileSystem()
    fs.mkdirSync(`${U}/a`)
    expect((await call('mkdir', { dirPath: `${U}/b/c/d`, recursive: true })).success).toEqual({
      errMsg: 'mkdir:ok',
    })
    for (const dir of ['a', 'b', 'b/c', 'b/c/d']) expect(host.files.get(`${U}/${dir}`)).toBe(DIRECTORY)
    fs.writeFileSync(`${U}/b/one.txt`, '1', 'utf8')
    expect(fs.readdirSync(U).sort()).toEqual(['a', 'b'])
    expect(fs.readdirSync(`${U}/b/`).sort()).toEqual(['c', 'one.txt'])
    expect((await call('readdir', { dirPath: `${U}/b/c` })).success).toEqual({
      errMsg: 'readdir:ok',
      files: ['d'],
    })
    fs.rmdirSync(`${U}/a`)
    expect((await call('rmdir', { dirPath: `${U}/b`, recursive: true })).success).toEqual({
      errMsg: 'rmdir:ok',
    })
    expect([...host.files.keys()]).toEqual([U])
  })

  it('unlinks a file, and says whether a path is there', async () => {
    const { fs, host, call } = fileSystem({ files: folder(seeded) })
    fs.accessSync(`${U}/f.txt`)
    expect((await call('access', { path: `${U}/d` })).success).toEqual({ errMsg: 'access:ok' })
    fs.unlinkSync(`${U}/f.txt`)
    expect((await call('unlink', { filePath: `${U}/d/inner.txt` })).success).toEqual({ errMsg: 'unlink:ok' })
    expect([...host.files.keys()]).toEqual([U, `${U}/d`])
  })

  it('stats a file and a directory; the time is when it was written, on the virtual clock', async () => {
    const { fs, call, clock } = fileSystem()
    fs.mkdirSync(`${U}/d`)
    await clock.advance(5000)
    fs.writeFileSync(`${U}/d/a.txt`, '稀土', 'utf8')
    const file = fs.statSync(`${U}/d/a.txt`) as WechatMiniprogram.Stats
    const dir = fs.statSync(`${U}/d`) as WechatMiniprogram.Stats
    expect([file.size, file.isFile(), file.isDirectory()]).toEqual([6, true, false])
    expect([dir.isFile(), dir.isDirectory()]).toEqual([false, true])
    expect(file.lastModifiedTime - dir.lastModifiedTime).toBe(5)
    expect(Math.abs(dir.lastModifiedTime - Date.now() / 1000)).toBeLessThan(60)
    const { success } = await call('stat', { path: `${U}/d/a.txt` })
    expect((success as { stats: WechatMiniprogram.Stats }).stats.size).toBe(6)
  })

  it('renames a file, and a directory with what is in it', async () => {
    const { fs, host, call } = fileSystem({ files: folder(seeded) })
    fs.renameSync(`${U}/f.txt`, `${U}/d/g.txt`)
    expect((await call('rename', { oldPath: `${U}/d`, newPath: `${U}/e` })).success).toEqual({
      errMsg: 'rename:ok',
    })
    expect(host.files).toEqual(folder({ e: DIRECTORY, 'e/inner.txt': 'x', 'e/g.txt': 'hello' }))
  })

  it('getFileInfo gives the size and digest', async () => {
    const { call } = fileSystem({ files: folder({ 'a.txt': '稀土' }) })
    const digest = createHash('md5').update('稀土').digest('hex')
    expect((await call('getFileInfo', { filePath: `${U}/a.txt` })).success).toEqual({
      errMsg: 'getFileInfo:ok',
      size: 6,
      digest,
    })
  })

  it('is one manager, as WeChat hands out', () => {
    const { wx } = fileSystem()
    const get = wx.getFileSystemManager as Wx['getFileSystemManager']
    expect(get()).toBe(get())
  })
})
