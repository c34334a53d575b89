import Taro from '@tarojs/taro'

/** The browser build: no WeChat APIs, ordinary links. */
export const IN_BROWSER = process.env.TARO_ENV === 'h5'

/** Scene 1154: opened from Moments in single-page mode, with no navigation and no tabBar. */
export const SINGLE_PAGE_SCENE = 1154

/**
 * Feature detection in the manner of vant-weapp: ask the base library, never assume. Callers write
 * the schema literally (`canIUse(() => Taro.canIUse('getWindowInfo'))`): the H5 build answers a
 * literal at compile time, while a schema passed in a variable would ship Taro's whole feature table.
 */
export function canIUse(ask: () => boolean): boolean {
  try {
    return ask()
  } catch {
    return false
  }
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
    if (canIUse(() => Taro.canIUse('getEnterOptionsSync'))) return Taro.getEnterOptionsSync().scene ?? null
  } catch {
    // Fall back to the launch scene below.
  }
  return launchScene()
}

export function isSinglePageMode(): boolean {
  return launchScene() === SINGLE_PAGE_SCENE
}
