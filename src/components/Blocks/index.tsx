import { Image, Text, View } from '@tarojs/components'

import { plainText } from '@/content/inline'
import type { Block, Inline, Run } from '@/content/schema'
import type { Mark } from '@/content/search/marks'
import { text as copy } from '@/i18n/zh'

import './index.scss'

/**
 * Marks what a search found in a piece of text. The reader passes it in, so the search code stays in
 * the reader's package and out of pages (like About) that draw blocks too.
 */
export type MarkText = (text: string, from?: number, whole?: string) => Mark[]

/** Text with what was searched for marked; the text itself when nothing is. `from`: where it starts in `whole`. */
function Marked({
  value,
  mark,
  from,
  whole,
}: {
  value: string
  mark?: MarkText
  from?: number
  whole?: string
}) {
  if (!mark) return <>{value}</>
  const marks = mark(value, from, whole)
  return (
    <>
      {marks.map((m, i) =>
        m.hit ? (
          <Text key={i} userSelect className="b-mark">
            {m.text}
          </Text>
        ) : (
          m.text
        ),
      )}
    </>
  )
}

const offsetOf = (runs: readonly Run[], index: number) =>
  runs.slice(0, index).reduce((sum, run) => sum + run.text.length, 0)

/** Inline text: a plain string stays one text node; runs become selectable spans. */
export function InlineText({ value, mark }: { value: Inline; mark?: MarkText }) {
  if (typeof value === 'string')
    return (
      <Text userSelect>
        <Marked value={value} mark={mark} />
      </Text>
    )
  return (
    <Text userSelect>
      {value.map((run, i) => (
        <Text key={i} userSelect className={`${run.bold ? 'b-bold' : ''}${run.italic ? ' b-italic' : ''}`}>
          {/* A match may run across bold and plain: each run is marked as part of the whole text. */}
          <Marked value={run.text} mark={mark} from={offsetOf(value, i)} whole={mark && plainText(value)} />
        </Text>
      ))}
    </Text>
  )
}

type BlockProps = {
  block: Block
  resolveSrc: (src: string) => string
  onImageTap?: (src: string) => void
  /** Set on the block a search opened the reader at: its anchor id and what to mark in it. */
  target?: { id: string; mark: MarkText } | null
}

export function BlockView({ block, resolveSrc, onImageTap, target }: BlockProps) {
  const mark = target?.mark
  const at = (cls: string) => (target ? { id: target.id, className: `${cls} b--hit` } : { className: cls })
  switch (block.type) {
    case 'paragraph':
      return (
        <View {...at('b-p')}>
          <InlineText value={block.text} mark={mark} />
        </View>
      )
    case 'heading':
      return (
        <View {...at(`b-h b-h${block.level}`)}>
          <Text userSelect>
            <Marked value={block.text} mark={mark} />
          </Text>
        </View>
      )
    case 'question':
    case 'answer': {
      const [cls, label] = block.type === 'question' ? ['b-q', copy.questionMark] : ['b-a', copy.answerMark]
      return (
        <View {...at(cls)}>
          <Text className={`${cls}__mark`}>{label}</Text>
          <InlineText value={block.text} mark={mark} />
        </View>
      )
    }
    case 'quote':
      return (
        <View {...at('b-quote')}>
          <InlineText value={block.text} mark={mark} />
          {block.cite ? (
            <View className="b-quote__cite">
              <Text userSelect>
                — <Marked value={block.cite} mark={mark} />
              </Text>
            </View>
          ) : null}
        </View>
      )
    case 'image': {
      const src = resolveSrc(block.src)
      return (
        <View {...at('b-img')}>
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
          {block.caption ? (
            <View className="b-img__caption">
              <Marked value={block.caption} mark={mark} />
            </View>
          ) : null}
        </View>
      )
    }
    case 'divider':
      return <View className="b-hr" ariaRole="separator" />
  }
}

/** The anchor id of body block `index`, for scrolling to it. */
export const blockAnchor = (index: number) => `b-${index}`

type BlocksProps = {
  blocks: readonly Block[]
  resolveSrc: (src: string) => string
  onImageTap?: (src: string) => void
  /** Cumulative block counts (see stages.ts); each part renders in its own container. */
  parts?: readonly number[]
  /** The block a search opened the reader at, and what to mark in it (while it shows). */
  found?: { block: number; mark: MarkText } | null
}

/**
 * A body, as parts: each part is one container, appended after the ones before it, so a later part
 * costs one setData of just its own nodes and no container holds more than MAX_STAGE_BLOCKS children.
 */
export function Blocks({
  blocks,
  resolveSrc,
  onImageTap,
  parts = [blocks.length],
  found = null,
}: BlocksProps) {
  return (
    <View className="blocks">
      {parts.map((end, p) => {
        const start = p === 0 ? 0 : parts[p - 1]
        return (
          <View key={p} className="blocks__part">
            {blocks.slice(start, end).map((block, i) => (
              <BlockView
                key={i}
                block={block}
                resolveSrc={resolveSrc}
                onImageTap={onImageTap}
                target={found?.block === start + i ? { id: blockAnchor(start + i), mark: found.mark } : null}
              />
            ))}
          </View>
        )
      })}
    </View>
  )
}
