import { View } from '@tarojs/components'

import { text } from '@/i18n'

import './index.scss'

export type Option<T extends string> = {
  value: T
  label: string
  /** A language's own name (中文, English) is in that language: said so, for screen readers. */
  lang?: string
}

type Props<T extends string> = {
  options: readonly Option<T>[]
  value: T
  onChange: (value: T) => void
  /** What is being chosen, for screen readers. */
  label: string
  className?: string
}

/** One of a few, side by side (the language on About, the reading language in the reader). */
export function Choice<T extends string>({ options, value, onChange, label, className = '' }: Props<T>) {
  return (
    <View className={`choice ${className}`.trim()} ariaLabel={label}>
      {options.map((option) => (
        <View
          key={option.value}
          className={`choice__item${option.value === value ? ' choice__item--on' : ''}`}
          ariaRole="button"
          ariaLabel={option.value === value ? text.chosen(option.label) : option.label}
          {...(process.env.TARO_ENV === 'h5' && option.lang ? { lang: option.lang } : {})}
          onClick={() => option.value !== value && onChange(option.value)}
        >
          {option.label}
        </View>
      ))}
    </View>
  )
}
