/**
 * The two dictionaries: the same keys (the type sees to that), each language's words in that language
 * only, and the formatting tables — dates, reading times and counts — written without Intl, which
 * Android WeChat lacks.
 */
import { cardText, cardWordsFor } from '@/i18n/card'
import { en } from '@/i18n/en'
import { excerptText } from '@/i18n/excerpt'
import {
  currentLanguage,
  languageOfLocale,
  localized,
  resolveLanguage,
  setLanguage,
  type Lang,
} from '@/i18n/language'
import { readerText } from '@/i18n/reader'
import { searchText } from '@/i18n/search'
import { shareText } from '@/i18n/share'
import { zh } from '@/i18n/zh'

afterEach(() => setLanguage('zh'))

const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/
/** Words of three letters or more: English, in a Chinese string. */
const LATIN_WORD = /[A-Za-z]{3,}/g

/** A language's own name is written in that language in either interface (中文 / English). */
const OWN_NAMES = new Set(['中文', 'English'])
/** Chinese strings may hold these: pinyin examples, a unit, a language's own name. */
const LATIN_IN_CHINESE = new Set(['English', 'xitu'])

/** Every string a dictionary can say: its strings, and its functions called with sample arguments. */
function sayings(dictionary: object): string[] {
  return Object.entries(dictionary).flatMap(([key, value]): string[] => {
    if (typeof value === 'string') return [value]
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown
      // Counts of one and of three fit every parameter but a date's text.
      const first = (n: number) => (key === 'date' ? '2026-10-16' : n)
      return [fn(first(1), 1, 3, 3), fn(first(3), 3, 1, 1)].map(String)
    }
    if (value && typeof value === 'object') return sayings(value)
    return []
  })
}

const dictionaries = () => ({
  main: { zh, en },
  reader: readerText,
  search: searchText,
  excerpt: excerptText,
  card: cardText,
  share: shareText,
})

/** Each subpackage dictionary's words in `lang`, read through the one object every page reads. */
function wordsIn(lang: Lang): Array<[string, string[]]> {
  setLanguage(lang)
  const { main, ...rest } = dictionaries()
  return [
    ['main', sayings(main[lang])],
    ...Object.entries(rest).map(([name, dict]): [string, string[]] => [name, sayings(dict)]),
  ]
}

describe('each language says its words in that language only', () => {
  test.each(['main', 'reader', 'search', 'excerpt', 'card', 'share'])('%s in English: no Chinese', (name) => {
    const said = new Map(wordsIn('en')).get(name) ?? []
    expect(said.length).toBeGreaterThan(0)
    expect(said.filter((s) => CJK.test(s) && !OWN_NAMES.has(s))).toEqual([])
  })

  test.each(['main', 'reader', 'search', 'excerpt', 'card', 'share'])('%s in Chinese: no English', (name) => {
    const said = new Map(wordsIn('zh')).get(name) ?? []
    expect(said.length).toBeGreaterThan(0)
    const english = said.flatMap((s) => (s.match(LATIN_WORD) ?? []).filter((w) => !LATIN_IN_CHINESE.has(w)))
    expect(english).toEqual([])
  })
})

describe('formatting, per language', () => {
  test.each<[string, (lang: Lang) => string, string, string]>([
    ['a date', (l) => (l === 'en' ? en : zh).date('2026-10-16'), '2026年10月16日', '16 Oct 2026'],
    ['January', (l) => (l === 'en' ? en : zh).date('2027-01-05'), '2027年1月5日', '5 Jan 2027'],
    ['reading time', (l) => (l === 'en' ? en : zh).readingMinutes(4), '约 4 分钟', '4 min read'],
    [
      'one interview shown',
      (l) => (l === 'en' ? en : zh).allShown(1),
      '已显示全部 1 篇',
      'All 1 interview shown',
    ],
    ['many shown', (l) => (l === 'en' ? en : zh).allShown(12), '已显示全部 12 篇', 'All 12 interviews shown'],
    ['a sample', (l) => (l === 'en' ? en : zh).installmentNumber(3, true), '样例 3', 'Sample 3'],
    ['an installment', (l) => (l === 'en' ? en : zh).installmentNumber(3), '第 3 期', 'No. 3'],
    [
      'the column’s count',
      (l) => (l === 'en' ? en : zh).installmentsCount(1, 12),
      '已连载 1 期 · 样例 12 篇',
      '1 installment · 12 samples',
    ],
    ['samples only', (l) => (l === 'en' ? en : zh).installmentsCount(0, 1), '样例 1 篇', '1 sample'],
    ['a chosen chip', (l) => (l === 'en' ? en : zh).chosen('All'), 'All（已选）', 'All (selected)'],
    [
      'a share title',
      (l) => (l === 'en' ? en : zh).shareTitle('No. 3', 'T', 'P'),
      'No. 3｜T — P',
      'No. 3 | T — P',
    ],
    ['one match', (l) => (setLanguage(l), searchText.matchCount(1)), '1 处匹配', '1 match'],
    ['three matches', (l) => (setLanguage(l), searchText.matchCount(3)), '3 处匹配', '3 matches'],
    ['one found', (l) => (setLanguage(l), searchText.searchFound(1)), '找到 1 篇', '1 interview found'],
    ['a card’s number', (l) => cardWordsFor(l).installmentNumber(7, false), '第 7 期', 'No. 7'],
  ])('%s', (_name, say, chinese, english) => {
    expect([say('zh'), say('en')]).toEqual([chinese, english])
  })

  test('a saved-at time is the same in both languages, to the minute', () => {
    const at = new Date(2026, 9, 16, 9, 5).getTime()
    expect([zh.dateTime(at), en.dateTime(at)]).toEqual(['2026-10-16 09:05', '2026-10-16 09:05'])
  })
})

describe('which language', () => {
  test.each<[string | null | undefined, Lang]>([
    ['zh_CN', 'zh'],
    ['zh_TW', 'zh'],
    ['zh_HK', 'zh'],
    ['zh-Hans', 'zh'],
    ['zh', 'zh'],
    ['ZH_cn', 'zh'],
    ['en', 'en'],
    ['en_US', 'en'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    ['ja_JP', 'en'],
    ['zhx', 'en'],
    ['', 'zh'],
    [null, 'zh'],
    [undefined, 'zh'],
  ])('WeChat or the browser in %p: %s', (locale, lang) => {
    expect(languageOfLocale(locale)).toBe(lang)
  })

  test.each<['system' | Lang, string, Lang]>([
    ['system', 'en', 'en'],
    ['system', 'zh_CN', 'zh'],
    ['zh', 'en', 'zh'],
    ['en', 'zh_CN', 'en'],
  ])('the reader chose %s, WeChat is in %s: %s', (choice, locale, lang) => {
    expect(resolveLanguage(choice, locale)).toBe(lang)
  })

  test('a switch refills every dictionary in place, and one made later starts in the language of the moment', () => {
    const early = localized({ hello: '你好' }, { hello: 'Hello' })
    setLanguage('en')
    const later = localized({ bye: '再见' }, { bye: 'Bye' })
    expect([currentLanguage(), early.hello, later.bye]).toEqual(['en', 'Hello', 'Bye'])
    setLanguage('zh')
    expect([early.hello, later.bye]).toEqual(['你好', '再见'])
  })
})
