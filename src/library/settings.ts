import * as v from 'valibot'

import { orderSchema } from '@/content/schema'

import { USER_KEY_PREFIX } from './records'
import { createStore } from './store'

export const FONT_STEPS = [0, 1, 2, 3] as const
export type FontStep = (typeof FONT_STEPS)[number]

export const settingsSchema = v.object({
  fontStep: v.custom<FontStep>((step) => FONT_STEPS.includes(step as FontStep), 'must be a font step'),
  order: orderSchema,
})

export type Settings = v.InferOutput<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = { fontStep: 1, order: 'newest' }

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
