import Taro from '@tarojs/taro'

/**
 * The reader's page APIs, apart from ui.ts so the list's chunk does not carry them: in the H5 build
 * previewImage alone brings Taro's swiper component and the swiper library.
 */

export function previewImages(urls: string[], current: string): void {
  Taro.previewImage({ urls, current }).catch(() => undefined)
}

export function scrollPageTo(scrollTop: number): void {
  Taro.pageScrollTo({ scrollTop, duration: 0 }).catch(() => undefined)
}

/** Scrolls to the element `selector` names, once the render that adds it has reached the view. */
export function scrollToSelector(selector: string): void {
  Taro.nextTick(() => {
    Taro.pageScrollTo({ selector, duration: 300 }).catch(() => undefined)
  })
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
