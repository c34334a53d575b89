import { Image, Text, View } from '@tarojs/components'

import { entryIn } from '@/content/english'
import type { ManifestEntry } from '@/content/schema'
import { currentLanguage, GROUP_ONE, text } from '@/i18n'
import { readingState, type ProgressEntry } from '@/library/progress'

import { FavouriteButton } from '../FavouriteButton'
import { joinWithTodos, withTodos } from '../Todo'

import './index.scss'

type Props = {
  entry: ManifestEntry
  progress: ProgressEntry | undefined
  saved: boolean
  isNew: boolean
  /** The cover's thumbnail, where one can be fetched; its placeholder colour shows until it arrives. */
  thumb?: string | null
  onOpen: (id: string) => void
  onToggleFavourite: (entry: ManifestEntry) => void
}

const percent = (ratio: number) => Math.round(Math.min(1, Math.max(0, ratio)) * 100)

/** The reading marker's text; "unread" is drawn by CSS from a class (see index.scss). */
function marker(progress: ProgressEntry | undefined): { label: string; className: string } | null {
  const state = readingState(progress)
  if (state === 'unread') return null
  if (state === 'finished') return { label: text.finished, className: 'cd-k' }
  return { label: text.continueReading(percent(progress?.ratio ?? 0)), className: 'cd-k cd-k--on' }
}

function cardClass(entry: ManifestEntry, isNew: boolean, unread: boolean): string {
  const english = currentLanguage() === 'en' ? ' cd--e' : ''
  return `cd${english}${entry.sample ? ' cd--s' : ''}${isNew ? ' cd--n' : ''}${unread ? ' cd--u' : ''}`
}

/**
 * One installment in the list. Every node and every byte here is paid 20 times per page across the
 * setData bridge, so text is joined into single nodes, class names are short, and the fixed labels
 * ("样例", "新", "未读") are CSS content switched on by a class instead of nodes (see index.scss).
 */
export function InstallmentCard({ entry, progress, saved, isNew, thumb, onOpen, onToggleFavourite }: Props) {
  // In English, the English title and people where the editors gave them, marked where they did not.
  const shown = entryIn(entry, currentLanguage())
  const { interviewee } = shown
  const mark = marker(progress)
  const colour = entry.coverImage?.placeholder
  return (
    <View className={cardClass(entry, isNew, !mark)} ariaRole="link" onClick={() => onOpen(entry.id)}>
      {thumb ? (
        // Decorative beside the title, which says what it shows: a fixed box, the picture loaded lazily.
        <View className="cd-p" style={colour ? `background-color:${colour}` : undefined}>
          <Image
            className="cd-pi"
            src={thumb}
            mode="aspectFill"
            lazyLoad
            {...(process.env.TARO_ENV === 'h5' ? { nativeProps: { alt: '' } } : {})}
          />
        </View>
      ) : null}
      <Text className="cd-n">{`${text.installmentNumber(entry.number, entry.sample)} · ${GROUP_ONE[interviewee.group]}`}</Text>
      <FavouriteButton saved={saved} onToggle={() => onToggleFavourite(entry)} />
      <View className="cd-t">
        {withTodos(shown.title)}
        {currentLanguage() === 'en' && shown.inChinese ? (
          <Text className="cd-z">{text.inChinese}</Text>
        ) : null}
      </View>
      <View className="cd-w">{joinWithTodos([interviewee.name, interviewee.role], ' · ')}</View>
      <View className="cd-s">{withTodos(shown.summary)}</View>
      <View className="cd-m">
        {`${text.date(entry.publishedAt)} · ${text.readingMinutes(entry.readingMinutes)}`}
        {mark ? <Text className={mark.className}>{mark.label}</Text> : null}
      </View>
    </View>
  )
}
