import Taro from '@tarojs/taro'

import { canIUse } from './system'

/**
 * Asks before the page is left by its back button while `message` is set (a draft not yet saved);
 * `null` lets it go quietly again. WeChat only (base library 2.12); the browser build has no such API.
 */
export function askBeforeLeaving(message: string | null): void {
  if (process.env.TARO_ENV !== 'weapp') return
  try {
    if (message === null) {
      if (canIUse(() => Taro.canIUse('disableAlertBeforeUnload'))) Taro.disableAlertBeforeUnload()
    } else if (canIUse(() => Taro.canIUse('enableAlertBeforeUnload')))
      Taro.enableAlertBeforeUnload({ message })
  } catch {
    // Without the alert a draft may be left by the back button; saving still works.
  }
}
