import { Text, View } from '@tarojs/components'
import { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'

import { blockAnchor, Blocks, type MarkText } from '@/components/Blocks'
import { renderStages } from '@/components/Blocks/stages'
import { FavouriteButton } from '@/components/FavouriteButton'
import { OriginalLink } from '@/components/OriginalLink'
import { ShareButton } from '@/components/ShareButton'
import { Kicker } from '@/components/Kicker'
import { StateView } from '@/components/StateView'
import { withTodos } from '@/components/Todo'
import { openOriginalAndTell, toggleFavouriteAndTell } from '@/app/actions'
import { mediaResolver } from '@/app/media'
import { editionOf } from '@/app/preview'
import { repository, useCatalog } from '@/app/root'
import '@/app/reader-bodies'
import {
  installmentShareMessage,
  installmentShareTimeline,
  listShareMessage,
  listShareTimeline,
} from '@/app/share'
import { shareInstallmentAndTell } from '@/app/share-link'
import { neighbours } from '@/content/neighbours'
import type { InstallmentResult } from '@/content/repository'
import type { Block, Installment, ManifestEntry } from '@/content/schema'
import { FONT_STEP_LABELS, text } from '@/i18n/zh'
import { excerptText } from '@/i18n/zh-excerpt'
import { favouritesStore, isFavourite } from '@/library/favourites'
import { FONT_STEPS, setFontStep, settingsStore, type FontStep } from '@/library/settings'
import { useStore } from '@/library/store'
import { decodeParam, goToList, readerUrl, redirectTo } from '@/platform/navigation'
import { toast } from '@/platform/interaction'
import { isSinglePageMode } from '@/platform/system'
import { previewImages, scrollToSelector, setPageTitle } from '@/platform/page-ui'
import { fold, queryWords } from '@/content/search/fold'
import { marksOf, occurrences } from '@/content/search/marks'

import { excerptLanding, useExcerpts } from './useExcerpts'
import { useReadingProgress } from './useReadingProgress'

import './index.scss'

type LoadState = { kind: 'loading' } | InstallmentResult

/** How long the passage a search opened stays marked. */
export const FOUND_MS = 2500

type Found = { block: number; mark?: MarkText }
type Target = Found & { excerpt?: string }

/**
 * The passage a link opens the reader at: a search result's (`&block=N&q=…`, with its words to mark)
 * or an excerpt's (`&block=N&excerpt=key`, found again if the body changed); or null.
 */
function targetIn(params: Record<string, string | undefined>): Target | null {
  const block = Number(params.block)
  if (!params.block || !Number.isInteger(block) || block < 0) return null
  if (params.excerpt) return { block, excerpt: decodeParam(params.excerpt) }
  if (!params.q) return { block }
  const words = queryWords(decodeParam(params.q))
  // A run of bold or plain text is marked as its part of the whole block, so a match across runs shows.
  const mark = (text: string, from = 0, whole = text) => {
    const folded = fold(whole)
    return marksOf(
      whole,
      words.flatMap((word) => occurrences(folded, word)),
      from,
      from + text.length,
    )
  }
  return { block, mark }
}

/** The address each picture of the body previews at: its large variant where it has one. */
function previewSources(
  installment: Installment,
  resolve: (src: string) => string | null,
): Map<Block, string> {
  const sources = new Map<Block, string>()
  for (const b of installment.body) {
    // The full-screen variant lives on the host: without one, the picture on screen is previewed.
    const url = b.type === 'image' ? ((b.large && resolve(b.large)) ?? resolve(b.src)) : null
    if (url) sources.set(b, url)
  }
  return sources
}

function Header({ entry }: { entry: ManifestEntry }) {
  const { interviewee } = entry
  return (
    <View className="reader__head">
      <Kicker
        className="reader__kicker"
        number={entry.number}
        group={interviewee.group}
        sample={entry.sample}
      />
      <View className="reader__title">
        <Text userSelect>{withTodos(entry.title)}</Text>
      </View>
      <View className="reader__who">
        {withTodos(interviewee.name)} · {withTodos(interviewee.role)}
        {interviewee.organization ? withTodos(` · ${interviewee.organization}`) : ''}
      </View>
      <View className="reader__meta">
        {text.date(entry.publishedAt)} · {text.readingMinutes(entry.readingMinutes)}
      </View>
    </View>
  )
}

function FontControls({ step }: { step: FontStep }) {
  const change = (delta: number) => {
    const next = FONT_STEPS[Math.min(FONT_STEPS.length - 1, Math.max(0, step + delta))]
    if (next !== step) setFontStep(next)
  }
  return (
    <View className="font" ariaLabel={text.fontSize(FONT_STEP_LABELS[step])}>
      <View className="font__btn" ariaRole="button" ariaLabel={text.fontSmaller} onClick={() => change(-1)}>
        A−
      </View>
      <Text className="font__label">{FONT_STEP_LABELS[step]}</Text>
      <View
        className="font__btn font__btn--large"
        ariaRole="button"
        ariaLabel={text.fontLarger}
        onClick={() => change(1)}
      >
        A+
      </View>
    </View>
  )
}

/** Previous or next installment; redirect, so reading on does not grow the page stack. */
function NeighbourLink({
  entry,
  label,
  className = '',
}: {
  entry: ManifestEntry
  label: string
  className?: string
}) {
  return (
    <View
      className={`reader__nav-item ${className}`.trim()}
      ariaRole="link"
      onClick={() => void redirectTo(readerUrl(entry.id))}
    >
      <View className="reader__nav-label">{label}</View>
      <View className="reader__nav-title">{entry.title}</View>
    </View>
  )
}

function readyNow(id: string): LoadState {
  const installment = repository.installmentNow(id)
  return installment ? { kind: 'ok', installment } : { kind: 'loading' }
}

export default function ReaderPage() {
  const router = useRouter()
  const id = decodeParam(router.params.id)
  const catalog = useCatalog()
  const { fontStep } = useStore(settingsStore)
  const favourites = useStore(favouritesStore)
  // A body the device already has renders in the first setData: no loading state, no network wait
  // (and WeChat's crawler sees the interview, not a spinner).
  const [state, setState] = useState<LoadState>(() => readyNow(id))
  const singlePage = useMemo(isSinglePageMode, [])

  const [attempt, setAttempt] = useState(0)
  // In the editors' preview a body changes under the reader: a new edition is read again.
  const edition = editionOf(id)
  useEffect(() => {
    let live = true
    const now = attempt === 0 ? repository.installmentNow(id) : null
    if (now) {
      setState((shown) =>
        shown.kind === 'ok' && shown.installment === now ? shown : { kind: 'ok', installment: now },
      )
      repository.markSeen(id)
      return
    }
    // A body on screen stays there until its new edition replaces it in place (the preview): no
    // loading state, so the page keeps its height and the reader their place.
    setState((shown) => (shown.kind === 'ok' && shown.installment.id === id ? shown : { kind: 'loading' }))
    repository.installment(id).then((result) => {
      if (!live) return
      setState(result)
      if (result.kind === 'ok') repository.markSeen(id)
    })
    return () => {
      live = false
    }
  }, [id, attempt, edition])

  const entry = state.kind === 'loading' ? null : repository.entry(id)
  const source = catalog.status === 'ready' ? catalog.source : ({ kind: 'bundled' } as const)
  const resolve = mediaResolver(source, catalog.status === 'ready' ? catalog.manifest.series : null, true)
  // A chat's share card is 5:4: the share variant where the builder made one.
  const coverSrc = entry?.coverImage?.share ?? entry?.cover
  const cover = (coverSrc && resolve(coverSrc)) || undefined

  useEffect(() => {
    if (entry)
      setPageTitle(text.readerTitle(entry.number, entry.sample ?? false, entry.interviewee.name, entry.title))
  }, [entry])

  // Long interviews arrive in stages: the first paints at once, the rest follow, one setData each. The
  // preview (a browser) renders a body whole, so a new edition never shortens the page under the reader.
  const stages = useMemo(
    () =>
      state.kind !== 'ok'
        ? []
        : process.env.TARO_APP_PREVIEW
          ? [state.installment.body.length]
          : renderStages(state.installment.body),
    [state],
  )
  const [stage, setStage] = useState(0)
  useEffect(() => setStage(0), [stages])
  useEffect(() => {
    if (stage >= stages.length - 1) return
    const timer = setTimeout(() => setStage((n) => n + 1), 16)
    return () => clearTimeout(timer)
  }, [stage, stages])
  const fullyRendered = state.kind === 'ok' && stage >= stages.length - 1

  const { kept, onLongPress } = useExcerpts(id, entry, state.kind === 'ok' ? state.installment : null)

  // A search result or an excerpt opens the reader at its passage: once that block is on screen it
  // is marked, scrolled to, and unmarked a moment later.
  const target = useMemo(() => targetIn(router.params), [router.params])
  const [found, setFound] = useState<Found | null>(null)
  // Once only: the reader may scroll on and read after landing.
  const landed = useRef(false)
  const blockCount = state.kind === 'ok' ? state.installment.body.length : 0
  useEffect(() => {
    if (!target || landed.current || state.kind !== 'ok') return
    // Read after the excerpts were found again in this body (useExcerpts' effect runs first).
    const block = target.excerpt ? excerptLanding(target.excerpt, target.block) : target.block
    if (block === null) {
      landed.current = true
      toast(excerptText.passageGone)
      return
    }
    if (block < blockCount && (stages[stage] ?? 0) <= block) return
    landed.current = true
    if (block < blockCount) setFound({ block, mark: target.mark })
  }, [target, state, blockCount, stages, stage])
  useEffect(() => {
    if (!found) return
    const anchor = `#${blockAnchor(found.block)}`
    // Once: every picture above the passage keeps its box before it arrives, so nothing pushes it down.
    scrollToSelector(anchor)
    const timer = setTimeout(() => setFound(null), FOUND_MS)
    return () => clearTimeout(timer)
  }, [found])

  useReadingProgress(id, fullyRendered, String(fontStep), !target)
  useShareAppMessage(() => (entry ? installmentShareMessage(entry, cover) : listShareMessage))
  useShareTimeline(() => (entry ? installmentShareTimeline(entry, cover) : listShareTimeline))

  if (state.kind === 'loading') return <StateView kind="loading" title={text.loading} />
  if (state.kind === 'not-found' || !entry) {
    return (
      <StateView
        kind="not-found"
        title={text.notFoundTitle}
        body={text.notFoundBody}
        action={singlePage ? undefined : { label: text.backToList, onPress: () => void goToList() }}
      />
    )
  }
  if (state.kind !== 'ok') {
    const offline = state.kind === 'offline' || state.kind === 'timeout'
    return (
      <View className="reader">
        <Header entry={entry} />
        <StateView
          kind="error"
          title={text.readerErrorTitle}
          body={offline ? text.readerOfflineBody : text.readerErrorBody}
          action={{ label: text.retry, onPress: () => setAttempt((n) => n + 1) }}
        />
      </View>
    )
  }

  const installment = state.installment
  const previews = previewSources(installment, resolve)
  const saved = isFavourite(favourites, id)
  const { previous, next } =
    catalog.status === 'ready'
      ? neighbours(catalog.manifest.installments, id)
      : { previous: null, next: null }
  const onToggle = () => void toggleFavouriteAndTell(entry)

  return (
    <View className={`reader reader--fs${fontStep}`}>
      <Header entry={entry} />
      <View className="reader__tools">
        <FontControls step={fontStep} />
        <FavouriteButton saved={saved} onToggle={onToggle} withLabel />
        <ShareButton
          className="reader__share"
          label={text.share}
          onShare={() => void shareInstallmentAndTell(entry)}
        />
      </View>
      <View className="reader__body">
        <Blocks
          blocks={installment.body}
          parts={stages.slice(0, stage + 1)}
          found={found}
          kept={kept}
          // Opened from Moments there is no navigation and storage is apart: nothing to keep it in.
          onLongPress={singlePage ? undefined : onLongPress}
          resolveSrc={resolve}
          onImageTap={(image) => {
            const current = previews.get(image)
            if (current) previewImages([...previews.values()], current)
          }}
        />
      </View>
      {entry.source && fullyRendered ? (
        <OriginalLink source={entry.source} onOpen={(s) => void openOriginalAndTell(s)} />
      ) : null}
      {singlePage ? null : (
        <View className="reader__nav">
          {previous ? <NeighbourLink entry={previous} label={text.previous} /> : null}
          {next ? <NeighbourLink entry={next} label={text.next} className="reader__nav-item--next" /> : null}
        </View>
      )}
    </View>
  )
}
