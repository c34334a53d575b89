import Taro from '@tarojs/taro'

import { canIUse } from './system'
import { writeOutcomeOf, type FileStore, type WriteOutcome } from './file-store'

export type { FileStore, WriteOutcome } from './file-store'

type Fs = Taro.FileSystemManager
type Failure = { errMsg?: string }

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String((error as Failure | null)?.errMsg ?? error)

/**
 * A folder of the user data folder (`wx.env.USER_DATA_PATH`), where WeChat allows a mini program
 * 200 MB, against 10 MB for storage. Never throws: a read that fails is null, a write that fails says
 * why. Files are named flat inside the folder, so there is one folder to make.
 */
export function fileStore(folder: string): FileStore | null {
  let fs: Fs
  let root: string
  try {
    if (!canIUse(() => Taro.canIUse('getFileSystemManager'))) return null
    fs = Taro.getFileSystemManager()
    const base = (Taro.env as { USER_DATA_PATH?: string }).USER_DATA_PATH
    if (!fs || !base) return null
    root = `${base}/${folder}`
  } catch {
    return null
  }
  const pathOf = (name: string) => `${root}/${name}`

  const makeFolder = () => {
    try {
      fs.mkdirSync(root, true)
    } catch {
      // Already there, most often; a write that still fails says why.
    }
  }
  const removeDirectory = (path: string) => {
    try {
      fs.rmdirSync(path, true)
    } catch {
      // Nothing to remove.
    }
  }

  let folderMade = false
  const writeOnce = (name: string, text: string): Promise<WriteOutcome> =>
    new Promise((resolve) => {
      if (!folderMade) {
        makeFolder()
        folderMade = true
      }
      try {
        fs.writeFile({
          filePath: pathOf(name),
          data: text,
          encoding: 'utf8',
          success: () => resolve({ kind: 'ok' }),
          fail: (error: Failure) => resolve(writeOutcomeOf(messageOf(error))),
        })
      } catch (error) {
        resolve(writeOutcomeOf(messageOf(error)))
      }
    })

  return {
    readNow(name) {
      try {
        const text = fs.readFileSync(pathOf(name), 'utf8')
        return typeof text === 'string' ? text : null
      } catch {
        return null
      }
    },
    read: (name) =>
      new Promise((resolve) => {
        try {
          fs.readFile({
            filePath: pathOf(name),
            encoding: 'utf8',
            success: ({ data }) => resolve(typeof data === 'string' ? data : null),
            fail: () => resolve(null),
          })
        } catch {
          resolve(null)
        }
      }),
    write: (name, text) =>
      writeOnce(name, text).then((first) => {
        if (first.kind !== 'failed') return first
        // The two faults a retry mends: the folder gone (cleared by WeChat or a tool), or a directory
        // where the file should be.
        if (first.reason === 'missing-folder') makeFolder()
        else if (first.reason === 'directory') removeDirectory(pathOf(name))
        else return first
        return writeOnce(name, text)
      }),
    remove(name) {
      try {
        fs.unlinkSync(pathOf(name))
      } catch {
        removeDirectory(pathOf(name))
      }
      return Promise.resolve()
    },
    list: () =>
      new Promise((resolve) => {
        try {
          fs.readdir({
            dirPath: root,
            success: ({ files }) => resolve(files.filter((file) => typeof file === 'string')),
            fail: () => resolve([]),
          })
        } catch {
          resolve([])
        }
      }),
  }
}
