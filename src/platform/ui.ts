import Taro from '@tarojs/taro'

export { ask, toast, type Question } from './interaction'

export function stopPullDownRefresh(): void {
  try {
    Taro.stopPullDownRefresh()
  } catch {
    // Nothing to stop outside a pull-down; harmless.
  }
}
