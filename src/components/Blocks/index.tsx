import { Text, View } from '@tarojs/components'

import { plainText } from '@/content/inline'
import type { Block, Inline, Run } from '@/content/schema'
import type { ContentLang } from '@/content/english'
import type { Mark } from '@/content/search/marks'
import { text as copy } from '@/i18n'

import { Picture } from '../Picture'
import { withTodos } from '../Todo'

type ImageBlock = Extract<Block, { type: 'image' }>

/** A question's and an answer's marks speak the block's language, whatever the interface's. */
const MARKS: Record<ContentLang, [string, string]> = { zh: ['问', '答'], en: ['Q', 'A'] }
/** The `lang` of a block in the browser build (WeChat's views have no such attribute). */
const LANG_TAGS: Record<ContentLang, string> = { zh: 'zh-CN', en: 'en' }
export const langAttr = (lang: ContentLang) =>
  process.env.TARO_ENV === 'h5' ? { lang: LANG_TAGS[lang] } : {}

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
  select = true,
}: {
  value: string
  mark?: MarkText
  from?: number
  whole?: string
  select?: boolean
}) {
  if (!mark) return <>{withTodos(value)}</>
  const marks = mark(value, from, whole)
  return (
    <>
      {marks.map((m, i) =>
        m.hit ? (
          <Text key={i} userSelect={select || undefined} className="b-mark">
            {m.text}
          </Text>
        ) : (
          withTodos(m.text)
        ),
      )}
    </>
  )
}

const offsetOf = (runs: readonly Run[], index: number) =>
  runs.slice(0, index).reduce((sum, run) => sum + run.text.length, 0)

/**
 * Inline text: a plain string stays one text node; runs become spans. Selectable, except in WeChat
 * where the block answers a long press: the action sheet (which copies too) and the system's selection
 * handles would fight.
 */
export function InlineText({
  value,
  mark,
  select = true,
}: {
  value: Inline
  mark?: MarkText
  select?: boolean
}) {
  if (typeof value === 'string')
    return (
      <Text userSelect={select || undefined}>
        <Marked value={value} mark={mark} select={select} />
      </Text>
    )
  return (
    <Text userSelect={select || undefined}>
      {value.map((run, i) => (
        <Text
          key={i}
          userSelect={select || undefined}
          className={`${run.bold ? 'b-bold' : ''}${run.italic ? ' b-italic' : ''}`}
        >
          {/* A match may run across bold and plain: each run is marked as part of the whole text. */}
          <Marked
            value={run.text}
            mark={mark}
            from={offsetOf(value, i)}
            whole={mark && plainText(value)}
            select={select}
          />
        </Text>
      ))}
    </Text>
  )
}

type BlockProps = {
  block: Block
  resolveSrc: (src: string) => string | null
  /** A picture was tapped: the reader previews it (its large variant) among the body's. */
  onImageTap?: (image: ImageBlock) => void
  /** Set on the block the reader was opened at: its anchor id and what to mark in it, if anything. */
  target?: { id: string; mark?: MarkText } | null
  /** An excerpt is kept from this block: it carries a quiet underline. */
  kept?: boolean
  /** A long press on a paragraph, question, answer or quote (to keep, copy or share it). */
  onLongPress?: () => void
  /** The block's language: its question and answer marks, and (parallel reading) its look and `lang`. */
  lang?: ContentLang
  /** Parallel reading: which of a pair (each marked with its language); the twin is set apart. */
  pair?: 'first' | 'twin'
}

export function BlockView({
  block,
  resolveSrc,
  onImageTap,
  target,
  kept = false,
  onLongPress,
  lang = 'zh',
  pair,
}: BlockProps) {
  const twin = pair === 'twin'
  const mark = target?.mark
  // A browser's long press comes from touch only: a mouse still selects and copies.
  const select = process.env.TARO_ENV === 'h5' || !onLongPress
  // Only text a reader can keep listens for a long press; other blocks stay plain views.
  const at = (cls: string, keepable = false) => ({
    className: `${cls}${twin ? ' b--twin' : ''}${kept ? ' b--kept' : ''}${target ? ' b--hit' : ''}`,
    ...(pair ? langAttr(lang) : {}),
    ...(target ? { id: target.id } : {}),
    ...(keepable && onLongPress ? { onLongPress } : {}),
  })
  switch (block.type) {
    case 'paragraph':
      return (
        <View {...at('b-p', true)}>
          <InlineText value={block.text} mark={mark} select={select} />
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
      const [question, answer] = MARKS[lang]
      const [cls, label] = block.type === 'question' ? ['b-q', question] : ['b-a', answer]
      return (
        <View {...at(cls, true)}>
          <Text className={`${cls}__mark`}>{label}</Text>
          <InlineText value={block.text} mark={mark} select={select} />
        </View>
      )
    }
    case 'quote':
      return (
        <View {...at('b-quote', true)}>
          <InlineText value={block.text} mark={mark} select={select} />
          {block.cite ? (
            <View className="b-quote__cite">
              <Text userSelect={select || undefined}>
                — <Marked value={block.cite} mark={mark} select={select} />
              </Text>
            </View>
          ) : null}
        </View>
      )
    case 'image': {
      // Parallel reading shows the picture once: its twin is the caption in the other language.
      if (twin)
        return block.caption ? (
          <View {...at('b-img__caption b-img__caption--twin')}>
            <Marked value={block.caption} mark={mark} />
          </View>
        ) : null
      const src = resolveSrc(block.src)
      return (
        <View {...at('b-img')}>
          <Picture
            className="b-img__pic"
            src={src}
            width={block.width}
            height={block.height}
            placeholder={block.placeholder}
            alt={copy.imagePreview(block.caption ?? '')}
            retryLabel={src ? copy.imageRetry : copy.imageOffline}
            onTap={() => onImageTap?.(block)}
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
      // Parallel reading draws a rule once, for the pair.
      return twin ? null : <View className="b-hr" ariaRole="separator" />
  }
}

/** The anchor id of body block `index`, for scrolling to it. */
export const blockAnchor = (index: number) => `b-${index}`

type BlocksProps = {
  blocks: readonly Block[]
  /** The language `blocks` are in (Chinese unless said). */
  lang?: ContentLang
  /** Parallel reading: each block followed by its translation, block for block (same indices). */
  translation?: readonly Block[] | null
  resolveSrc: (src: string) => string | null
  onImageTap?: (image: ImageBlock) => void
  /** Cumulative block counts (see stages.ts); each part renders in its own container. */
  parts?: readonly number[]
  /** The block the reader was opened at, and what to mark in it (while it shows); `lang`: in which of a pair. */
  found?: { block: number; mark?: MarkText; lang?: ContentLang } | null
  /** Blocks an excerpt is kept from (of `translation`: `keptTranslation`). */
  kept?: ReadonlySet<number>
  keptTranslation?: ReadonlySet<number>
  /** A long press on keepable block `index`, of `blocks` or (`twin`) of `translation`. */
  onLongPress?: (index: number, twin: boolean) => void
}

const TWIN_LANG: Record<ContentLang, ContentLang> = { zh: 'en', en: 'zh' }

/**
 * A body, as parts: each part is one container, appended after the ones before it, so a later part
 * costs one setData of just its own nodes and no container holds more than MAX_STAGE_BLOCKS children.
 */
export function Blocks({
  blocks,
  lang = 'zh',
  translation = null,
  resolveSrc,
  onImageTap,
  parts = [blocks.length],
  found = null,
  kept,
  keptTranslation,
  onLongPress,
}: BlocksProps) {
  const twinLang = TWIN_LANG[lang]
  // The one of a pair a link lands on: the language its match was in, where both are shown.
  const foundIn = translation && found?.lang === twinLang ? twinLang : lang
  const targetOf = (index: number, blockLang: ContentLang) =>
    found?.block === index && foundIn === blockLang ? { id: blockAnchor(index), mark: found.mark } : null
  const view = (block: Block, index: number, twin: boolean) => (
    <BlockView
      key={twin ? `${index}t` : index}
      block={block}
      resolveSrc={resolveSrc}
      onImageTap={onImageTap}
      target={targetOf(index, twin ? twinLang : lang)}
      kept={(twin ? keptTranslation : kept)?.has(index) ?? false}
      onLongPress={onLongPress && (() => onLongPress(index, twin))}
      lang={twin ? twinLang : lang}
      pair={translation ? (twin ? 'twin' : 'first') : undefined}
    />
  )
  return (
    <View className={`blocks${translation ? ' blocks--pairs' : ''}`} {...(translation ? {} : langAttr(lang))}>
      {parts.map((end, p) => {
        const start = p === 0 ? 0 : parts[p - 1]
        return (
          <View key={p} className="blocks__part">
            {blocks.slice(start, end).flatMap((block, i) => {
              const twin = translation?.[start + i]
              const first = view(block, start + i, false)
              return twin ? [first, view(twin, start + i, true)] : [first]
            })}
          </View>
        )
      })}
    </View>
  )
}
