/**
 * WeChat's rules around the page stack that the router does not keep: the back button's leave alert (a
 * page may ask the reader before its back button leaves it; navigateBack never asks), and the not-found
 * rule (for a path the app no longer has, only a redirect asked for synchronously counts).
 */
import type { Records } from './records'
import type { PageInstance } from './router'

const NAVIGATION_APIS = new Set(['navigateTo', 'redirectTo', 'switchTab', 'reLaunch'])

export type LeavingHost = {
  records: Pick<Records, 'modals' | 'apiCalls' | 'pageNotFound' | 'errors'>
  /** What the reader answers to a modal. */
  modalAnswer: 'confirm' | 'cancel'
  /** Runs what the app provides; what it throws is recorded. */
  guard: (run: () => void) => void
}

export class Leaving {
  /** Pages that asked to confirm before their back button leaves them, with the message. */
  private readonly alerts = new WeakMap<PageInstance, string>()
  /** Navigations asked for so far: WeChat honours a not-found redirect only if it is asked for at once. */
  navigations = 0

  constructor(private readonly host: LeavingHost) {}

  alertBeforeLeaving(page: PageInstance | undefined, message: string | null): void {
    if (!page) return
    if (message === null) this.alerts.delete(page)
    else this.alerts.set(page, message)
  }

  /** The back button (or gesture) on `page`: whether it leaves, after the alert the page asked for. */
  backButtonLeaves(page: PageInstance): boolean {
    const message = this.alerts.get(page)
    if (message === undefined) return true
    this.host.records.modals.push({ content: message, confirmText: '确定', cancelText: '取消' })
    return this.host.modalAnswer !== 'cancel'
  }

  /**
   * As WeChat does for a path the app no longer has: wx.onPageNotFound listeners, then App's
   * onPageNotFound. Only a redirect asked for synchronously inside them counts; WeChat ignores a later
   * one and shows its own not-found page, which the harness reports as an error.
   */
  pageIsNotFound(app: Record<string, unknown>, path: string, query: Record<string, string>): void {
    const { records, guard } = this.host
    const res = { path, query, isEntryPage: true }
    // A navigation asked for counts even when it then fails (a failing API is recorded as a call).
    const asked = () => this.navigations + records.apiCalls.filter((c) => NAVIGATION_APIS.has(c.api)).length
    const before = asked()
    for (const listener of records.pageNotFound) guard(() => listener(res))
    const hook = app.onPageNotFound as ((o: unknown) => void) | undefined
    guard(() => hook?.call(app, res))
    if (asked() === before)
      records.errors.push(new Error(`page "${path}" not found, and nothing redirected synchronously`))
  }
}
