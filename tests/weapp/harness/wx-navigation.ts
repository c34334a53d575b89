/**
 * Navigation, faked: the four ways to open a page and navigateBack go to the host's router (which throws
 * when it refuses, so the call fails), and the leave alert a page may ask for before its back button.
 */
import { asyncApi, shaped, type Later, type Wx } from './wx-types'

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'

export type NavigationHost = {
  navigate: (kind: NavigationKind, url: string) => void
  back: () => void
  /** The current page asks before its back button leaves it (with this message), or no longer does. */
  alertBeforeLeaving: (message: string | null) => void
}

export function navigationApis(host: NavigationHost, later: Later) {
  const noop = () => undefined
  /** What navigateTo hands back for talking to the opened page; the app sends it nothing. */
  const eventChannel = shaped<WechatMiniprogram.EventChannel>({ emit: noop, on: noop, once: noop, off: noop })
  return {
    navigateTo: asyncApi(later, 'navigateTo', (o) => {
      host.navigate('navigateTo', o.url)
      return { eventChannel }
    }),
    redirectTo: asyncApi(later, 'redirectTo', (o) => host.navigate('redirectTo', o.url)),
    switchTab: asyncApi(later, 'switchTab', (o) => host.navigate('switchTab', o.url)),
    reLaunch: asyncApi(later, 'reLaunch', (o) => host.navigate('reLaunch', o.url)),
    navigateBack: asyncApi(later, 'navigateBack', () => host.back()),
    enableAlertBeforeUnload: asyncApi(later, 'enableAlertBeforeUnload', (o) => {
      host.alertBeforeLeaving(o.message)
    }),
    disableAlertBeforeUnload: asyncApi(later, 'disableAlertBeforeUnload', () => {
      host.alertBeforeLeaving(null)
    }),
  } satisfies Partial<Wx>
}
