import { Text } from '@tarojs/components'

import { text } from '@/i18n'

import './index.scss'

export function SampleBadge() {
  return <Text className="sb">{text.sample}</Text>
}
