import { localized } from './language'

/**
 * What the browser build says after the reader's Share: in the reader's package, not the main one
 * (see search.ts). The button's own label stays in the main dictionary.
 */
export const shareText = localized(
  {
    linkCopied: '链接已复制，可粘贴分享',
    shareFailed: '没能分享，请复制地址栏里的链接',
  },
  {
    linkCopied: 'Link copied: paste it to share',
    shareFailed: 'Could not share; copy the link in the address bar',
  },
)
