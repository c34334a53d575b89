import type { ManifestEntry } from '@/content/schema'
import { readerUrl } from '@/platform/navigation'

import { text } from '@/i18n/zh'

export type ShareMessage = { title: string; path: string; imageUrl?: string }
export type ShareTimeline = { title: string; query: string; imageUrl?: string }

export function shareTitle(entry: ManifestEntry): string {
  // A forwarded card outlives its context: a sample must say so before anything else.
  const prefix = entry.sample ? text.sampleSharePrefix : ''
  return `${prefix}${text.installmentNumber(entry.number, entry.sample)}｜${entry.title} — ${entry.interviewee.name}`
}

/** A chat card that deep-links to the installment; the path starts with "/" as WeChat requires. */
export function installmentShareMessage(entry: ManifestEntry, imageUrl?: string): ShareMessage {
  return { title: shareTitle(entry), path: readerUrl(entry.id), ...(imageUrl ? { imageUrl } : {}) }
}

export function installmentShareTimeline(entry: ManifestEntry, imageUrl?: string): ShareTimeline {
  return {
    title: shareTitle(entry),
    query: `id=${encodeURIComponent(entry.id)}`,
    ...(imageUrl ? { imageUrl } : {}),
  }
}

export const listShareMessage: ShareMessage = { title: text.appTitle, path: '/pages/index/index' }
export const listShareTimeline: ShareTimeline = { title: text.appTitle, query: '' }
