import Taro from '@tarojs/taro'

/** The browser build: no WeChat APIs, ordinary links. */
export const IN_BROWSER = process.env.TARO_ENV === 'h5'

/** Scene 1154: opened from Moments in single-page mode, with no navigation and no tabBar. */
export const SINGLE_PAGE_SCENE = 1154

export type WindowMetrics = { windowWidth: number; windowHeight: number }

let cachedWindow: WindowMetrics | null = null

/** Feature detection in the manner of vant-weapp: ask the base library, never assume. */
export function canIUse(schema: string): boolean {
  try {
    return Taro.canIUse(schema)
  } catch {
    return false
  }
}

/** Window size, read once: it does not change for the life of a mini program. */
export function windowMetrics(): WindowMetrics {
  if (cachedWindow) return cachedWindow
  try {
    const info = canIUse('getWindowInfo') ? Taro.getWindowInfo() : Taro.getSystemInfoSync()
    cachedWindow = { windowWidth: info.windowWidth, windowHeight: info.windowHeight }
  } catch {
    cachedWindow = { windowWidth: 375, windowHeight: 667 }
  }
  return cachedWindow
}

export function launchScene(): number | null {
  try {
    return Taro.getLaunchOptionsSync().scene ?? null
  } catch {
    return null
  }
}

/** The scene of this visit: a hot start from a scan has its own, unlike the launch's. */
export function entryScene(): number | null {
  try {
    if (canIUse('getEnterOptionsSync')) return Taro.getEnterOptionsSync().scene ?? null
  } catch {
    // Fall back to the launch scene below.
  }
  return launchScene()
}

export function isSinglePageMode(): boolean {
  return launchScene() === SINGLE_PAGE_SCENE
}
