import { en, enGroupOne, enGroups } from './en'
import { localized } from './language'
import { zh, zhGroups, type Text } from './zh'
import type { Lang } from './language'

export { currentLanguage, type Lang } from './language'

/** Every word of the main package, in the language of the moment (see language.ts). */
export const text = localized(zh, en)

/** The groups, as the filter chips name them. */
export const GROUP_LABELS = localized(zhGroups, enGroups)

/** One person's group, as a kicker says it beside a number (Chinese has one word for both). */
export const GROUP_ONE = localized(zhGroups, enGroupOne)

/** One language's words whatever the interface's: what is shared speaks the language it was read in. */
export const wordsIn = (lang: Lang): Text => (lang === 'en' ? en : zh)
