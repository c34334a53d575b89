import Taro from '@tarojs/taro'

export function toast(title: string): void {
  Taro.showToast({ title, icon: 'none', duration: 2000 }).catch(() => undefined)
}

export function previewImages(urls: string[], current: string): void {
  Taro.previewImage({ urls, current }).catch(() => undefined)
}

export function stopPullDownRefresh(): void {
  try {
    Taro.stopPullDownRefresh()
  } catch {
    // Nothing to stop outside a pull-down; harmless.
  }
}

export function scrollPageTo(scrollTop: number): void {
  Taro.pageScrollTo({ scrollTop, duration: 0 }).catch(() => undefined)
}

/** The page's scrollable height, measured without touching render state. */
export function measurePageHeight(selector: string): Promise<number | null> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(selector)
        .boundingClientRect((rect) => {
          const one = Array.isArray(rect) ? rect[0] : rect
          resolve(one && typeof one.height === 'number' ? one.height : null)
        })
        .exec()
    } catch {
      resolve(null)
    }
  })
}

export function setPageTitle(title: string): void {
  Taro.setNavigationBarTitle({ title }).catch(() => undefined)
}
