/**
 * What a run records for tests to read: what it leaves on the phone (storage, files), every setData (with
 * its bytes and when it was sent), storage and file reads, requests, errors, and each effect the fake `wx`
 * records outside the page (toasts, modals, action sheets, navigation titles, scrolls, previews, the
 * clipboard, outside calls, the real-time log, canvases). `Harness` extends it; the fakes write here
 * through `WxHost`.
 */
import type { SetDataRecord } from './pages'
import { noUpdates, type RealtimeLogEntry, type UpdateHooks, type AppHost } from './wx-app'
import type { CanvasRecord } from './wx-canvas'
import type { ModalShown } from './wx-interaction'
import type { HarnessRequest } from './wx-request'
import type { ApiCall } from './wx-share'
import type { StorageFault, StorageRead } from './wx-storage'
import { FILE_LIMIT_BYTES, newFiles, type FileEntry, type FileFault, type FileRead } from './wx-fs'
import type { HarnessOptions } from './options'

export class Records {
  /** What the app leaves on the phone, for a relaunch to boot with (see HarnessOptions). */
  readonly storage: Map<string, unknown>
  readonly files: Map<string, FileEntry>
  fileLimitBytes: number
  readonly setDataLog: SetDataRecord[] = []
  readonly storageReads: StorageRead[] = []
  readonly fileReads: FileRead[] = []
  /**
   * For each page setData: when it was sent (performance.now(), ms; for timing, never asserted) and
   * how many storage reads came before it.
   */
  readonly setDataMarks: Array<{ at: number; storageReads: number }> = []
  /** When launch() began and when app.js had run (performance.now(), ms): for the bench's phases. */
  launchMarks: { start: number; appLoaded: number } | null = null
  readonly toasts: string[] = []
  readonly previews: Array<{ urls: string[]; current: string }> = []
  readonly errors: unknown[] = []
  readonly requests: HarnessRequest[] = []
  readonly apiCalls: ApiCall[] = []
  readonly clipboard: string[] = []
  readonly navigationTitles: string[] = []
  readonly realtimeLogs: RealtimeLogEntry[] = []
  readonly modals: ModalShown[] = []
  readonly actionSheets: string[][] = []
  /** Labels to pick in the next action sheets, in order (see WxHost). */
  actionSheetPicks: string[] = []
  /** Every Canvas 2D canvas the app drew on (see wx-canvas.ts). */
  readonly canvases: CanvasRecord[] = []
  readonly setDataCount = () => this.setDataLog.length
  readonly updates: UpdateHooks = noUpdates()
  readonly pageNotFound: AppHost['pageNotFound'] = []
  storageFault: StorageFault = 'none'
  fileFault: FileFault = 'none'
  scrolledTo: number[] = []
  scrolledToSelectors: string[] = []

  constructor(options: Pick<HarnessOptions, 'storage' | 'files' | 'fileLimitBytes'> = {}) {
    this.storage = options.storage ?? new Map()
    this.files = options.files ?? newFiles()
    this.fileLimitBytes = options.fileLimitBytes ?? FILE_LIMIT_BYTES
  }

  bytesSince(mark: number): number {
    return this.setDataLog.slice(mark).reduce((sum, r) => sum + r.bytes, 0)
  }
}
