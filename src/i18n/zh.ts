import type { Group } from '@/content/schema'

/**
 * The main package's words in Chinese: every word the list, favourites and About show, dates and
 * counts included. en.ts has the same keys (a key missing there is a type error); index.ts makes the
 * one `text` every page reads. Words only the reader's package uses are in reader.ts and its
 * neighbours, so they never load with the first screen. The one exception is the list card's fixed
 * labels 样例 / 新 / 未读, which are CSS content (InstallmentCard/index.scss) because on the list
 * every node costs setData bytes.
 */
export const zhGroups: Record<Group, string> = {
  scientist: '科学家',
  entrepreneur: '企业家',
  engineer: '工程师',
  worker: '一线工人',
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A saved-at time in the reader's local time, to the minute: the same in both languages. */
export const dateTime = (epochMs: number) => {
  const t = new Date(epochMs)
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}`
}

export const zh = {
  appTitle: '稀土之光 · 百人访谈',
  tabList: '访谈',
  tabFavourites: '收藏',
  /** `2026-10-16` → `2026年10月16日`. */
  date: (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number)
    return `${y}年${m}月${d}日`
  },
  dateTime,
  all: '全部',
  /** A filter chip's label while it is the one chosen, for screen readers. */
  chosen: (label: string) => `${label}（已选）`,
  /** A sample never passes for a real installment: it is "样例 N", never "第 N 期". */
  installmentNumber: (n: number, sample = false) => (sample ? `样例 ${n}` : `第 ${n} 期`),
  installmentsCount: (real: number, samples: number) =>
    [real || !samples ? `已连载 ${real} 期` : '', samples ? `样例 ${samples} 篇` : '']
      .filter(Boolean)
      .join(' · '),
  sampleSharePrefix: '【样例】',
  shareTitle: (installment: string, title: string, person: string) => `${installment}｜${title} — ${person}`,
  readingMinutes: (m: number) => `约 ${m} 分钟`,
  sample: '样例',
  continueReading: (percent: number) => `继续阅读 · 已读 ${percent}%`,
  finished: '已读完',
  searchPlaceholder: '搜索标题、人物、标签或访谈原话',
  searchOpen: '搜索访谈：标题、人物、标签和正文',
  orderNewest: '最新在前',
  orderSeries: '按期次',
  orderToggleLabel: (current: string) => `排序：${current}，点按切换`,
  about: '关于栏目',
  loadingMore: '正在加载更多…',
  // 篇, not 期: the list may hold samples, which are not installments of the column.
  allShown: (n: number) => `已显示全部 ${n} 篇`,
  loading: '正在加载…',
  emptyFilterTitle: '这一类还没有访谈',
  emptyFilterBody: '清除筛选，看看全部访谈。',
  clearFilters: '清除筛选',
  errorTitle: '内容暂时无法显示',
  errorBody: '请稍后下拉刷新重试。',
  retry: '重试',
  refreshed: '已是最新内容',
  refreshFailed: '没能更新，正在显示已保存的内容',
  favourite: '收藏',
  unfavourite: '取消收藏',
  favouriteAdded: '已收藏',
  favouriteRemoved: '已取消收藏',
  favouriteNotSaved: '收藏暂未保存到本机，稍后会再试',
  share: '分享',
  staleNotice: '没能更新，正在显示已保存的内容',
  favouritesEmptyTitle: '还没有收藏',
  favouritesEmptyBody: '在访谈页点“收藏”，喜欢的访谈会出现在这里，离线也能找到。',
  browseInstallments: '去看看访谈',
  savedAt: (when: string) => `收藏于 ${when}`,
  removedWithUndo: '已移除',
  /** An action or a message about one thing: `已移除：标题`. */
  named: (what: string, name: string) => `${what}：${name}`,
  /** Where a kept passage is from: who said it, in which installment. */
  passageSource: (name: string, installment: string, title: string) =>
    `— ${name} · ${installment}《${title}》`,
  keptTab: '摘录',
  /** The favourites tab's two lists, with how many each holds. */
  segment: (label: string, count: number) => (count ? `${label} ${count}` : label),
  excerptsEmptyTitle: '还没有摘录',
  excerptsEmptyBody: '在访谈页长按一段话，选“摘录”，打动你的句子会留在这里。',
  keptAt: (when: string) => `摘录于 ${when}`,
  passageChanged: '原文已更新',
  noteLabel: '想法',
  writeNote: '写想法',
  editNote: '编辑想法',
  deleteExcerpt: '删除摘录',
  excerptRemoved: '已删除摘录',
  undo: '撤销',
  contentInfo: '内容信息',
  contentVersion: '内容版本',
  contentSource: '内容来源',
  sourceBundled: '随小程序附带（离线可用）',
  sourceRemote: (host: string) => `网络更新：${host}`,
  installments: '期数',
  whatIsSample: '什么是“样例”',
  sampleExplained:
    '带有“样例”标记的访谈用于展示阅读体验：其中的人物、单位和话语均为虚构，并非《稀土之光》书中的原文，也不代表任何真实人物的观点。',
  readOriginal: '阅读公众号原文',
  originalFrom: (account: string) => `首发于公众号“${account}”`,
  originalCopied: '原文链接已复制，粘贴到微信聊天中即可打开',
  followAccount: '关注公众号',
  followAccountNamed: (name: string) => `关注公众号“${name}”`,
  accountNameCopied: (name: string) => `已复制“${name}”，在微信中搜索即可关注`,
  linkFailed: '没能打开，请稍后再试',
  updateReady: '新版本已准备好，是否重启应用？',
  updateLater: '稍后',
  updateRestart: '重启',
  deadLink: '这个页面已不存在，已为你打开访谈列表',
  officialAccount: '公众号',
  imagePreview: (caption: string) => `查看大图：${caption}`,
  imageRetry: '图片没能加载，点按重试',
  imageOffline: '联网后可查看这张图片',
  favouritesTitle: '我的收藏',
  language: '语言',
  languageSystem: '跟随微信',
  languageSystemBrowser: '跟随浏览器',
  languageZh: '中文',
  languageEn: 'English',
  /** On the list in English: an installment with no English title, shown in Chinese. */
  inChinese: '中文',
  languageNotSaved: '已切换语言，但设置暂未保存到本机',
}

export type Text = typeof zh
