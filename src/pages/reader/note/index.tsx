import { Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'

import { usePageLanguage } from '@/app/language'
import { shownSnapshot } from '@/app/shown'
import { langAttr } from '@/components/Blocks'
import { StateView } from '@/components/StateView'
import { excerptText } from '@/i18n/excerpt'
import { text } from '@/i18n'
import { excerptsStore, findExcerpt, NOTE_MAX, setNote } from '@/library/excerpts'
import { toast } from '@/platform/interaction'
import { askBeforeLeaving } from '@/platform/leave-alert'
import { decodeParam, FAVOURITES_PATH, goBack } from '@/platform/navigation'

import './index.scss'

/** Counted as the textarea's maxlength counts (UTF-16 units), so the counter stops where typing does. */
const lengthOf = (value: string) => value.length

/**
 * The note editor for one excerpt (`?key=…`), opened from the reader's long press or from the
 * favourites tab. The draft stays on this page until 保存; an empty note clears it.
 */
export default function NotePage() {
  usePageLanguage(() => excerptText.noteTitle)
  const key = decodeParam(useRouter().params.key)
  // Read once: the page edits this excerpt, and nothing else changes it while it is open.
  const [excerpt] = useState(() => findExcerpt(excerptsStore.get(), key))
  const [draft, setDraft] = useState(excerpt?.note ?? '')
  // A draft that differs from the saved note is not dropped by the back button without a word.
  const unsaved = excerpt !== null && draft.trim() !== (excerpt.note ?? '')
  useEffect(() => {
    askBeforeLeaving(unsaved ? excerptText.leaveDraft : null)
  }, [unsaved])

  if (!excerpt) {
    return (
      <StateView
        kind="not-found"
        title={excerptText.excerptMissing}
        action={{ label: text.browseInstallments, onPress: () => void goBack(FAVOURITES_PATH) }}
      />
    )
  }

  const save = () => {
    if (!setNote(excerpt.key, draft)) {
      toast(excerptText.noteNotSaved)
      return
    }
    askBeforeLeaving(null)
    toast(draft.trim() ? excerptText.noteSaved : excerptText.noteCleared)
    void goBack(FAVOURITES_PATH)
  }

  const source = shownSnapshot(excerpt.id, excerpt.snapshot)
  return (
    <View className="note-page">
      <View className="note__passage" {...langAttr(excerpt.lang ?? 'zh')}>
        {excerpt.text}
      </View>
      <View className="note__source">
        {text.passageSource(
          source.intervieweeName,
          text.installmentNumber(source.number, source.sample),
          source.title,
        )}
      </View>
      <Textarea
        className="note__box"
        value={draft}
        maxlength={NOTE_MAX}
        autoHeight
        placeholder={excerptText.notePlaceholder}
        onInput={(e) => setDraft(e.detail.value)}
      />
      <View className="note__bar">
        <View className="note__count">{excerptText.noteCount(lengthOf(draft), NOTE_MAX)}</View>
        <View className="note__save" ariaRole="button" onClick={save}>
          {excerptText.save}
        </View>
      </View>
    </View>
  )
}
