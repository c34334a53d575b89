import { Canvas, Image, View } from '@tarojs/components'
import { useReady, useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'

import { StateView } from '@/components/StateView'
import '@/app/reader-bodies'
import { cardSourceOf } from '@/app/card'
import { usePageLanguage } from '@/app/language'
import { saveCard, shareCard, tellOutcome } from '@/app/card-share'
import { drawCard, type CardText } from '@/card/draw'
import { CARD_HEIGHT, CARD_PIXELS, CARD_WIDTH } from '@/card/layout'
import { cardText, cardWordsFor } from '@/i18n/card'
import { canShareImage, renderImage } from '@/platform/card-image'
import { decodeParam, goBack, LIST_PATH } from '@/platform/navigation'
import { IN_BROWSER } from '@/platform/system'

import './index.scss'

const CANVAS_ID = 'card-canvas'
const CANVAS = { selector: `#${CANVAS_ID}`, width: CARD_WIDTH, height: CARD_HEIGHT, ratio: CARD_PIXELS.ratio }

type Shown =
  | { kind: 'drawing' }
  | { kind: 'ready'; path: string }
  | { kind: 'not-found' }
  | { kind: 'no-passage' }
  | { kind: 'failed' }

/** `/pages/reader/card/index?id=<installment>&block=<body block index>`: a quote card of one passage. */
export default function CardPage() {
  usePageLanguage(() => cardText.title)
  const { params } = useRouter()
  const id = decodeParam(params.id)
  const block = params.block ? Number(params.block) : NaN
  const lang = params.in === 'en' ? 'en' : 'zh'
  const [shown, setShown] = useState<Shown>({ kind: 'drawing' })
  // Kept out of state: drawing must not cost a setData (the canvas is drawn, then one setData shows it).
  const card = useRef<CardText | null>(null)
  const ready = useRef(false)
  const started = useRef(false)
  const busy = useRef(false)

  // Draws once both the card's words and the rendered canvas are there, whichever comes last.
  const draw = useCallback(() => {
    const words = card.current
    if (!words || !ready.current || started.current) return
    started.current = true
    void renderImage(CANVAS, (ctx) => void drawCard(ctx, words, cardWordsFor(words.lang))).then((path) =>
      setShown(path ? { kind: 'ready', path } : { kind: 'failed' }),
    )
  }, [])

  useReady(() => {
    ready.current = true
    draw()
  })

  useEffect(() => {
    void cardSourceOf(id, block, lang).then((source) => {
      if (source.kind === 'ok') {
        card.current = source.card
        draw()
      } else if (source.kind === 'not-found' || source.kind === 'no-passage') setShown({ kind: source.kind })
      else setShown({ kind: 'failed' })
    })
  }, [id, block, lang, draw])

  const act = (run: (path: string) => Promise<Parameters<typeof tellOutcome>[0]>) => () => {
    if (shown.kind !== 'ready' || busy.current) return
    busy.current = true
    void run(shown.path).then((outcome) => {
      busy.current = false
      tellOutcome(outcome)
    })
  }

  return (
    <View className="card-page">
      {IN_BROWSER ? null : (
        // Off screen: the image is what the reader sees. Sized in CSS px, drawn at CARD_PIXELS.
        <Canvas
          type="2d"
          id={CANVAS_ID}
          className="card-page__canvas"
          style={{ width: `${CARD_WIDTH}px`, height: `${CARD_HEIGHT}px` }}
        />
      )}
      <Body shown={shown} onShare={act(shareCard)} onSave={act(saveCard)} />
    </View>
  )
}

type BodyProps = { shown: Shown; onShare: () => void; onSave: () => void }

function Body({ shown, onShare, onSave }: BodyProps) {
  if (shown.kind === 'drawing') return <StateView kind="loading" title={cardText.drawing} />
  if (shown.kind !== 'ready') {
    const failed = shown.kind === 'failed'
    return (
      <StateView
        kind={failed ? 'error' : 'not-found'}
        title={failed ? cardText.failedTitle : cardText.notFoundTitle}
        body={failed ? cardText.failedBody : cardText.notFoundBody}
        // Back to the page that opened the card (the reader, as a rule); the list when there is none.
        action={{ label: cardText.back, onPress: () => void goBack(LIST_PATH) }}
      />
    )
  }
  return (
    <View className="card-page__ready">
      <Image
        className="card-page__image"
        src={shown.path}
        mode="widthFix"
        showMenuByLongpress
        ariaLabel={cardText.previewLabel}
      />
      <View className="card-page__actions">
        {canShareImage() ? (
          <View className="card-page__button card-page__button--primary" ariaRole="button" onClick={onShare}>
            {cardText.share}
          </View>
        ) : null}
        <View className="card-page__button" ariaRole="button" onClick={onSave}>
          {cardText.save}
        </View>
      </View>
    </View>
  )
}
