import { useEffect, useMemo } from 'react'

import { passageAt, reanchorIn } from '@/app/excerpts'
import type { Installment, ManifestEntry } from '@/content/schema'
import { excerptText } from '@/i18n/excerpt'
import {
  excerptAt,
  excerptsStore,
  findExcerpt,
  keepPassage,
  keptBlocks,
  removeExcerpt,
  type Excerpt,
  type Passage,
  type PassageLang,
} from '@/library/excerpts'
import { useStoreWhileShown } from '@/library/store'
import { ask, chooseAction, copyText, toast } from '@/platform/interaction'
import { cardUrl, navigateTo, noteUrl } from '@/platform/navigation'

type Action = 'keep' | 'keep-with-note' | 'unkeep' | 'note' | 'copy' | 'card'

/** Read when the sheet opens, not when the module loads: the language may have changed since. */
const labelOf = (action: Action): string =>
  ({
    keep: excerptText.keep,
    'keep-with-note': excerptText.keepWithNote,
    unkeep: excerptText.unkeep,
    note: excerptText.writeNote,
    copy: excerptText.copy,
    card: excerptText.card,
  })[action]

/** What a long press offers: to keep a passage, or, once kept, to let it go or write about it. */
export function actionsFor(kept: Excerpt | null): Action[] {
  return kept ? ['unkeep', 'note', 'copy', 'card'] : ['keep', 'keep-with-note', 'copy', 'card']
}

function keepAndTell(passage: Passage): Excerpt {
  const { excerpt, persisted } = keepPassage(passage)
  toast(persisted ? excerptText.kept : excerptText.notSaved)
  return excerpt
}

/** A note is the reader's own writing: letting the excerpt go asks first when it has one. */
async function unkeepAndTell(kept: Excerpt): Promise<void> {
  if (kept.note) {
    const answer = await ask({
      content: excerptText.unkeepWithNote,
      confirmText: excerptText.unkeep,
      cancelText: excerptText.keepIt,
    })
    if (answer !== 'confirm') return
  }
  removeExcerpt(kept.key)
  toast(excerptText.unkept)
}

async function act(action: Action, passage: Passage, kept: Excerpt | null): Promise<void> {
  switch (action) {
    case 'keep':
      keepAndTell(passage)
      return
    case 'keep-with-note':
    case 'note': {
      const excerpt = kept ?? keepAndTell(passage)
      await navigateTo(noteUrl(excerpt.key))
      return
    }
    case 'unkeep':
      if (kept) await unkeepAndTell(kept)
      return
    case 'copy':
      toast((await copyText(passage.text)) ? excerptText.copied : excerptText.copyFailed)
      return
    case 'card':
      await navigateTo(cardUrl(passage.entry.id, passage.block, passage.lang))
  }
}

/**
 * The reader's excerpts: which blocks carry one (found again in this body first, in case editors
 * changed it), and the long press that keeps, copies or shares a passage.
 */
export function useExcerpts(id: string, entry: ManifestEntry | null, installment: Installment | null) {
  // While the note editor is on top the reader need not re-render; it catches up when it shows.
  const list = useStoreWhileShown(excerptsStore)
  useEffect(() => {
    if (installment) reanchorIn(id, installment)
  }, [id, installment])
  const kept = useMemo(() => keptBlocks(list, id, 'zh'), [list, id])
  const keptEnglish = useMemo(() => keptBlocks(list, id, 'en'), [list, id])

  /** A passage of the Chinese body or (`lang` 'en') of its translation: the excerpt keeps its language. */
  const onLongPress = (block: number, lang: PassageLang = 'zh') => {
    if (!entry || !installment) return
    const passage = passageAt(entry, installment, block, lang)
    if (!passage) return
    const existing = excerptAt(excerptsStore.get(), id, block, lang)
    const actions = actionsFor(existing)
    void chooseAction(actions.map(labelOf), excerptText.cancel).then((index) =>
      index === null ? undefined : act(actions[index], passage, existing),
    )
  }
  return { kept, keptEnglish, onLongPress }
}

/**
 * Where an excerpt link lands: the block its excerpt is kept at now, its given block when the excerpt
 * has since been deleted, or null when its passage has gone from the installment.
 */
export function excerptLanding(key: string, block: number): number | null {
  const excerpt = findExcerpt(excerptsStore.get(), key)
  if (!excerpt) return block
  return excerpt.gone ? null : excerpt.block
}
