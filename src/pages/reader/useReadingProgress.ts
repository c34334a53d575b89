import { useDidHide, usePageScroll, useUnload } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

import { FINISHED_RATIO, progressStore, saveProgress } from '@/library/progress'
import { windowMetrics } from '@/platform/window'
import { measurePageHeight, scrollPageTo } from '@/platform/page-ui'
import { toast } from '@/platform/ui'
import { readerText } from '@/i18n/reader'

const SAVE_EVERY_MS = 800

/**
 * Saves where the reader is while they read and brings them back there on return. Scrolling never
 * touches render state: offsets live in refs and go straight to storage, throttled.
 */
export function useReadingProgress(id: string, ready: boolean, layoutKey: string, resume = true): void {
  const offset = useRef(0)
  const height = useRef<number | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  /** The installment whose place was restored: once, not again when a new reading language re-renders it. */
  const restored = useRef<string | null>(null)

  const flush = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (!ready) return
    const scrollable = Math.max(1, (height.current ?? 0) - windowMetrics().windowHeight)
    saveProgress(id, offset.current, height.current ? offset.current / scrollable : 0)
  }

  // Measure after layout changes (first render, font size) so the ratio stays true.
  useEffect(() => {
    if (!ready) return
    measurePageHeight('.reader').then((h) => {
      height.current = h
    })
  }, [ready, layoutKey])

  // Restore once, when the body is on screen (unless a search opened a passage); an opened interview
  // counts as started.
  useEffect(() => {
    if (!ready || restored.current === id) return
    restored.current = id
    const saved = progressStore.get()[id]
    if (resume && saved && saved.offset > 0 && saved.ratio < FINISHED_RATIO) {
      offset.current = saved.offset
      setTimeout(() => {
        scrollPageTo(saved.offset)
        toast(readerText.resumed)
      }, 50)
    } else if (!saved) {
      saveProgress(id, 0, 0)
    }
  }, [ready, id, resume])

  usePageScroll(({ scrollTop }) => {
    offset.current = scrollTop
    if (!timer.current) timer.current = setTimeout(flush, SAVE_EVERY_MS)
  })
  useDidHide(flush)
  useUnload(flush)
}
