import { Text, View } from '@tarojs/components'
import { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'

import { blockAnchor, Blocks, langAttr, type MarkText } from '@/components/Blocks'
import { Choice } from '@/components/Choice'
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
import { englishBodyOf, entryIn, type ContentLang } from '@/content/english'
import { neighbours } from '@/content/neighbours'
import type { InstallmentResult } from '@/content/repository'
import type { Block, Installment, ManifestEntry } from '@/content/schema'
import { currentLanguage, text } from '@/i18n'
import { readerText } from '@/i18n/reader'
import { excerptText } from '@/i18n/excerpt'
import { favouritesStore, isFavourite } from '@/library/favourites'
import {
  FONT_STEPS,
  setFontStep,
  setReadingMode,
  settingsStore,
  type FontStep,
  type ReadingMode,
} from '@/library/settings'
import { useStore } from '@/library/store'
import { decodeParam, goToList, readerUrl, redirectTo } from '@/platform/navigation'
import { toast } from '@/platform/interaction'
import { isSinglePageMode } from '@/platform/system'
import { setPageTitle } from '@/platform/page-title'
import { previewImages, scrollToSelector } from '@/platform/page-ui'
import { fold, queryWords } from '@/content/search/fold'
import { marksOf, occurrences } from '@/content/search/marks'

import { excerptLanding, useExcerpts } from './useExcerpts'
import { useReadingProgress } from './useReadingProgress'

import './index.scss'

type LoadState = { kind: 'loading' } | InstallmentResult

/** How long the passage a search opened stays marked. */
export const FOUND_MS = 2500

type Found = { block: number; mark?: MarkText; lang?: ContentLang }
type Target = Found & { excerpt?: string }

/**
 * The passage a link opens the reader at: a search result's (`&block=N&q=…`, with its words to mark)
 * or an excerpt's (`&block=N&excerpt=key`, found again if the body changed); or null.
 */
function targetIn(params: Record<string, string | undefined>): Target | null {
  const block = Number(params.block)
  if (!params.block || !Number.isInteger(block) || block < 0) return null
  // Which text the passage is in: a match or an excerpt of the English lands on the English.
  const lang: ContentLang = params.in === 'en' ? 'en' : 'zh'
  if (params.excerpt) return { block, excerpt: decodeParam(params.excerpt), lang }
  if (!params.q) return { block, lang }
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
  return { block, mark, lang }
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

/**
 * The title and who: in the reading's language; in parallel reading, the Chinese with the English
 * title beneath it.
 */
function Header({ entry, mode }: { entry: ManifestEntry; mode: ReadingMode }) {
  const shown = entryIn(entry, mode === 'en' ? 'en' : 'zh')
  const { interviewee } = shown
  const twinTitle = mode === 'parallel' ? entry.en?.title : undefined
  return (
    <View className="reader__head">
      <Kicker
        className="reader__kicker"
        number={entry.number}
        group={interviewee.group}
        sample={entry.sample}
      />
      <View className="reader__title">
        <Text userSelect>{withTodos(shown.title)}</Text>
      </View>
      {twinTitle ? (
        <View className="reader__title-twin" {...langAttr('en')}>
          <Text userSelect>{withTodos(twinTitle)}</Text>
        </View>
      ) : null}
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
    <View className="font" ariaLabel={readerText.fontSize(readerText.fontSteps[step])}>
      <View
        className="font__btn"
        ariaRole="button"
        ariaLabel={readerText.fontSmaller}
        onClick={() => change(-1)}
      >
        A−
      </View>
      <Text className="font__label">{readerText.fontSteps[step]}</Text>
      <View
        className="font__btn font__btn--large"
        ariaRole="button"
        ariaLabel={readerText.fontLarger}
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

const READING_MODES: readonly ReadingMode[] = ['zh', 'en', 'parallel']

/** 中文 / English / 对照, offered where the installment has English; remembered for every installment. */
function ReadingChoice({ mode, onPick }: { mode: ReadingMode; onPick: () => void }) {
  const labels: Record<ReadingMode, string> = {
    zh: readerText.readingZh,
    en: readerText.readingEn,
    parallel: readerText.readingParallel,
  }
  const langs: Partial<Record<ReadingMode, string>> = { zh: 'zh-CN', en: 'en' }
  return (
    <Choice
      className="reader__reading"
      label={readerText.readingMode}
      options={READING_MODES.map((value) => ({ value, label: labels[value], lang: langs[value] }))}
      value={mode}
      onChange={(next) => {
        onPick()
        void setReadingMode(next)
      }}
    />
  )
}

function readyNow(id: string): LoadState {
  const installment = repository.installmentNow(id)
  return installment ? { kind: 'ok', installment } : { kind: 'loading' }
}

export default function ReaderPage() {
  const router = useRouter()
  const id = decodeParam(router.params.id)
  // A search result or an excerpt opens the reader at its passage (see below).
  const target = useMemo(() => targetIn(router.params), [router.params])
  const catalog = useCatalog()
  const { fontStep, reading } = useStore(settingsStore)
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
  // The reading's language: the reader's choice, else the interface's; the Chinese where there is no English.
  const english = useMemo(() => (state.kind === 'ok' ? englishBodyOf(state.installment) : null), [state])
  const wanted: ReadingMode = reading ?? (currentLanguage() === 'en' ? 'en' : 'zh')
  // A passage found or kept in the language not being read is shown beside it, for this visit: until
  // the reader picks a reading themselves.
  const [pickedHere, setPickedHere] = useState(false)
  const crossLanding = !!target?.lang && wanted !== 'parallel' && target.lang !== wanted && !pickedHere
  const mode: ReadingMode = !english ? 'zh' : crossLanding ? 'parallel' : wanted
  const readIn: ContentLang = mode === 'en' ? 'en' : 'zh'
  // Without a body (it could not be had) the manifest still has the English title and person.
  const headMode: ReadingMode = state.kind === 'ok' ? mode : wanted
  const shownEntry = entry && entryIn(entry, headMode === 'en' ? 'en' : 'zh')
  const source = catalog.status === 'ready' ? catalog.source : ({ kind: 'bundled' } as const)
  const resolve = mediaResolver(source, catalog.status === 'ready' ? catalog.manifest.series : null, true)
  // A chat's share card is 5:4: the share variant where the builder made one.
  const coverSrc = entry?.coverImage?.share ?? entry?.cover
  const cover = (coverSrc && resolve(coverSrc)) || undefined

  useEffect(() => {
    // Until the entry is known, the page config's Chinese title would show: in English, say so in English.
    if (!shownEntry && currentLanguage() === 'en') setPageTitle(text.tabList)
    if (shownEntry)
      setPageTitle(
        readerText.readerTitle(
          shownEntry.number,
          shownEntry.sample ?? false,
          shownEntry.interviewee.name,
          shownEntry.title,
        ),
      )
  }, [shownEntry])

  // Long interviews arrive in stages: the first paints at once, the rest follow, one setData each. The
  // preview (a browser) renders a body whole, so a new edition never shortens the page under the reader.
  const shownBody = state.kind !== 'ok' ? null : mode === 'en' && english ? english : state.installment.body
  const translation = mode === 'parallel' ? english : null
  const stages = useMemo(
    () =>
      !shownBody
        ? []
        : process.env.TARO_APP_PREVIEW
          ? [shownBody.length]
          : renderStages(shownBody, translation),
    [shownBody, translation],
  )
  // The stage reached, with the stages it belongs to: new stages (another reading language) start
  // again from their first in the same render, never showing the old count of the new parts at once.
  const [staged, setStaged] = useState({ of: stages, n: 0 })
  const stage = staged.of === stages ? staged.n : 0
  useEffect(() => {
    if (stage >= stages.length - 1) return
    const timer = setTimeout(() => setStaged({ of: stages, n: stage + 1 }), 16)
    return () => clearTimeout(timer)
  }, [stage, stages])
  const fullyRendered = state.kind === 'ok' && stage >= stages.length - 1

  const { kept, keptEnglish, onLongPress } = useExcerpts(
    id,
    entry,
    state.kind === 'ok' ? state.installment : null,
  )

  // A search result or an excerpt opens the reader at its passage: once that block is on screen it
  // is marked, scrolled to, and unmarked a moment later.
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
    if (block < blockCount) setFound({ block, mark: target.mark, lang: target.lang })
  }, [target, state, blockCount, stages, stage])
  useEffect(() => {
    if (!found) return
    const anchor = `#${blockAnchor(found.block)}`
    // Once: every picture above the passage keeps its box before it arrives, so nothing pushes it down.
    scrollToSelector(anchor)
    const timer = setTimeout(() => setFound(null), FOUND_MS)
    return () => clearTimeout(timer)
  }, [found])

  // A layout of its own per font size and reading: progress is measured again when either changes.
  useReadingProgress(id, fullyRendered, `${fontStep}-${mode}`, !target)
  useShareAppMessage(() => (entry ? installmentShareMessage(entry, cover, readIn) : listShareMessage()))
  useShareTimeline(() => (entry ? installmentShareTimeline(entry, cover, readIn) : listShareTimeline()))

  if (state.kind === 'loading') return <StateView kind="loading" title={text.loading} />
  if (state.kind === 'not-found' || !entry) {
    return (
      <StateView
        kind="not-found"
        title={readerText.notFoundTitle}
        body={readerText.notFoundBody}
        action={singlePage ? undefined : { label: readerText.backToList, onPress: () => void goToList() }}
      />
    )
  }
  if (state.kind !== 'ok') {
    const offline = state.kind === 'offline' || state.kind === 'timeout'
    return (
      <View className="reader">
        <Header entry={entry} mode={headMode} />
        <StateView
          kind="error"
          title={readerText.readerErrorTitle}
          body={offline ? readerText.readerOfflineBody : readerText.readerErrorBody}
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
      <Header entry={entry} mode={mode} />
      <View className="reader__tools">
        <FontControls step={fontStep} />
        <FavouriteButton saved={saved} onToggle={onToggle} withLabel />
        <ShareButton
          className="reader__share"
          label={text.share}
          onShare={() => void shareInstallmentAndTell(entry, readIn)}
        />
      </View>
      {english ? <ReadingChoice mode={mode} onPick={() => setPickedHere(true)} /> : null}
      {!english && wanted !== 'zh' ? (
        <View className="reader__note" ariaRole="note">
          {readerText.noEnglish}
        </View>
      ) : null}
      <View className={`reader__body${mode === 'en' ? ' reader__body--en' : ''}`}>
        <Blocks
          blocks={shownBody ?? installment.body}
          lang={readIn}
          translation={translation}
          parts={stages.slice(0, stage + 1)}
          found={found}
          kept={mode === 'en' ? keptEnglish : kept}
          keptTranslation={keptEnglish}
          // Opened from Moments there is no navigation and storage is apart: nothing to keep it in.
          onLongPress={
            singlePage ? undefined : (index, twin) => onLongPress(index, twin || mode === 'en' ? 'en' : 'zh')
          }
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
          {previous ? <NeighbourLink entry={previous} label={readerText.previous} /> : null}
          {next ? (
            <NeighbourLink entry={next} label={readerText.next} className="reader__nav-item--next" />
          ) : null}
        </View>
      )}
    </View>
  )
}
