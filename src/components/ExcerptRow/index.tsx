import { Text, View } from '@tarojs/components'

import { text } from '@/i18n'
import { langAttr } from '../Blocks'
import type { Excerpt } from '@/library/excerpts'
import type { Favourite } from '@/library/favourites'

import './index.scss'

/** The list shows a passage's opening; the whole of it is one tap away in the reader. */
export const LISTED_CHARS = 140

/** The first `max` characters (code points: an emoji is never cut in half), with "…" when cut. */
export function clip(value: string, max: number): string {
  const chars = Array.from(value)
  return chars.length <= max ? value : `${chars.slice(0, max).join('')}…`
}

type Props = {
  excerpt: Excerpt
  onOpen: (excerpt: Excerpt) => void
  onEditNote: (excerpt: Excerpt) => void
  onRemove: (excerpt: Excerpt) => void
  /** The installment as the interface's language shows it (the snapshot kept is in Chinese). */
  shown?: Favourite['snapshot']
}

/** One kept passage: its words, the reader's note, where it is from, and when it was kept. */
export function ExcerptRow({ excerpt, onOpen, onEditNote, onRemove, shown }: Props) {
  const snapshot = shown ?? excerpt.snapshot
  const stop = (run: () => void) => (e: { stopPropagation: () => void }) => {
    e.stopPropagation()
    run()
  }
  return (
    <View className="ex" ariaRole="link" onClick={() => onOpen(excerpt)}>
      <View className="ex__text" {...langAttr(excerpt.lang ?? 'zh')}>
        {clip(excerpt.text, LISTED_CHARS)}
      </View>
      {excerpt.gone ? <View className="ex__changed">{text.passageChanged}</View> : null}
      {excerpt.note ? (
        <View className="ex__note">
          <Text className="ex__note-label">{text.noteLabel}</Text>
          {excerpt.note}
        </View>
      ) : null}
      <View className="ex__source">
        {text.passageSource(
          snapshot.intervieweeName,
          text.installmentNumber(snapshot.number, snapshot.sample),
          snapshot.title,
        )}
      </View>
      <View className="ex__foot">
        <View className="ex__when">{text.keptAt(text.dateTime(excerpt.savedAt))}</View>
        <View className="ex__edit" ariaRole="button" onClick={stop(() => onEditNote(excerpt))}>
          {excerpt.note ? text.editNote : text.writeNote}
        </View>
        <View
          className="ex__remove"
          ariaRole="button"
          ariaLabel={text.named(text.deleteExcerpt, clip(excerpt.text, 20))}
          onClick={stop(() => onRemove(excerpt))}
        >
          ×
        </View>
      </View>
    </View>
  )
}
