/**
 * The interface's language, where the reader's setting, WeChat's language and the browser's address
 * meet. Applied before any page renders; a switch on About relaunches, so every page renders anew.
 */
import { useDidShow } from '@tarojs/taro'

import { text } from '@/i18n'
import {
  currentLanguage,
  languageOfLocale,
  resolveLanguage,
  setLanguage,
  type Lang,
  type LanguageChoice,
} from '@/i18n/language'
import { setLanguageChoice, settingsStore } from '@/library/settings'
import { forgetAskedLocale, localeAsked, markDocumentLanguage, systemLocale } from '@/platform/language'
import { ABOUT_PATH, reLaunch } from '@/platform/navigation'
import { setPageTitle } from '@/platform/page-title'
import { setTabLabels } from '@/platform/tab-bar'

/** Once the reader chooses on About, an address's `?lang=` no longer overrides them. */
let chosenHere = false

/** The language the address asks for (the browser's `?lang=`), while no choice on About overrides it. */
const askedHere = () => (chosenHere ? null : localeAsked())

export function applyLanguage(): Lang {
  const asked = askedHere()
  const lang = asked ? languageOfLocale(asked) : resolveLanguage(settingsStore.get().language, systemLocale())
  setLanguage(lang)
  markDocumentLanguage(lang === 'en' ? 'en' : 'zh-CN')
  return lang
}

/** The reader's choice on About: remembered (false when storage refused), applied, and every page anew. */
export function chooseLanguage(choice: LanguageChoice): boolean {
  const persisted = setLanguageChoice(choice)
  chosenHere = true
  forgetAskedLocale()
  applyLanguage()
  void reLaunch(ABOUT_PATH)
  return persisted
}

/** What About shows as chosen: the address's language while it holds (`?lang=en`), else the setting. */
export function languageChoice(): LanguageChoice {
  const asked = askedHere()
  return asked ? languageOfLocale(asked) : settingsStore.get().language
}

/** app.json's labels are Chinese: the tabBar says what it said last. */
let tabsIn: Lang = 'zh'

/**
 * A page's title in the interface's language as it shows (app.json and the page configs are in
 * Chinese), and on tab pages the tabBar's labels too.
 */
export function usePageLanguage(title: () => string, tab = false): void {
  useDidShow(() => {
    const lang = currentLanguage()
    if (lang !== 'zh') setPageTitle(title())
    if (!tab || tabsIn === lang) return
    void setTabLabels([text.tabList, text.tabFavourites]).then((ok) => {
      if (ok) tabsIn = lang
    })
  })
}
