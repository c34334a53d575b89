import type { CardWords } from '@/card/draw'
import type { ImageOutcome } from '@/card/outcome'

import { text } from './zh'

/**
 * The card page's words: the same dictionary as zh.ts, kept apart so that they travel in the reader's
 * package, not in the main package every launch loads.
 */
export const cardText = {
  drawing: '正在生成卡片…',
  share: '分享图片',
  save: '保存图片',
  previewLabel: '卡片预览：长按可分享或保存',
  notFoundTitle: '没有找到这段话',
  notFoundBody: '这期访谈或这一段可能已经更新，回到访谈里重新选一段吧。',
  failedTitle: '卡片没能生成',
  failedBody: '请稍后再试。',
  back: '返回',
  /** Shown before sending the reader to WeChat's settings: why the album is needed, and how. */
  albumDenied: '保存卡片需要“添加到相册”的权限。你之前没有允许，可以在设置里打开后再保存。',
  openSettings: '去设置',
  notNow: '暂不',
  outcome: {
    shared: '',
    saved: '已保存到相册',
    downloaded: '图片已下载',
    denied: '没有相册权限，未能保存',
    'privacy-declined': '你没有同意隐私保护指引，卡片未保存',
    cancelled: '',
    failed: '没能完成，请稍后再试',
  } satisfies Record<ImageOutcome, string>,
} as const

export const cardWords: CardWords = {
  sampleLabel: text.sample,
  installmentNumber: (n, sample) => text.installmentNumber(n, sample),
}
