import { View } from '@tarojs/components'
import type { ITouchEvent } from '@tarojs/components'

import { text } from '@/i18n/zh'

import './index.scss'

type Props = { saved: boolean; onToggle: () => void; withLabel?: boolean }

/** An icon toggle with an accessible name that says what a tap will do. */
export function FavouriteButton({ saved, onToggle, withLabel = false }: Props) {
  const onClick = (event: ITouchEvent) => {
    event.stopPropagation()
    onToggle()
  }
  return (
    <View
      className={`fav-btn${saved ? ' fav-btn--on' : ''}`}
      ariaRole="button"
      ariaLabel={saved ? text.unfavourite : text.favourite}
      onClick={onClick}
    >
      <View className="fav-btn__icon" />
      {withLabel ? <View className="fav-btn__label">{saved ? text.unfavourite : text.favourite}</View> : null}
    </View>
  )
}
