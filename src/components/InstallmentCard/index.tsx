import { Text, View } from '@tarojs/components'

import type { ManifestEntry } from '@/content/schema'
import { formatDate, percent } from '@/format'
import { GROUP_LABELS, text } from '@/i18n/zh'
import { readingState, type ProgressEntry } from '@/library/progress'

import { FavouriteButton } from '../FavouriteButton'
import { SampleBadge } from '../SampleBadge'

import './index.scss'

type Props = {
  entry: ManifestEntry
  progress: ProgressEntry | undefined
  saved: boolean
  isNew: boolean
  onOpen: (id: string) => void
  onToggleFavourite: (entry: ManifestEntry) => void
}

function ReadingMarker({ progress }: { progress: ProgressEntry | undefined }) {
  const state = readingState(progress)
  if (state === 'unread') return <Text className="card__mark card__mark--unread">{text.unread}</Text>
  if (state === 'finished') return <Text className="card__mark">{text.finished}</Text>
  return (
    <Text className="card__mark card__mark--reading">
      {text.continueReading(percent(progress?.ratio ?? 0))}
    </Text>
  )
}

export function InstallmentCard({ entry, progress, saved, isNew, onOpen, onToggleFavourite }: Props) {
  const { interviewee } = entry
  return (
    <View className="card" ariaRole="link" onClick={() => onOpen(entry.id)}>
      <View className="card__top">
        <Text className="card__number">{text.installmentNumber(entry.number)}</Text>
        <Text className="card__group">{GROUP_LABELS[interviewee.group]}</Text>
        {entry.sample ? <SampleBadge /> : null}
        {isNew ? <Text className="card__new">{text.newBadge}</Text> : null}
        <FavouriteButton saved={saved} onToggle={() => onToggleFavourite(entry)} />
      </View>
      <View className="card__title">{entry.title}</View>
      <View className="card__who">
        {interviewee.name} · {interviewee.role}
      </View>
      <View className="card__summary">{entry.summary}</View>
      <View className="card__meta">
        <Text>
          {formatDate(entry.publishedAt)} · {text.readingMinutes(entry.readingMinutes)}
        </Text>
        <ReadingMarker progress={progress} />
      </View>
    </View>
  )
}
