import { View } from '@tarojs/components'
import { useDidHide, useDidShow, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'

import { reanchorKnown } from '@/app/excerpts'
import { usePageLanguage } from '@/app/language'
import { useOfferUpdateOnShow } from '@/app/lifecycle'
import { useCatalog } from '@/app/root'
import { shownSnapshot } from '@/app/shown'
import { ExcerptRow } from '@/components/ExcerptRow'
import { Kicker } from '@/components/Kicker'
import { StateView } from '@/components/StateView'
import { UndoBar } from '@/components/UndoBar'
import { text } from '@/i18n'
import {
  excerptsStore,
  removeExcerpt,
  restoreExcerpt,
  sortedExcerpts,
  type Excerpt,
} from '@/library/excerpts'
import {
  favouritesStore,
  removeFavourite,
  restoreFavourite,
  sortedFavourites,
  type Favourite,
} from '@/library/favourites'
import { useStoreWhileShown } from '@/library/store'
import { goToList, navigateTo, noteUrl, openInstallment } from '@/platform/navigation'

import './index.scss'

const UNDO_MS = 5000
/** Excerpts render a page at a time, so a long list costs one small setData per page. */
const EXCERPTS_PAGE = 20

type Segment = 'favourites' | 'excerpts'
type Undo = { message: string; restore: () => void }

function FavouriteRow({ favourite, onRemove }: { favourite: Favourite; onRemove: (id: string) => void }) {
  const snapshot = shownSnapshot(favourite.id, favourite.snapshot)
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
        ariaLabel={text.named(text.unfavourite, snapshot.title)}
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

function Segments({
  value,
  counts,
  onChange,
}: {
  value: Segment
  counts: Record<Segment, number>
  onChange: (segment: Segment) => void
}) {
  const item = (segment: Segment, label: string) => (
    <View
      className={`seg__item${value === segment ? ' seg__item--on' : ''}`}
      ariaRole="tab"
      ariaLabel={value === segment ? text.chosen(text.segment(label, counts[segment])) : undefined}
      onClick={() => onChange(segment)}
    >
      {text.segment(label, counts[segment])}
    </View>
  )
  return (
    <View className="seg" ariaRole="tablist">
      {item('favourites', text.tabFavourites)}
      {item('excerpts', text.keptTab)}
    </View>
  )
}

/** An empty segment: what it would hold, and the way to the installments that fill it. */
function EmptySegment({ title, body }: { title: string; body: string }) {
  return (
    <StateView
      kind="empty"
      title={title}
      body={body}
      action={{ label: text.browseInstallments, onPress: () => void goToList() }}
    />
  )
}

/** The undo bar's state: one removal at a time, gone after UNDO_MS or when the page hides. */
function useUndo() {
  const [undo, setUndo] = useState<Undo | null>(null)
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
  const offer = (next: Undo) => {
    clearTimer()
    setUndo(next)
    timer.current = setTimeout(() => setUndo(null), UNDO_MS)
  }
  const take = () => {
    undo?.restore()
    clearTimer()
    setUndo(null)
  }
  return { undo, offer, take }
}

/**
 * Favourites and excerpts render from what they stored, so they show and open even when the
 * installment has changed, left the content, or there is no network.
 */
export default function FavouritesPage() {
  useOfferUpdateOnShow()
  usePageLanguage(() => text.favouritesTitle, true)
  // Rows show the catalog's English where it has it: they follow the catalog as the rest of it is read.
  useCatalog()
  const favourites = sortedFavourites(useStoreWhileShown(favouritesStore))
  const excerpts = sortedExcerpts(useStoreWhileShown(excerptsStore))
  const [segment, setSegment] = useState<Segment>('favourites')
  const [shown, setShown] = useState(EXCERPTS_PAGE)
  const { undo, offer, take } = useUndo()

  // Excerpts whose installments changed since they were kept are found again (or marked) on show.
  useDidShow(() => reanchorKnown())
  useReachBottom(() => {
    if (segment === 'excerpts' && shown < excerpts.length) setShown((n) => n + EXCERPTS_PAGE)
  })

  const onRemoveFavourite = (id: string) => {
    const removed = removeFavourite(id)
    if (removed)
      offer({
        message: text.named(text.removedWithUndo, shownSnapshot(removed.id, removed.snapshot).title),
        restore: () => restoreFavourite(removed),
      })
  }
  const onRemoveExcerpt = (excerpt: Excerpt) => {
    const removed = removeExcerpt(excerpt.key)
    if (removed) offer({ message: text.excerptRemoved, restore: () => restoreExcerpt(removed) })
  }
  const onOpenExcerpt = (excerpt: Excerpt) =>
    void openInstallment(excerpt.id, { block: excerpt.block, excerpt: excerpt.key, lang: excerpt.lang })

  return (
    <View className="favs-page">
      <Segments
        value={segment}
        counts={{ favourites: favourites.length, excerpts: excerpts.length }}
        onChange={setSegment}
      />
      {segment === 'favourites' ? (
        favourites.length === 0 ? (
          <EmptySegment title={text.favouritesEmptyTitle} body={text.favouritesEmptyBody} />
        ) : (
          <View className="favs">
            {favourites.map((f) => (
              <FavouriteRow key={f.id} favourite={f} onRemove={onRemoveFavourite} />
            ))}
          </View>
        )
      ) : excerpts.length === 0 ? (
        <EmptySegment title={text.excerptsEmptyTitle} body={text.excerptsEmptyBody} />
      ) : (
        <View className="favs">
          {excerpts.slice(0, shown).map((e) => (
            <ExcerptRow
              key={e.key}
              excerpt={e}
              shown={shownSnapshot(e.id, e.snapshot)}
              onOpen={onOpenExcerpt}
              onEditNote={(kept) => void navigateTo(noteUrl(kept.key))}
              onRemove={onRemoveExcerpt}
            />
          ))}
        </View>
      )}
      {undo ? <UndoBar message={undo.message} onUndo={take} /> : null}
    </View>
  )
}
