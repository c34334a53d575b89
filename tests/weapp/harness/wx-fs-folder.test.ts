import {
  DIRECTORY,
  FILE_LIMIT_BYTES,
  newFiles as folder,
  QUOTA_MESSAGE,
  USER_DATA_PATH as U,
  type FileEntry,
} from './wx-fs'
import { setUpFiles as fileSystem } from './wx-setup'

describe('wx file system: the 200 MB limit and the full fault', () => {
  it('holds 200 MB by default', () => {
    expect(fileSystem().host.fileLimitBytes).toBe(200 * 1024 * 1024)
    expect(FILE_LIMIT_BYTES).toBe(200 * 1024 * 1024)
  })

  it.each<[string, Record<string, FileEntry>, string, string | ArrayBuffer, boolean]>([
    ['a write to the limit', {}, 'a.txt', 'x'.repeat(10), true],
    ['a write past it', {}, 'a.txt', 'x'.repeat(11), false],
    ['text counted in UTF-8 bytes', {}, 'a.txt', '稀土之光', false],
    ['bytes counted by byteLength', {}, 'a.bin', new ArrayBuffer(11), false],
    ['with what is there already', { 'b.txt': 'x'.repeat(6) }, 'a.txt', 'x'.repeat(5), false],
    ['in a subdirectory too', { d: DIRECTORY, 'd/b.bin': new Uint8Array(6) }, 'a.txt', 'x'.repeat(5), false],
    ['replacing a file frees its bytes', { 'a.txt': 'x'.repeat(10) }, 'a.txt', 'y'.repeat(10), true],
  ])('with a 10-byte limit: %s', async (_name, entries, name, data, fits) => {
    const { fs, host, call } = fileSystem({ files: folder(entries), fileLimitBytes: 10 })
    const before = new Map(host.files)
    const filePath = `${U}/${name}`
    if (fits) {
      fs.writeFileSync(filePath, data, 'utf8')
      expect(host.files.get(filePath)).toEqual(typeof data === 'string' ? data : new Uint8Array(data))
      return
    }
    expect(() => fs.writeFileSync(filePath, data, 'utf8')).toThrow(
      new Error(`writeFileSync:fail ${QUOTA_MESSAGE}`),
    )
    const errMsg = 'writeFile:fail the maximum size of the file storage limit is exceeded'
    expect(await call('writeFile', { filePath, data })).toEqual({ fail: { errMsg }, complete: { errMsg } })
    expect(host.files).toEqual(before)
  })

  it('counts appends, and not files outside the user data folder', async () => {
    const files = folder({ 'a.txt': 'x'.repeat(8) })
    files.set('wxfile://tmp/download.jpg', new Uint8Array(100))
    const { fs, host, call } = fileSystem({ files, fileLimitBytes: 10 })
    fs.appendFileSync(`${U}/a.txt`, 'xx', 'utf8')
    const errMsg = `appendFile:fail ${QUOTA_MESSAGE}`
    expect(await call('appendFile', { filePath: `${U}/a.txt`, data: 'x' })).toEqual({
      fail: { errMsg },
      complete: { errMsg },
    })
    expect(host.files.get(`${U}/a.txt`)).toBe('x'.repeat(10))
    expect(fs.readFileSync('wxfile://tmp/download.jpg')).toHaveProperty('byteLength', 100)
  })

  it("fails every file write under the 'full' fault, switched on while the app runs, and off again", async () => {
    const { fs, host, call } = fileSystem({ files: folder({ 'a.txt': 'a' }) })
    host.fileFault = 'full'
    expect(() => fs.writeFileSync(`${U}/b.txt`, 'b', 'utf8')).toThrow(`writeFileSync:fail ${QUOTA_MESSAGE}`)
    expect(() => fs.appendFileSync(`${U}/a.txt`, 'b', 'utf8')).toThrow(`appendFileSync:fail ${QUOTA_MESSAGE}`)
    expect((await call('writeFile', { filePath: `${U}/b.txt`, data: 'b' })).fail).toEqual({
      errMsg: `writeFile:fail ${QUOTA_MESSAGE}`,
    })
    expect(fs.readFileSync(`${U}/a.txt`, 'utf8')).toBe('a')
    fs.mkdirSync(`${U}/d`)
    host.fileFault = 'none'
    fs.writeFileSync(`${U}/b.txt`, 'b', 'utf8')
    expect(host.files.get(`${U}/b.txt`)).toBe('b')
  })
})

describe('wx file system: what a test reads and damages, and a relaunch', () => {
  it('records each read that found a file, with its bytes', async () => {
    const { fs, host, call } = fileSystem({ files: folder({ 'a.txt': '稀土', 'b.bin': new Uint8Array(3) }) })
    fs.readFileSync(`${U}/a.txt`, 'utf8')
    await call('readFile', { filePath: `${U}/b.bin` })
    await call('readFile', { filePath: `${U}/missing` })
    expect(host.fileReads).toEqual([
      { path: `${U}/a.txt`, bytes: 6 },
      { path: `${U}/b.bin`, bytes: 3 },
    ])
  })

  it('keeps the files, and their times, for a new fake wx on the same Map', async () => {
    const first = fileSystem()
    first.fs.mkdirSync(`${U}/notes`)
    first.fs.writeFileSync(`${U}/notes/a.json`, '{"n":1}', 'utf8')
    const written = (first.fs.statSync(`${U}/notes/a.json`) as WechatMiniprogram.Stats).lastModifiedTime

    const again = fileSystem({ files: first.host.files })
    expect(again.fs.readdirSync(`${U}/notes`)).toEqual(['a.json'])
    expect(again.fs.readFileSync(`${U}/notes/a.json`, 'utf8')).toBe('{"n":1}')
    expect((again.fs.statSync(`${U}/notes/a.json`) as WechatMiniprogram.Stats).lastModifiedTime).toBe(written)
  })

  it('sees what a test did to the Map: a truncated file, a file replaced by a directory', () => {
    const { fs, host } = fileSystem({ files: folder({ 'a.json': '{"n":1}', 'b.json': '{}' }) })
    host.files.set(`${U}/a.json`, '{"n"')
    host.files.set(`${U}/b.json`, DIRECTORY)
    expect(fs.readFileSync(`${U}/a.json`, 'utf8')).toBe('{"n"')
    expect(() => fs.readFileSync(`${U}/b.json`, 'utf8')).toThrow(
      `readFileSync:fail illegal operation on a directory, open ${U}/b.json`,
    )
    expect((fs.statSync(`${U}/b.json`) as WechatMiniprogram.Stats).isDirectory()).toBe(true)
  })

  it('makes the user data folder in a Map without it', () => {
    const { fs, host } = fileSystem({ files: new Map() })
    expect(host.files.get(U)).toBe(DIRECTORY)
    fs.writeFileSync(`${U}/a.txt`, 'a', 'utf8')
    expect(fs.readdirSync(U)).toEqual(['a.txt'])
  })
})
