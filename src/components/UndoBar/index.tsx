import { View } from '@tarojs/components'

import { text } from '@/i18n'

import './index.scss'

type Props = { message: string; onUndo: () => void }

export function UndoBar({ message, onUndo }: Props) {
  return (
    <View className="undo-bar" ariaRole="status">
      <View className="undo-bar__message">{message}</View>
      <View className="undo-bar__action" ariaRole="button" onClick={onUndo}>
        {text.undo}
      </View>
    </View>
  )
}
