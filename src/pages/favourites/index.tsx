import { View } from '@tarojs/components'
import { useDidHide } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'

import { useOfferUpdateOnShow } from '@/app/lifecycle'
import { Kicker } from '@/components/Kicker'
import { StateView } from '@/components/StateView'
import { UndoBar } from '@/components/UndoBar'
import { text } from '@/i18n/zh'
import {
  favouritesStore,
  removeFavourite,
  restoreFavourite,
  sortedFavourites,
  type Favourite,
} from '@/library/favourites'
import { useStoreWhileShown } from '@/library/store'
import { goToList, openInstallment } from '@/platform/navigation'

import './index.scss'

const UNDO_MS = 5000

function FavouriteRow({ favourite, onRemove }: { favourite: Favourite; onRemove: (id: string) => void }) {
  const { snapshot } = favourite
  return (
    <View className="fav" ariaRole="link" onClick={() => void openInstallment(favourite.id)}>
      <View className="fav__main">
        <Kicker className="fav__top" {...snapshot} />
        <View className="fav__title">{snapshot.title}</View>
        <View className="fav__who">
          {snapshot.intervieweeName} · {snapshot.intervieweeRole}
        </View>
        <View className="fav__when">{text.savedAt(text.dateTime(favourite.savedAt))}</View>
      </View>
      <View
        className="fav__remove"
        ariaRole="button"
        ariaLabel={`${text.unfavourite}：${snapshot.title}`}
        onClick={(e) => {
          e.stopPropagation()
          onRemove(favourite.id)
        }}
      >
        ×
      </View>
    </View>
  )
}

/**
 * Favourites render from their stored snapshots only, so they show and open even when the
 * installment has left the content or there is no network.
 */
export default function FavouritesPage() {
  useOfferUpdateOnShow()
  const favourites = sortedFavourites(useStoreWhileShown(favouritesStore))
  const [undo, setUndo] = useState<Favourite | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }
  useEffect(() => clearTimer, [])
  useDidHide(() => {
    clearTimer()
    setUndo(null)
  })

  const onRemove = (id: string) => {
    const removed = removeFavourite(id)
    if (!removed) return
    clearTimer()
    setUndo(removed)
    timer.current = setTimeout(() => setUndo(null), UNDO_MS)
  }

  const onUndo = () => {
    if (undo) restoreFavourite(undo)
    clearTimer()
    setUndo(null)
  }

  return (
    <View className="favs-page">
      {favourites.length === 0 ? (
        <StateView
          kind="empty"
          title={text.favouritesEmptyTitle}
          body={text.favouritesEmptyBody}
          action={{ label: text.browseInstallments, onPress: () => void goToList() }}
        />
      ) : (
        <View className="favs">
          {favourites.map((f) => (
            <FavouriteRow key={f.id} favourite={f} onRemove={onRemove} />
          ))}
        </View>
      )}
      {undo ? <UndoBar message={`${text.removedWithUndo}：${undo.snapshot.title}`} onUndo={onUndo} /> : null}
    </View>
  )
}
