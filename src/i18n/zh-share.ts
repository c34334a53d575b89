/**
 * What the browser build says after the reader's 分享: the same dictionary as zh.ts, kept apart so
 * that the words travel with the reader, not in the main package (see zh-search.ts). The button's
 * own label stays in zh.ts.
 */
export const shareText = {
  linkCopied: '链接已复制，可粘贴分享',
  shareFailed: '没能分享，请复制地址栏里的链接',
} as const
