import { OfficialAccount as FollowCard, View } from '@tarojs/components'
import { useMemo, useState } from 'react'

import type { OfficialAccount } from '@/content/schema'
import { text } from '@/i18n'
import { showsFollowCard } from '@/platform/official-account'

import './index.scss'

type Props = {
  account: OfficialAccount
  onFollow: (account: OfficialAccount) => void
  className?: string
}

export function FollowAccount({ account, onFollow, className = '' }: Props) {
  // WeChat's own follow card, which it shows only to readers who arrived by scanning a code.
  const withCard = useMemo(showsFollowCard, [])
  // WeChat reports a card it cannot show (account not linked in the admin console, banned, removed…):
  // take the card away rather than leave an empty box.
  const [cardFailed, setCardFailed] = useState(false)
  return (
    <View className={`follow ${className}`.trim()}>
      {withCard && !cardFailed ? (
        <FollowCard className="follow__card" onError={() => setCardFailed(true)} />
      ) : null}
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
