import { Input, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'

import { text } from '@/i18n'
import { searchText } from '@/i18n/search'

/** Typing settles for this long before a search runs: one results render per pause. */
export const DEBOUNCE_MS = 200

type Props = { initial: string; onQuery: (query: string) => void }

/**
 * The search box, in a component of its own: each keystroke re-renders only the box (its value, which
 * Taro's input sends back anyway, and the clear button), and the page hears of the text once typing
 * pauses. The value is controlled, so the box keeps what was typed when the page shows again.
 */
export function SearchBox({ initial, onQuery }: Props) {
  const [value, setValue] = useState(initial)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }
  useEffect(() => cancel, [])

  const runNow = (next: string) => {
    cancel()
    setValue(next)
    onQuery(next)
  }
  const runSoon = (next: string) => {
    cancel()
    setValue(next)
    timer.current = setTimeout(() => runNow(next), DEBOUNCE_MS)
  }

  return (
    <View className="sbar">
      <Input
        className="sbar__input"
        value={value}
        focus={!initial}
        placeholder={text.searchPlaceholder}
        confirmType="search"
        ariaLabel={searchText.searchLabel}
        maxlength={100}
        onInput={(e) => runSoon(e.detail.value)}
        onConfirm={(e) => runNow(e.detail.value)}
      />
      {value ? (
        <View
          className="sbar__clear"
          ariaRole="button"
          ariaLabel={searchText.clearSearch}
          onClick={() => runNow('')}
        >
          ×
        </View>
      ) : null}
    </View>
  )
}
