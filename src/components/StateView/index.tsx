import { View } from '@tarojs/components'

import './index.scss'

type Props = {
  kind: 'loading' | 'empty' | 'error' | 'not-found'
  title: string
  body?: string
  action?: { label: string; onPress: () => void }
}

/** The one way a page says "nothing to show yet", "nothing found" or "something went wrong". */
export function StateView({ kind, title, body, action }: Props) {
  return (
    <View className={`state state--${kind}`} ariaRole={kind === 'loading' ? 'status' : 'alert'}>
      <View className="state__title">{title}</View>
      {body ? <View className="state__body">{body}</View> : null}
      {action ? (
        <View className="state__action" ariaRole="button" onClick={action.onPress}>
          {action.label}
        </View>
      ) : null}
    </View>
  )
}
