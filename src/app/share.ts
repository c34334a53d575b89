import { entryIn, type ContentLang } from '@/content/english'
import type { ManifestEntry } from '@/content/schema'
import { readerUrl } from '@/platform/navigation'

import { currentLanguage, text, wordsIn } from '@/i18n'

export type ShareMessage = { title: string; path: string; imageUrl?: string }
export type ShareTimeline = { title: string; query: string; imageUrl?: string }

/** In the language it is read in (`lang`, the interface's unless said): its words, title and person. */
export function shareTitle(entry: ManifestEntry, lang: ContentLang = currentLanguage()): string {
  const words = wordsIn(lang)
  const shown = entryIn(entry, lang)
  // A forwarded card outlives its context: a sample must say so before anything else.
  const prefix = entry.sample ? words.sampleSharePrefix : ''
  return `${prefix}${words.shareTitle(words.installmentNumber(entry.number, entry.sample), shown.title, shown.interviewee.name)}`
}

/** A chat card that deep-links to the installment; the path starts with "/" as WeChat requires. */
export function installmentShareMessage(
  entry: ManifestEntry,
  imageUrl?: string,
  lang?: ContentLang,
): ShareMessage {
  return { title: shareTitle(entry, lang), path: readerUrl(entry.id), ...(imageUrl ? { imageUrl } : {}) }
}

export function installmentShareTimeline(
  entry: ManifestEntry,
  imageUrl?: string,
  lang?: ContentLang,
): ShareTimeline {
  return {
    title: shareTitle(entry, lang),
    query: `id=${encodeURIComponent(entry.id)}`,
    ...(imageUrl ? { imageUrl } : {}),
  }
}

// Functions, not constants: the title is in the language of the moment.
export const listShareMessage = (): ShareMessage => ({ title: text.appTitle, path: '/pages/index/index' })
export const listShareTimeline = (): ShareTimeline => ({ title: text.appTitle, query: '' })
