import { localized } from './language'

/**
 * The reader's words for keeping a passage, and the note editor's, in both languages: they travel in
 * the reader's package, not the main one (the favourites tab's words are in the main dictionary).
 */
const zh = {
  /** The browser's action sheet's own cancel button (WeChat's speaks WeChat's language). */
  cancel: '取消',
  /** The note editor's title, as its config says it in Chinese. */
  noteTitle: '写想法',
  keep: '摘录',
  keepWithNote: '摘录并写想法',
  unkeep: '取消摘录',
  unkeepWithNote: '取消这条摘录？你写下的想法会一并删除。',
  keepIt: '保留',
  writeNote: '写想法',
  copy: '复制',
  card: '生成卡片',
  kept: '已摘录',
  unkept: '已取消摘录',
  notSaved: '摘录暂未保存到本机，稍后会再试',
  copied: '已复制',
  copyFailed: '没能复制，请稍后再试',
  passageGone: '原文已更新，摘录里保留着原来的文字',
  notePlaceholder: '写下这段话让你想到的（最多 500 字）',
  noteCount: (used: number, max: number) => `${used}/${max}`,
  save: '保存',
  noteSaved: '想法已保存',
  noteCleared: '想法已清除',
  leaveDraft: '这段想法还没有保存，确定离开吗？',
  noteNotSaved: '想法暂未保存到本机，请稍后再试',
  excerptMissing: '这条摘录已不存在',
}

const en: typeof zh = {
  cancel: 'Cancel',
  noteTitle: 'Note',
  keep: 'Keep',
  keepWithNote: 'Keep with a note',
  unkeep: 'Remove passage',
  unkeepWithNote: 'Remove this passage? Your note goes with it.',
  keepIt: 'Keep it',
  writeNote: 'Write a note',
  copy: 'Copy',
  card: 'Make a card',
  kept: 'Passage kept',
  unkept: 'Passage removed',
  notSaved: 'Not yet saved on this phone; will try again',
  copied: 'Copied',
  copyFailed: 'Could not copy; please try again later',
  passageGone: 'The original has changed; your passage keeps the words you kept',
  notePlaceholder: 'What does this passage make you think of? (up to 500 characters)',
  noteCount: (used: number, max: number) => `${used}/${max}`,
  save: 'Save',
  noteSaved: 'Note saved',
  noteCleared: 'Note cleared',
  leaveDraft: 'This note is not saved. Leave anyway?',
  noteNotSaved: 'The note is not yet saved on this phone; please try again later',
  excerptMissing: 'This passage no longer exists',
}

export const excerptText = localized(zh, en)
