/**
 * The search page's words: the same dictionary as zh.ts, kept apart only so that they travel in the
 * search page's package, not in the main package every launch loads (which is within 1 KB of its
 * 400 KB budget). The list's search box keeps its words in zh.ts.
 */
export const searchText = {
  searchLabel: '搜索访谈',
  clearSearch: '清除搜索',
  searchHint: '可以搜标题、人物、单位、标签，也能搜访谈正文里的一句话。',
  searchPinyinHint: '标题、人名和标签也能用拼音搜，例如 xitu 或 xt。',
  searchPreparing: '正在准备全文搜索…',
  searchPreparingMore: '正在准备全文搜索，先列出标题、人物和标签里的结果。',
  searchStale: '最新几期的正文暂时搜不到（全文索引还没更新到本机），其余照常搜索。',
  searchMetadataOnly: '全文索引暂时不可用，现在只搜索标题、人物、单位和标签。',
  searchFound: (n: number) => `找到 ${n} 篇`,
  matchCount: (n: number) => `${n} 处匹配`,
  searchNoResultTitle: '没有找到相关访谈',
  searchNoResultBody: '换个关键词，或少输入几个字再试试。',
} as const
