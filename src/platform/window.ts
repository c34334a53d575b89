import Taro from '@tarojs/taro'

import { canIUse } from './system'

/**
 * Apart from system.ts so the list's chunk does not carry Taro's system-info API (in the H5 build it
 * brings a user-agent parser).
 */

export type WindowMetrics = { windowWidth: number; windowHeight: number }

let cachedWindow: WindowMetrics | null = null

/** Window size, read once: it does not change for the life of a mini program. */
export function windowMetrics(): WindowMetrics {
  if (cachedWindow) return cachedWindow
  try {
    const info = canIUse(() => Taro.canIUse('getWindowInfo'))
      ? Taro.getWindowInfo()
      : Taro.getSystemInfoSync()
    cachedWindow = { windowWidth: info.windowWidth, windowHeight: info.windowHeight }
  } catch {
    cachedWindow = { windowWidth: 375, windowHeight: 667 }
  }
  return cachedWindow
}
