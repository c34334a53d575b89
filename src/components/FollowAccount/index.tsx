import { OfficialAccount as FollowCard, View } from '@tarojs/components'

import type { OfficialAccount } from '@/content/schema'
import { text } from '@/i18n/zh'

import './index.scss'

type Props = {
  account: OfficialAccount
  onFollow: (account: OfficialAccount) => void
  /** WeChat's own follow card, which it shows only to readers who arrived by scanning a code. */
  withCard?: boolean
  className?: string
}

export function FollowAccount({ account, onFollow, withCard = false, className = '' }: Props) {
  return (
    <View className={`follow ${className}`.trim()}>
      {withCard ? <FollowCard className="follow__card" /> : null}
      <View
        className="follow__btn"
        ariaRole="button"
        ariaLabel={text.followAccountNamed(account.name)}
        onClick={() => onFollow(account)}
      >
        {text.followAccount}
      </View>
    </View>
  )
}
