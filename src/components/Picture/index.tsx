import { Image, View } from '@tarojs/components'
import { useState } from 'react'

import './index.scss'

export type PictureProps = {
  /** Where the picture comes from; null when there is nowhere to fetch it (offline bundled content). */
  src: string | null
  width: number
  height: number
  /** `#rrggbb`: shown in the box until the picture arrives, and instead of it when it cannot. */
  placeholder?: string
  /** The picture's text alternative. */
  alt: string
  /** What tapping the picture does once it shows (the full-screen preview). */
  onTap?: () => void
  /** Words under the box when the picture failed, and a tap retries it. */
  retryLabel?: string
  className?: string
}

/** The box a picture takes: its width's share of the column's width, kept before it arrives. */
export const boxStyle = (width: number, height: number, placeholder?: string) =>
  `padding-bottom:${((height / width) * 100).toFixed(3)}%${placeholder ? `;background-color:${placeholder}` : ''}`

/**
 * A picture in a box reserved from its width and height, so nothing below it moves when it arrives.
 * The placeholder colour fills the box meanwhile, and stays when the picture cannot be had (offline,
 * or a failed load); then a tap tries again.
 */
export function Picture({
  src,
  width,
  height,
  placeholder,
  alt,
  onTap,
  retryLabel,
  className = '',
}: PictureProps) {
  const [attempt, setAttempt] = useState(0)
  const [failed, setFailed] = useState(false)
  const retry = () => {
    setFailed(false)
    setAttempt((n) => n + 1)
  }
  const showing = src !== null && !failed
  return (
    <View
      className={`pic ${className}`}
      style={boxStyle(width, height, placeholder)}
      onClick={failed ? retry : undefined}
      {...(failed ? { ariaRole: 'button', ariaLabel: retryLabel } : {})}
    >
      {showing ? (
        <Image
          // A new key is a new element: WeChat loads a picture again only for a new image.
          key={attempt}
          className="pic__img"
          src={src}
          mode="aspectFill"
          lazyLoad
          ariaLabel={alt}
          {...(process.env.TARO_ENV === 'h5' ? { nativeProps: { alt } } : {})}
          onError={() => setFailed(true)}
          onClick={onTap}
        />
      ) : null}
      {/* Failed (a tap retries), or nowhere to fetch it from at all (offline bundled content). */}
      {(failed || src === null) && retryLabel ? <View className="pic__retry">{retryLabel}</View> : null}
    </View>
  )
}
