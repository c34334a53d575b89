/**
 * The app's own plumbing, faked: app and network events (ignored; onPageNotFound listeners kept for the
 * router), the update manager (its listeners kept, so a test can offer an update) and the real-time log
 * manager (what the app logged, recorded).
 */
import { asyncApi, shaped, type Wx } from './wx-types'

export type RealtimeLogEntry = { level: 'info' | 'warn' | 'error'; entry: unknown }
export type UpdateHooks = { ready: Array<() => void>; failed: Array<() => void>; applied: number }
export const noUpdates = (): UpdateHooks => ({ ready: [], failed: [], applied: 0 })

export type AppHost = {
  /** What the app sent to the real-time log manager. */
  realtimeLogs: RealtimeLogEntry[]
  /** The update manager's listeners as the app registered them, and how often it applied an update. */
  updates: UpdateHooks
  /** Listeners registered with wx.onPageNotFound. */
  pageNotFound: Array<(res: WechatMiniprogram.OnPageNotFoundListenerResult) => void>
}

export function appApis(host: AppHost, later: (fn: () => void) => void) {
  const noop = () => undefined
  return {
    onAppShow: noop,
    onAppHide: noop,
    offAppShow: noop,
    offAppHide: noop,
    onError: noop,
    onUnhandledRejection: noop,
    onPageNotFound: (listener) => void host.pageNotFound.push(listener),
    onMemoryWarning: noop,
    onNetworkStatusChange: noop,
    getNetworkType: asyncApi(later, 'getNetworkType', () => ({
      networkType: 'none' as const,
      signalStrength: 0,
      hasSystemProxy: false,
    })),
    reportAnalytics: noop,
    getUpdateManager: () =>
      shaped<WechatMiniprogram.UpdateManager>({
        onCheckForUpdate: noop,
        onUpdateReady: (listener) =>
          void host.updates.ready.push(() => listener({ errMsg: 'onUpdateReady:ok' })),
        onUpdateFailed: (listener) =>
          void host.updates.failed.push(() => listener({ errMsg: 'onUpdateFailed:fail' })),
        applyUpdate: () => void host.updates.applied++,
      }),
    getRealtimeLogManager: () => {
      const record =
        (level: RealtimeLogEntry['level']) =>
        (...args: unknown[]) =>
          void host.realtimeLogs.push({ level, entry: args.length === 1 ? args[0] : args })
      const manager: WechatMiniprogram.RealtimeLogManager = shaped<WechatMiniprogram.RealtimeLogManager>({
        info: record('info'),
        warn: record('warn'),
        error: record('error'),
        setFilterMsg: noop,
        addFilterMsg: noop,
        in: () => manager,
        tag: () => shaped<WechatMiniprogram.RealtimeTagLogManager>({}),
      })
      return manager
    },
  } satisfies Partial<Wx>
}
