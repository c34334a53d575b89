import { Text, View } from '@tarojs/components'

import type { Group } from '@/content/schema'
import { GROUP_ONE, text } from '@/i18n'

import { SampleBadge } from '../SampleBadge'

import './index.scss'

type Props = { number: number; group: Group; sample?: boolean; className: string }

/** The line above a title: "第 N 期" (or "样例 N"), the group, and the sample badge. */
export function Kicker({ number, group, sample = false, className }: Props) {
  return (
    <View className={`kicker ${className}`}>
      <Text className="kicker__number">{text.installmentNumber(number, sample)}</Text>
      <Text>{GROUP_ONE[group]}</Text>
      {sample ? <SampleBadge /> : null}
    </View>
  )
}
