import Taro from '@tarojs/taro'

import { copyText } from './interaction'
import { canIUse, entryScene, IN_BROWSER, launchScene } from './system'

/**
 * The way back to the column's home: its official-account articles and profile. Both APIs are newer
 * than many installed WeChat clients (openOfficialAccountArticle from base library 3.4.8,
 * openOfficialAccountProfile from 3.7.10), so each is feature-detected and, where missing or refused,
 * the reader gets the address or the account name on the clipboard instead.
 */
export type LinkOutcome = 'opened' | 'copied' | 'failed'

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void }
type CallbackApi = (options: Record<string, unknown> & Callbacks) => unknown

type OfficialAccountApi = 'openOfficialAccountArticle' | 'openOfficialAccountProfile'

/** Each schema literal, so the H5 build answers canIUse at compile time (see system.ts). */
const SUPPORTED: Record<OfficialAccountApi, () => boolean> = {
  openOfficialAccountArticle: () => Taro.canIUse('openOfficialAccountArticle'),
  openOfficialAccountProfile: () => Taro.canIUse('openOfficialAccountProfile'),
}

/** Calls a callback-style API by name; resolves whether it succeeded, and never throws. */
function callApi(name: OfficialAccountApi, options: Record<string, unknown>): Promise<boolean> {
  if (!canIUse(SUPPORTED[name])) return Promise.resolve(false)
  const api = (Taro as unknown as Record<string, unknown>)[name]
  if (typeof api !== 'function') return Promise.resolve(false)
  return new Promise((resolve) => {
    try {
      const returned = (api as CallbackApi)({
        ...options,
        success: () => resolve(true),
        fail: () => resolve(false),
      })
      // Taro promisifies some APIs; their rejection is already answered by `fail`.
      if (returned && typeof (returned as Promise<unknown>).catch === 'function')
        (returned as Promise<unknown>).catch(() => undefined)
    } catch {
      resolve(false)
    }
  })
}

export async function openArticle(url: string): Promise<LinkOutcome> {
  if (await callApi('openOfficialAccountArticle', { url })) return 'opened'
  return (await copyText(url)) ? 'copied' : 'failed'
}

export async function openAccountProfile(account: { name: string; username?: string }): Promise<LinkOutcome> {
  if (account.username && (await callApi('openOfficialAccountProfile', { username: account.username })))
    return 'opened'
  return (await copyText(account.name)) ? 'copied' : 'failed'
}

/** WeChat shows the <official-account> card only to readers who came by scanning a code. */
export const FOLLOW_CARD_SCENES: readonly number[] = [1011, 1017, 1025, 1047, 1124]

const scanned = (scene: number | null) => scene !== null && FOLLOW_CARD_SCENES.includes(scene)

/**
 * Whether to render the card: this visit came by a scan, or the app was launched by one and is being
 * returned to (WeChat keeps the card's state for a hot start then).
 */
export function showsFollowCard(): boolean {
  if (IN_BROWSER) return false
  return scanned(entryScene()) || scanned(launchScene())
}
