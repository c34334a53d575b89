import { View } from '@tarojs/components'
import type { ITouchEvent } from '@tarojs/components'

import { text } from '@/i18n'

import './index.scss'

type Props = { saved: boolean; onToggle: () => void; withLabel?: boolean }

/**
 * An icon toggle whose accessible name says what a tap will do. The ribbon is drawn by CSS on the
 * node itself, so on the list it costs one node per card.
 */
export function FavouriteButton({ saved, onToggle, withLabel = false }: Props) {
  const onClick = (event: ITouchEvent) => {
    event.stopPropagation()
    onToggle()
  }
  const label = saved ? text.unfavourite : text.favourite
  return (
    <View
      className={`fb${saved ? ' fb--on' : ''}${withLabel ? ' fb--label' : ''}`}
      ariaRole="button"
      ariaLabel={label}
      onClick={onClick}
    >
      {withLabel ? label : null}
    </View>
  )
}
