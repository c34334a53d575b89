/**
 * Part of the composition root, imported only by the card page (in the reader's subpackage): what a
 * quote card says, resolved from an installment and one of its body blocks.
 */
import type { CardText } from '@/card/draw'
import type { Problem } from '@/content/problem'
import { installmentIn, seriesIn } from '@/content/english'
import type { Block, Installment } from '@/content/schema'
import { text } from '@/i18n'
import type { PassageLang } from '@/library/excerpts'

import { bodyIn, keepableText } from './excerpts'
import { repository } from './root'

export type CardSource =
  | { kind: 'ok'; card: CardText }
  | { kind: 'not-found' }
  /** The installment is there, but block N is not, or holds no text (an image, a divider). */
  | { kind: 'no-passage' }
  | Problem

/**
 * The words of a block a reader can keep (excerpts.ts decides which); on a card a quote keeps its cite
 * after a dash. Null for the rest.
 */
export function passageOf(block: Block | undefined): string | null {
  const words = block ? keepableText(block) : null
  if (words === null || !block) return null
  return block.type === 'quote' && block.cite ? `${words}\n— ${block.cite}` : words
}

/** The card for a passage of an installment: its words, who said them and where. */
export function cardTextOf(
  installment: Installment,
  passage: string,
  seriesName: string,
  lang: PassageLang = 'zh',
): CardText {
  const { interviewee, title } = installmentIn(installment, lang)
  return {
    passage,
    intervieweeName: interviewee.name,
    intervieweeRole: interviewee.organization
      ? `${interviewee.organization} · ${interviewee.role}`
      : interviewee.role,
    title,
    number: installment.number,
    sample: installment.sample === true,
    seriesName,
    lang,
  }
}

function seriesName(lang: PassageLang): string {
  const catalog = repository.catalog()
  return catalog.status === 'ready' ? seriesIn(catalog.manifest.series, lang).title : text.appTitle
}

/**
 * The card for body block `block` of installment `id`. Another source of the passage (an excerpt the
 * reader saved) is one more parameter here: everything below the passage stays the same.
 */
export async function cardSourceOf(id: string, block: number, lang: PassageLang = 'zh'): Promise<CardSource> {
  if (!repository.entry(id)) return { kind: 'not-found' }
  const result = await repository.installment(id)
  if (result.kind !== 'ok') return result
  const body = bodyIn(result.installment, lang)
  const passage = Number.isInteger(block) && block >= 0 ? passageOf(body[block]) : null
  if (!passage?.trim()) return { kind: 'no-passage' }
  return { kind: 'ok', card: cardTextOf(result.installment, passage, seriesName(lang), lang) }
}
