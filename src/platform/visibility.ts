import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'

/**
 * Reads a shared store, but re-renders only while this page is on screen. A hidden page (a tab in
 * the background, the list under the reader) would otherwise pay a setData for every change made
 * elsewhere; it catches up once, when it is shown again.
 */
export function useWhileShown<T>(subscribe: (listener: () => void) => () => void, getSnapshot: () => T): T {
  const [value, setValue] = useState(getSnapshot)
  const shown = useRef(true)
  const stale = useRef(false)
  useEffect(
    () =>
      subscribe(() => {
        if (shown.current) setValue(getSnapshot())
        else stale.current = true
      }),
    [subscribe, getSnapshot],
  )
  useDidShow(() => {
    shown.current = true
    if (stale.current) {
      stale.current = false
      setValue(getSnapshot())
    }
  })
  useDidHide(() => {
    shown.current = false
  })
  return value
}
