import type { Group } from '@/content/schema'

import { dateTime, type Text } from './zh'

/** The main package's words in English: the same keys as zh.ts, checked by the type. */
export const enGroups: Record<Group, string> = {
  scientist: 'Scientists',
  entrepreneur: 'Entrepreneurs',
  engineer: 'Engineers',
  worker: 'Frontline workers',
}

/** One person's group, beside a number: "No. 3 · Scientist". The chips name the groups (above). */
export const enGroupOne: Record<Group, string> = {
  scientist: 'Scientist',
  entrepreneur: 'Entrepreneur',
  engineer: 'Engineer',
  worker: 'Frontline worker',
}

/** No Intl: Android WeChat lacks it. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `1 match`, `3 matches`: English counts agree with their number. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export const en: Text = {
  appTitle: 'Light of Rare Earth · 100 Interviews',
  tabList: 'Interviews',
  tabFavourites: 'Saved',
  /** `2026-10-16` → `16 Oct 2026`. */
  date: (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number)
    return `${d} ${MONTHS[m - 1]} ${y}`
  },
  dateTime,
  all: 'All',
  chosen: (label: string) => `${label} (selected)`,
  installmentNumber: (n: number, sample = false) => (sample ? `Sample ${n}` : `No. ${n}`),
  installmentsCount: (real: number, samples: number) =>
    [real || !samples ? plural(real, 'installment') : '', samples ? plural(samples, 'sample') : '']
      .filter(Boolean)
      .join(' · '),
  sampleSharePrefix: '[Sample] ',
  shareTitle: (installment: string, title: string, person: string) => `${installment} | ${title} — ${person}`,
  readingMinutes: (m: number) => `${m} min read`,
  sample: 'Sample',
  continueReading: (percent: number) => `Continue reading · ${percent}% read`,
  finished: 'Finished',
  searchPlaceholder: 'Search titles, people, tags or words',
  searchOpen: 'Search the interviews: titles, people, tags and text',
  orderNewest: 'Newest first',
  orderSeries: 'In series order',
  orderToggleLabel: (current: string) => `Order: ${current}. Tap to change`,
  about: 'About the column',
  loadingMore: 'Loading more…',
  allShown: (n: number) => `All ${plural(n, 'interview')} shown`,
  loading: 'Loading…',
  emptyFilterTitle: 'No interviews here yet',
  emptyFilterBody: 'Clear the filter to see every interview.',
  clearFilters: 'Clear filter',
  errorTitle: 'The content cannot be shown right now',
  errorBody: 'Pull down to try again in a moment.',
  retry: 'Try again',
  refreshed: 'Up to date',
  refreshFailed: 'Could not update; showing what is saved',
  favourite: 'Save',
  unfavourite: 'Unsave',
  favouriteAdded: 'Saved',
  favouriteRemoved: 'Removed from saved',
  favouriteNotSaved: 'Not yet saved on this phone; will try again',
  share: 'Share',
  staleNotice: 'Could not update; showing what is saved',
  favouritesEmptyTitle: 'Nothing saved yet',
  favouritesEmptyBody: 'Tap “Save” on an interview and it appears here, offline too.',
  browseInstallments: 'Browse the interviews',
  savedAt: (when: string) => `Saved ${when}`,
  removedWithUndo: 'Removed',
  named: (what: string, name: string) => `${what}: ${name}`,
  passageSource: (name: string, installment: string, title: string) =>
    `— ${name} · ${installment}, “${title}”`,
  keptTab: 'Passages',
  segment: (label: string, count: number) => (count ? `${label} ${count}` : label),
  excerptsEmptyTitle: 'No passages kept yet',
  excerptsEmptyBody:
    'Long-press a paragraph in an interview and choose “Keep”: the lines that move you stay here.',
  keptAt: (when: string) => `Kept ${when}`,
  passageChanged: 'The original has changed',
  noteLabel: 'Note',
  writeNote: 'Write a note',
  editNote: 'Edit note',
  deleteExcerpt: 'Delete passage',
  excerptRemoved: 'Passage deleted',
  undo: 'Undo',
  contentInfo: 'Content',
  contentVersion: 'Edition',
  contentSource: 'Source',
  sourceBundled: 'Included with the app (works offline)',
  sourceRemote: (host: string) => `Updated online: ${host}`,
  installments: 'Installments',
  whatIsSample: 'What is a “sample”?',
  sampleExplained:
    'Interviews marked “Sample” show what reading here is like. Their people, organisations and words are fictional: they are not from the book Light of Rare Earth and speak for no real person.',
  readOriginal: 'Read the original article',
  originalFrom: (account: string) => `First published by the official account “${account}”`,
  originalCopied: 'Link copied: paste it into a WeChat chat to open it',
  followAccount: 'Follow the account',
  followAccountNamed: (name: string) => `Follow the official account “${name}”`,
  accountNameCopied: (name: string) => `“${name}” copied: search for it in WeChat to follow`,
  linkFailed: 'Could not open it; please try again later',
  updateReady: 'A new version is ready. Restart the app?',
  updateLater: 'Later',
  updateRestart: 'Restart',
  deadLink: 'That page no longer exists; here is the list of interviews',
  officialAccount: 'Official account',
  imagePreview: (caption: string) => `View full size: ${caption}`,
  imageRetry: 'The picture did not load. Tap to retry',
  imageOffline: 'Go online to see this picture',
  favouritesTitle: 'Saved',
  language: 'Language',
  languageSystem: 'As WeChat',
  languageSystemBrowser: 'As the browser',
  languageZh: '中文',
  languageEn: 'English',
  inChinese: 'In Chinese',
  languageNotSaved: 'Language changed, but the setting is not yet saved on this phone',
}
