import { Button, View } from '@tarojs/components'

type Props = { className: string; label: string; onShare: () => void }

/**
 * 分享. In WeChat it is the platform's share button, which opens the chat picker with the page's
 * useShareAppMessage card (onShare is not used there). The browser has no such button, so it is a
 * plain tappable element that calls onShare. TARO_ENV is replaced at build time, so each build keeps
 * only its own branch.
 */
export function ShareButton({ className, label, onShare }: Props) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className={className} ariaRole="button" ariaLabel={label} onClick={onShare}>
        {label}
      </View>
    )
  }
  return (
    <Button className={className} openType="share" ariaLabel={label}>
      {label}
    </Button>
  )
}
