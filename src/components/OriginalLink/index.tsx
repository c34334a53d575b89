import { View } from '@tarojs/components'

import type { Source } from '@/content/schema'
import { text } from '@/i18n'
import { IN_BROWSER } from '@/platform/system'

import './index.scss'

type Props = { source: Source; onOpen: (source: Source) => void }

/**
 * The way back to where the installment was first published. In WeChat a tap opens the article (or
 * copies its address); in the browser it is an ordinary link that opens a new tab.
 */
export function OriginalLink({ source, onOpen }: Props) {
  const from = source.account ? <View className="orig__from">{text.originalFrom(source.account)}</View> : null
  if (IN_BROWSER) {
    return (
      <View className="orig">
        <a className="orig__link" href={source.url} target="_blank" rel="noopener noreferrer">
          {text.readOriginal}
        </a>
        {from}
      </View>
    )
  }
  return (
    <View className="orig">
      <View className="orig__link" ariaRole="link" onClick={() => onOpen(source)}>
        {text.readOriginal}
      </View>
      {from}
    </View>
  )
}
