import type { CardWords } from '@/card/draw'
import type { ImageOutcome } from '@/card/outcome'

import { localized, type Lang } from './language'

/**
 * The card page's words, in both languages, in the reader's package (not the main one every launch
 * loads). The card itself speaks the passage's language, whatever the interface's: `cardWordsFor`.
 */
const zh = {
  /** The card page's title, as its config says it in Chinese. */
  title: '生成卡片',
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
}

const en: typeof zh = {
  title: 'Quote card',
  drawing: 'Drawing the card…',
  share: 'Share image',
  save: 'Save image',
  previewLabel: 'Card preview: long-press to share or save',
  notFoundTitle: 'Passage not found',
  notFoundBody: 'The interview or this passage may have been updated. Go back and choose a passage again.',
  failedTitle: 'The card could not be drawn',
  failedBody: 'Please try again later.',
  back: 'Back',
  albumDenied:
    'Saving the card needs permission to add to your photo album. You did not allow it before; you can turn it on in Settings, then save.',
  openSettings: 'Settings',
  notNow: 'Not now',
  outcome: {
    shared: '',
    saved: 'Saved to your album',
    downloaded: 'Image downloaded',
    denied: 'No permission for the album; not saved',
    'privacy-declined': 'You did not accept the privacy terms; the card was not saved',
    cancelled: '',
    failed: 'Could not finish; please try again later',
  },
}

export const cardText = localized(zh, en)

const CARD_WORDS: Record<Lang, CardWords> = {
  zh: { sampleLabel: '样例', installmentNumber: (n, sample) => (sample ? `样例 ${n}` : `第 ${n} 期`) },
  en: { sampleLabel: 'Sample', installmentNumber: (n, sample) => (sample ? `Sample ${n}` : `No. ${n}`) },
}

/** The card's own words in the passage's language. */
export const cardWordsFor = (lang: Lang): CardWords => CARD_WORDS[lang]
