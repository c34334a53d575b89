import Taro from '@tarojs/taro'

import { canIUse } from './system'

let locale: string | null | undefined

/** WeChat's language (`zh_CN`, `en`, …), read once: getAppBaseInfo, else the older getSystemInfoSync. */
export function systemLocale(): string | null {
  if (locale !== undefined) return locale
  try {
    locale = canIUse(() => Taro.canIUse('getAppBaseInfo'))
      ? Taro.getAppBaseInfo().language
      : Taro.getSystemInfoSync().language
  } catch {
    locale = null
  }
  return locale ?? null
}

/** A language the address asks for (the browser build's `?lang=en`); WeChat has none. */
export const localeAsked = (): string | null => null

/** WeChat's pages have no address to forget a language in. */
export function forgetAskedLocale(): void {}

/** The document's `lang` (the browser build); WeChat has no document. */
export function markDocumentLanguage(_lang: string): void {}
