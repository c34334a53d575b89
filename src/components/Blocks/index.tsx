import { Image, Text, View } from '@tarojs/components'

import type { Block, Inline } from '@/content/schema'
import { text as copy } from '@/i18n/zh'

import './index.scss'

/** Inline text: a plain string stays one text node; runs become selectable spans. */
export function InlineText({ value }: { value: Inline }) {
  if (typeof value === 'string') return <Text userSelect>{value}</Text>
  return (
    <Text userSelect>
      {value.map((run, i) => (
        <Text key={i} userSelect className={`${run.bold ? 'b-bold' : ''}${run.italic ? ' b-italic' : ''}`}>
          {run.text}
        </Text>
      ))}
    </Text>
  )
}

type BlockProps = { block: Block; resolveSrc: (src: string) => string; onImageTap?: (src: string) => void }

export function BlockView({ block, resolveSrc, onImageTap }: BlockProps) {
  switch (block.type) {
    case 'paragraph':
      return (
        <View className="b-p">
          <InlineText value={block.text} />
        </View>
      )
    case 'heading':
      return (
        <View className={`b-h b-h${block.level}`}>
          <Text userSelect>{block.text}</Text>
        </View>
      )
    case 'question':
    case 'answer': {
      const [cls, mark] = block.type === 'question' ? ['b-q', copy.questionMark] : ['b-a', copy.answerMark]
      return (
        <View className={cls}>
          <Text className={`${cls}__mark`}>{mark}</Text>
          <InlineText value={block.text} />
        </View>
      )
    }
    case 'quote':
      return (
        <View className="b-quote">
          <InlineText value={block.text} />
          {block.cite ? (
            <View className="b-quote__cite">
              <Text userSelect>— {block.cite}</Text>
            </View>
          ) : null}
        </View>
      )
    case 'image': {
      const src = resolveSrc(block.src)
      return (
        <View className="b-img">
          <Image
            className="b-img__pic"
            src={src}
            mode="widthFix"
            lazyLoad
            ariaLabel={copy.imagePreview(block.caption ?? '')}
            // In the browser the text alternative must sit on the <img> that Taro's H5 image renders
            // (it spreads `nativeProps` onto it); WeChat reads ariaLabel.
            {...(process.env.TARO_ENV === 'h5' ? { nativeProps: { alt: block.caption ?? '' } } : {})}
            onClick={() => onImageTap?.(src)}
          />
          {block.caption ? <View className="b-img__caption">{block.caption}</View> : null}
        </View>
      )
    }
    case 'divider':
      return <View className="b-hr" ariaRole="separator" />
  }
}

type BlocksProps = {
  blocks: readonly Block[]
  resolveSrc: (src: string) => string
  onImageTap?: (src: string) => void
  /** Cumulative block counts (see stages.ts); each part renders in its own container. */
  parts?: readonly number[]
}

/**
 * A body, as parts: each part is one container, appended after the ones before it, so a later part
 * costs one setData of just its own nodes and no container holds more than MAX_STAGE_BLOCKS children.
 */
export function Blocks({ blocks, resolveSrc, onImageTap, parts = [blocks.length] }: BlocksProps) {
  return (
    <View className="blocks">
      {parts.map((end, p) => (
        <View key={p} className="blocks__part">
          {blocks.slice(p === 0 ? 0 : parts[p - 1], end).map((block, i) => (
            <BlockView key={i} block={block} resolveSrc={resolveSrc} onImageTap={onImageTap} />
          ))}
        </View>
      ))}
    </View>
  )
}
