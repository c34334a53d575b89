/**
 * What a run records for tests to read: every setData (with its bytes and when it was sent), storage
 * reads, requests, errors, and each effect the fake `wx` records outside the page (toasts, modals,
 * action sheets, navigation titles, scrolls, previews, the clipboard, outside calls, the real-time log,
 * canvases). `Harness` extends it; the fakes write here through `WxHost`.
 */
import type { SetDataRecord } from './pages'
import { noUpdates, type RealtimeLogEntry, type UpdateHooks, type AppHost } from './wx-app'
import type { CanvasRecord } from './wx-canvas'
import type { ModalShown } from './wx-interaction'
import type { HarnessRequest } from './wx-request'
import type { ApiCall } from './wx-share'
import type { StorageFault, StorageRead } from './wx-storage'

export class Records {
  readonly setDataLog: SetDataRecord[] = []
  readonly storageReads: StorageRead[] = []
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
  scrolledTo: number[] = []
  scrolledToSelectors: string[] = []

  bytesSince(mark: number): number {
    return this.setDataLog.slice(mark).reduce((sum, r) => sum + r.bytes, 0)
  }
}
