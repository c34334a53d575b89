import Taro from '@tarojs/taro'

import { canIUse } from './system'

/** Every navigation resolves to whether it happened; a refused navigation never throws. */
async function attempt(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run()
    return true
  } catch {
    return false
  }
}

export const READER_PATH = '/pages/reader/index'
export const LIST_PATH = '/pages/index/index'
export const ABOUT_PATH = '/pages/about/index'
export const SEARCH_PATH = '/pages/reader/search/index'
export const FAVOURITES_PATH = '/pages/favourites/index'
export const CARD_PATH = '/pages/reader/card/index'

export const NOTE_PATH = '/pages/reader/note/index'

/**
 * A passage to open the reader at, marked for a moment: a body block, with the words a search found
 * in it, or the excerpt kept there (which the reader finds again if the body has changed).
 */
export type Passage = { block: number; query?: string; excerpt?: string; lang?: 'zh' | 'en' }

export function readerUrl(id: string, at?: Passage): string {
  const base = `${READER_PATH}?id=${encodeURIComponent(id)}`
  if (!at) return base
  const query = at.query ? `&q=${encodeURIComponent(at.query)}` : ''
  const excerpt = at.excerpt ? `&excerpt=${encodeURIComponent(at.excerpt)}` : ''
  // `in`, not `lang`: the browser build's `?lang=` is the interface's.
  const lang = at.lang === 'en' ? '&in=en' : ''
  return `${base}&block=${at.block}${query}${excerpt}${lang}`
}

/** The quote card of body block `block` of installment `id` (in the reader's subpackage). */
export function cardUrl(id: string, block: number, lang: 'zh' | 'en' = 'zh'): string {
  return `${CARD_PATH}?id=${encodeURIComponent(id)}&block=${block}${lang === 'en' ? '&in=en' : ''}`
}

/** The note editor for the excerpt `key`. */
export const noteUrl = (key: string) => `${NOTE_PATH}?key=${encodeURIComponent(key)}`

/** A page's query parameter as text: decoded, or as it came when it is not valid percent-encoding. */
export function decodeParam(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

export const navigateTo = (url: string) => attempt(() => Taro.navigateTo({ url }))
export const redirectTo = (url: string) => attempt(() => Taro.redirectTo({ url }))
export const switchTab = (url: string) => attempt(() => Taro.switchTab({ url }))
export const reLaunch = (url: string) => attempt(() => Taro.reLaunch({ url }))

/** Back one page; where there is none (a page opened from a link), to the tab `fallback` instead. */
export async function goBack(fallback: string): Promise<boolean> {
  return (await attempt(() => Taro.navigateBack())) || switchTab(fallback)
}

/**
 * Opens a tab page from anywhere, asked for synchronously: WeChat honours a redirect from
 * onPageNotFound only when it is made inside the callback. reLaunch where the client has it, else a
 * tab switch.
 */
export function openTabNow(url: string): Promise<boolean> {
  return canIUse(() => Taro.canIUse('reLaunch')) ? reLaunch(url) : switchTab(url)
}

export type PageNotFound = { path: string; query: Record<string, string> }

/**
 * Calls `handler` for a path this version does not have, straight from WeChat's own listener: Taro's
 * app hook runs it a tick later, when a redirect no longer counts. False where the API is missing.
 */
export function onPageNotFound(handler: (res: PageNotFound) => void): boolean {
  if (!canIUse(() => Taro.canIUse('onPageNotFound'))) return false
  try {
    Taro.onPageNotFound((res) => handler({ path: res.path, query: res.query ?? {} }))
    return true
  } catch {
    return false
  }
}

/** The route of the page on top (`pages/reader/index`), or null before any page is open. */
export function currentRoute(): string | null {
  try {
    const pages = Taro.getCurrentPages()
    return pages[pages.length - 1]?.route ?? null
  } catch {
    return null
  }
}

export const openInstallment = (id: string, at?: Passage) => navigateTo(readerUrl(id, at))

/** Back to the list from anywhere: a tab switch, which also works when the stack is deep. */
export const goToList = () => switchTab(LIST_PATH)
