import Taro from '@tarojs/taro'

import { canIUse } from './system'

export type UpdateEvents = { onReady: () => void; onFailed: () => void }

let manager: Taro.UpdateManager | null = null

/**
 * Listens for the new version WeChat downloads in the background. False where the API is missing or
 * refuses (the browser build, very old base libraries): the app then simply runs as it is.
 */
export function watchForUpdate(events: UpdateEvents): boolean {
  if (!canIUse(() => Taro.canIUse('getUpdateManager'))) return false
  try {
    manager = Taro.getUpdateManager()
    manager.onUpdateReady(events.onReady)
    manager.onUpdateFailed(events.onFailed)
    return true
  } catch {
    manager = null
    return false
  }
}

/** Restarts into the downloaded version. False when there is none to apply. */
export function applyUpdate(): boolean {
  try {
    if (!manager) return false
    manager.applyUpdate()
    return true
  } catch {
    return false
  }
}
