import { localized } from './language'

/**
 * The reader page's own words, in its package: they never load with the first screen. Both
 * languages in one place; `localized` keeps the keys the same.
 */
const zh = {
  /** The reader's title, for the navigation bar and WeChat's search crawler: number, person, title. */
  readerTitle: (n: number, sample: boolean, person: string, title: string) =>
    `${sample ? `样例 ${n}` : `第 ${n} 期`} · ${person} · ${title}`,
  fontSteps: ['小', '标准', '大', '特大'],
  fontSmaller: '减小字号',
  fontLarger: '增大字号',
  fontSize: (label: string) => `字号：${label}`,
  previous: '上一期',
  next: '下一期',
  backToList: '返回访谈列表',
  resumed: '已回到上次读到的位置',
  notFoundTitle: '没有找到这期访谈',
  notFoundBody: '它可能已经下线，或者链接不完整。',
  readerErrorTitle: '这期访谈暂时打不开',
  readerErrorBody: '内容校验没有通过，请稍后再试。',
  readerOfflineBody: '这期还没有保存到本机，联网后点“重试”。',
  readingMode: '阅读语言',
  readingZh: '中文',
  readingEn: 'English',
  readingParallel: '对照',
  /** Where an English reading was asked for and this installment has none. */
  noEnglish: '这期访谈暂无英文版，以下为中文原文。',
}

const en: typeof zh = {
  readerTitle: (n: number, sample: boolean, person: string, title: string) =>
    `${sample ? `Sample ${n}` : `No. ${n}`} · ${person} · ${title}`,
  fontSteps: ['Small', 'Standard', 'Large', 'Extra large'],
  fontSmaller: 'Smaller text',
  fontLarger: 'Larger text',
  fontSize: (label: string) => `Text size: ${label}`,
  previous: 'Previous',
  next: 'Next',
  backToList: 'Back to the interviews',
  resumed: 'Back where you left off',
  notFoundTitle: 'Interview not found',
  notFoundBody: 'It may have been taken down, or the link is incomplete.',
  readerErrorTitle: 'This interview cannot open right now',
  readerErrorBody: 'Its content failed a check. Please try again later.',
  readerOfflineBody: 'This interview is not saved on this phone yet. Go online and tap “Try again”.',
  readingMode: 'Reading language',
  readingZh: '中文',
  readingEn: 'English',
  readingParallel: 'Parallel',
  noEnglish: 'This interview has no English translation yet; here it is in Chinese.',
}

export const readerText = localized(zh, en)
