import Taro from '@tarojs/taro'

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

export function readerUrl(id: string): string {
  return `${READER_PATH}?id=${encodeURIComponent(id)}`
}

export const navigateTo = (url: string) => attempt(() => Taro.navigateTo({ url }))
export const redirectTo = (url: string) => attempt(() => Taro.redirectTo({ url }))
export const switchTab = (url: string) => attempt(() => Taro.switchTab({ url }))
export const reLaunch = (url: string) => attempt(() => Taro.reLaunch({ url }))

/** The route of the page on top (`pages/reader/index`), or null before any page is open. */
export function currentRoute(): string | null {
  try {
    const pages = Taro.getCurrentPages()
    return pages[pages.length - 1]?.route ?? null
  } catch {
    return null
  }
}

export const openInstallment = (id: string) => navigateTo(readerUrl(id))

/** Back to the list from anywhere: a tab switch, which also works when the stack is deep. */
export const goToList = () => switchTab(LIST_PATH)
