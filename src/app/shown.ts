/**
 * What favourites and excerpts show of their installment, in the interface's language. They keep a
 * snapshot (in Chinese, as saved) so they show when the installment has gone or the network has;
 * in English, the entry's English takes its place where the catalog has it.
 */
import { entryIn } from '@/content/english'
import { currentLanguage } from '@/i18n'
import type { Favourite } from '@/library/favourites'

import { repository } from './root'

type Snapshot = Favourite['snapshot']

export function shownSnapshot(id: string, snapshot: Snapshot): Snapshot {
  if (currentLanguage() === 'zh') return snapshot
  const entry = repository.entry(id)
  if (!entry?.en) return snapshot
  const shown = entryIn(entry, 'en')
  return {
    ...snapshot,
    title: shown.title,
    intervieweeName: shown.interviewee.name,
    intervieweeRole: shown.interviewee.role,
  }
}
