/**
 * Keeping passages, where content and the library meet: which blocks can be kept, their text, and
 * finding kept passages again in a body that editors have changed.
 */
import { englishBodyOf } from '@/content/english'
import { plainText } from '@/content/inline'
import type { Block, Installment, ManifestEntry } from '@/content/schema'
import { excerptsStore, reanchorExcerpts, type Passage, type PassageLang } from '@/library/excerpts'

import { repository } from './root'

/** Paragraphs, questions, answers and quotes: the blocks a reader can keep (not headings, images or rules). */
export function keepableText(block: Block): string | null {
  switch (block.type) {
    case 'paragraph':
    case 'question':
    case 'answer':
    case 'quote':
      return plainText(block.text)
    default:
      return null
  }
}

/** The body in `lang`: the Chinese, or the English translation (empty when there is none). */
export function bodyIn(installment: Installment, lang: PassageLang): readonly Block[] {
  return lang === 'en' ? (englishBodyOf(installment) ?? []) : installment.body
}

export function passageAt(
  entry: ManifestEntry,
  installment: Installment,
  block: number,
  lang: PassageLang = 'zh',
): Passage | null {
  const body = bodyIn(installment, lang)[block]
  const text = body ? keepableText(body) : null
  return text ? { entry, block, text, ...(lang === 'en' ? { lang } : {}) } : null
}

/** Each block's keepable text, '' for the rest, in body order: what excerpts are found again in. */
export function blockTexts(installment: Installment, lang: PassageLang = 'zh'): string[] {
  return bodyIn(installment, lang).map((block) => keepableText(block) ?? '')
}

/** Finds this installment's excerpts again in its body as it is now (a no-op when none are kept). */
export function reanchorIn(id: string, installment: Installment): void {
  if (!excerptsStore.get().some((e) => e.id === id)) return
  reanchorExcerpts(id, blockTexts(installment, 'zh'), 'zh')
  reanchorExcerpts(id, blockTexts(installment, 'en'), 'en')
}

/**
 * Finds kept passages again in the bodies the device has at hand (in memory or saved), without
 * fetching: the reader finds the rest when it opens them. Bodies it does not have leave their
 * excerpts as they were: an excerpt is never dropped, only marked.
 */
export function reanchorKnown(): void {
  const ids = new Set(excerptsStore.get().map((e) => e.id))
  for (const id of ids) {
    const installment = repository.installmentNow(id)
    if (installment) reanchorIn(id, installment)
  }
}
