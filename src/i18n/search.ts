import { plural } from './en'
import { localized } from './language'

/**
 * The search page's words, in both languages: kept apart from zh.ts / en.ts so that they travel in
 * the search page's package, not in the main package every launch loads. The list's search box keeps
 * its words in the main dictionary.
 */
const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`

const zh = {
  /** The page's title, as its config says it in Chinese. */
  searchTitle: '搜索',
  searchLabel: '搜索访谈',
  clearSearch: '清除搜索',
  searchHint: '可以搜标题、人物、单位、标签，也能搜访谈正文里的一句话，中文、英文都可以。',
  searchPinyinHint: '标题、人名和标签也能用拼音搜，例如 xitu 或 xt。',
  searchPreparing: '正在准备全文搜索…',
  searchPreparingProgress: (percent: number) => `正在准备全文搜索（${percent}%）…`,
  searchDownloading: (done: number, total: number) => `正在下载全文索引（${done}/${total}）…`,
  searchPreparingMore: '正在准备全文搜索，先列出标题、人物和标签里的结果。',
  searchStale: '最新几期的正文暂时搜不到（全文索引还没更新到本机），其余照常搜索。',
  searchOffline:
    '没有网络，全文索引还没下载到本机：现在只搜索标题、人物、单位和标签。联网后回到本页即可全文搜索。',
  searchHost: '内容服务器这次没有给出全文索引，现在只搜索标题、人物、单位和标签。稍后回到本页会再试。',
  searchBroken: '全文索引文件有误，现在只搜索标题、人物、单位和标签。下次打开本页会重新下载。',
  searchNone: '这一版内容没有全文索引，只能搜索标题、人物、单位和标签。',
  searchTooLarge: (bytes: number, limit: number) =>
    `这一版的全文索引有 ${megabytes(bytes)}，超过本应用一次下载的上限 ${megabytes(limit)}，所以只搜索标题、人物、单位和标签。`,
  searchNotKept: (bytes: number, limit: number) =>
    `全文索引有 ${megabytes(bytes)}，超过本机为离线搜索保留的 ${megabytes(limit)}：现在可以全文搜索，离线时只能搜索标题、人物、单位和标签。`,
  searchFound: (n: number) => `找到 ${n} 篇`,
  matchCount: (n: number) => `${n} 处匹配`,
  searchNoResultTitle: '没有找到相关访谈',
  searchNoResultBody: '换个关键词，或少输入几个字再试试。',
}

const en: typeof zh = {
  searchTitle: 'Search',
  searchLabel: 'Search the interviews',
  clearSearch: 'Clear search',
  searchHint:
    'Search titles, people, organisations and tags, or a line from an interview, in English or Chinese.',
  searchPinyinHint: 'Titles, names and tags can be searched in pinyin too, e.g. xitu or xt.',
  searchPreparing: 'Preparing full-text search…',
  searchPreparingProgress: (percent: number) => `Preparing full-text search (${percent}%)…`,
  searchDownloading: (done: number, total: number) => `Downloading the search index (${done}/${total})…`,
  searchPreparingMore: 'Preparing full-text search; meanwhile, matches in titles, people and tags.',
  searchStale:
    'The newest interviews cannot be searched in full yet (this phone has an older index); the rest can.',
  searchOffline:
    'Offline, and the search index is not on this phone yet: searching titles, people, organisations and tags only. Come back online to search every word.',
  searchHost:
    'The content server did not send the search index this time: searching titles, people, organisations and tags only. It will try again later.',
  searchBroken:
    'The search index is damaged: searching titles, people, organisations and tags only. It will be downloaded again next time.',
  searchNone: 'This edition has no search index: searching titles, people, organisations and tags only.',
  searchTooLarge: (bytes: number, limit: number) =>
    `This edition’s search index is ${megabytes(bytes)}, over the app’s ${megabytes(limit)} download limit: searching titles, people, organisations and tags only.`,
  searchNotKept: (bytes: number, limit: number) =>
    `The search index is ${megabytes(bytes)}, over the ${megabytes(limit)} this phone keeps for offline search: every word can be searched now, but offline only titles, people, organisations and tags.`,
  searchFound: (n: number) => `${plural(n, 'interview')} found`,
  matchCount: (n: number) => plural(n, 'match', 'matches'),
  searchNoResultTitle: 'No interviews found',
  searchNoResultBody: 'Try another word, or fewer of them.',
}

export const searchText = localized(zh, en)
