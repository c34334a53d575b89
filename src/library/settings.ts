import * as v from 'valibot'

import { orderSchema } from '@/content/schema'

import { USER_KEY_PREFIX } from './records'
import { createStore } from './store'

export const FONT_STEPS = [0, 1, 2, 3] as const
export type FontStep = (typeof FONT_STEPS)[number]

/** The interface's language: Chinese, English, or WeChat's (the browser's). */
export const languageChoiceSchema = v.picklist(['system', 'zh', 'en'])
/** How an interview with an English translation is read: in Chinese, in English, or both, block by block. */
export const readingModeSchema = v.picklist(['zh', 'en', 'parallel'])
export type ReadingMode = v.InferOutput<typeof readingModeSchema>

export const settingsSchema = v.object({
  fontStep: v.custom<FontStep>((step) => FONT_STEPS.includes(step as FontStep), 'must be a font step'),
  order: orderSchema,
  // Optional with a default: a record saved before languages existed still reads, font and order kept.
  language: v.optional(languageChoiceSchema, 'system'),
  /** Unset until the reader picks one: then an interview opens in the interface's language. */
  reading: v.optional(readingModeSchema),
})

export type Settings = v.InferOutput<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = { fontStep: 1, order: 'newest', language: 'system' }

export const settingsStore = createStore({
  key: `${USER_KEY_PREFIX}settings`,
  version: 1,
  schema: settingsSchema,
  empty: () => ({ ...DEFAULT_SETTINGS }),
})

export function setFontStep(step: FontStep): boolean {
  return settingsStore.update((s) => ({ ...s, fontStep: step }))
}

export function setOrder(order: Settings['order']): boolean {
  return settingsStore.update((s) => ({ ...s, order }))
}

export function setLanguageChoice(language: Settings['language']): boolean {
  return settingsStore.update((s) => ({ ...s, language }))
}

export function setReadingMode(reading: ReadingMode): boolean {
  return settingsStore.update((s) => ({ ...s, reading }))
}
