/**
 * What takes the reader out of the page, faked: the share menu, the clipboard, and the official account's
 * article and profile (recorded as calls on the host, since their effect is outside the page).
 */
import { asyncApi, callbackApi, type Callbacks, type Later, type Wx } from './wx-types'

/** A call to an API whose effect happens outside the page (opening an article, a profile). */
export type ApiCall = { api: string; options: Record<string, unknown> }

export type ShareHost = { apiCalls: ApiCall[]; clipboard: string[] }

export function shareApis(host: ShareHost, later: Later) {
  const noop = () => undefined
  const ok = <K extends keyof Wx>(name: K) => asyncApi(later, name, noop as never)
  /** Records the call and succeeds, for APIs whose effect is outside the page. */
  const external = (api: string) => (o: object) => {
    const { success: _s, fail: _f, complete: _c, ...options } = o as Record<string, unknown>
    host.apiCalls.push({ api, options })
    return { confirm: true, cancel: false }
  }
  return {
    ...({
      showShareMenu: ok('showShareMenu'),
      hideShareMenu: ok('hideShareMenu'),
      updateShareMenu: ok('updateShareMenu'),
      setClipboardData: asyncApi(later, 'setClipboardData', (o) => void host.clipboard.push(String(o.data))),
      openOfficialAccountArticle: asyncApi(
        later,
        'openOfficialAccountArticle',
        external('openOfficialAccountArticle'),
      ),
    } satisfies Partial<Wx>),
    // Base library 3.7.10, but not (yet) in miniprogram-api-typings 3.12.3: typed here by hand.
    openOfficialAccountProfile: callbackApi(
      later,
      'openOfficialAccountProfile',
      external('openOfficialAccountProfile'),
    ) as (option: { username: string } & Callbacks) => void,
  }
}
