/**
 * The interface's language. Every dictionary is made by `localized(zh, en)`: one object per
 * dictionary, filled with the current language's words and refilled in place when it changes, so
 * `text.favourite` reads the same everywhere and a module loaded later (a subpackage's words) starts
 * in the language of the moment. Pages re-render by being relaunched after a switch (see app/language).
 */
import type { ContentLang } from '@/content/schema'

/** The interface's language: one of the languages content comes in. */
export type Lang = ContentLang

/** The reader's setting on About: a language, or WeChat's. */
export type LanguageChoice = Lang | 'system'

let current: Lang = 'zh'
const dictionaries: Array<{ target: object; zh: object; en: object }> = []

export function localized<T extends object>(zh: T, en: T): T {
  const target = { ...(current === 'en' ? en : zh) }
  dictionaries.push({ target, zh, en })
  return target
}

export function setLanguage(lang: Lang): void {
  current = lang
  for (const { target, zh, en } of dictionaries) Object.assign(target, lang === 'en' ? en : zh)
}

export const currentLanguage = (): Lang => current

/**
 * A WeChat or browser locale as one of ours: any Chinese (`zh_CN`, `zh-TW`, `zh`) is Chinese,
 * anything else English. None at all (an old client, a test page) is Chinese, the column's own.
 */
export function languageOfLocale(locale: string | null | undefined): Lang {
  if (!locale) return 'zh'
  return /^zh\b|^zh[_-]/i.test(locale.trim()) ? 'zh' : 'en'
}

export const resolveLanguage = (choice: LanguageChoice, locale: string | null | undefined): Lang =>
  choice === 'system' ? languageOfLocale(locale) : choice
