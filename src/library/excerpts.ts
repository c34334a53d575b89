import * as v from 'valibot'

import { idSchema, type ContentLang, type ManifestEntry } from '@/content/schema'

import { snapshotOf, snapshotSchema } from './favourites'
import { anchorOf, fingerprintOf, type Anchor } from './anchor'
import { USER_KEY_PREFIX } from './records'
import { createStore } from './store'

/** A note is a thought, not an essay; the editor stops at this many characters. */
export const NOTE_MAX = 500

const time = v.pipe(v.number(), v.integer(), v.minValue(0))

export const excerptSchema = v.object({
  /** Stable for the excerpt's life: the installment and the fingerprint it was kept with. */
  key: v.pipe(v.string(), v.minLength(1)),
  id: idSchema,
  snapshot: snapshotSchema,
  /** Where the passage sits in the body, as last seen (re-anchored when the body changes). */
  block: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Of the text as kept; finds the passage again after editors move or touch it. */
  fingerprint: v.string(),
  /** Of the touched-up block it was last found at by likeness: found there again without a scan. */
  at: v.optional(v.string()),
  /** The passage as the reader kept it: shown as is, even when the original has changed. */
  text: v.string(),
  note: v.optional(v.pipe(v.string(), v.maxLength(NOTE_MAX * 2))),
  savedAt: time,
  /** Set when the passage is no longer in the installment ("原文已更新"). */
  gone: v.optional(v.literal(true)),
  /** Kept from the English translation (absent: from the Chinese, as every excerpt before translations). */
  lang: v.optional(v.literal('en')),
})

export type Excerpt = v.InferOutput<typeof excerptSchema>

export const excerptsStore = createStore({
  key: `${USER_KEY_PREFIX}excerpts`,
  version: 1,
  schema: v.array(excerptSchema),
  empty: (): Excerpt[] => [],
})

/** At most NOTE_MAX characters (code points, so an emoji is never cut in half), trimmed. */
export function cleanNote(note: string): string {
  return Array.from(note.trim()).slice(0, NOTE_MAX).join('').trim()
}

/**
 * A key of its own for every excerpt, even of two blocks with the same words ("为什么？"): the
 * installment, the fingerprint and the time, with a counter in the unlikely case that is taken.
 */
export function excerptKey(list: readonly Excerpt[], id: string, fingerprint: string, now: number): string {
  const base = `${id}~${fingerprint}~${now.toString(36)}`
  let key = base
  for (let n = 2; findExcerpt(list, key); n++) key = `${base}-${n}`
  return key
}

/** Newest first, which is how the favourites tab lists them. */
export function sortedExcerpts(list: readonly Excerpt[]): Excerpt[] {
  return [...list].sort((a, b) => b.savedAt - a.savedAt)
}

export function findExcerpt(list: readonly Excerpt[], key: string): Excerpt | null {
  return list.find((e) => e.key === key) ?? null
}

/** Which text an excerpt was kept from: the Chinese body, or its English translation. */
export type PassageLang = ContentLang

const langOf = (e: Excerpt): PassageLang => e.lang ?? 'zh'

/** The excerpt kept from block `block` of installment `id` in `lang` (and not gone), if any. */
export function excerptAt(
  list: readonly Excerpt[],
  id: string,
  block: number,
  lang: PassageLang = 'zh',
): Excerpt | null {
  return list.find((e) => e.id === id && e.block === block && !e.gone && langOf(e) === lang) ?? null
}

/** The blocks of installment `id`'s body in `lang` that hold an excerpt (and have not gone). */
export function keptBlocks(list: readonly Excerpt[], id: string, lang: PassageLang = 'zh'): Set<number> {
  return new Set(list.filter((e) => e.id === id && !e.gone && langOf(e) === lang).map((e) => e.block))
}

/** A passage a reader can keep; `lang` 'en' when it is of the English translation. */
export type Passage = { entry: ManifestEntry; block: number; text: string; lang?: PassageLang }

/**
 * Keeps a passage; keeping the same passage again returns the one already kept (with a note
 * added, when one is given), so a double press never makes two.
 */
export function keepPassage(
  { entry, block, text, lang = 'zh' }: Passage,
  note = '',
  now: number = Date.now(),
): { excerpt: Excerpt; persisted: boolean } {
  const fingerprint = fingerprintOf(text)
  const cleaned = cleanNote(note)
  const list = excerptsStore.get()
  const kept = excerptAt(list, entry.id, block, lang)
  const same = kept?.fingerprint === fingerprint ? kept : null
  const excerpt: Excerpt = same
    ? { ...same, ...(cleaned ? { note: cleaned } : {}) }
    : {
        key: excerptKey(list, entry.id, fingerprint, now),
        id: entry.id,
        snapshot: snapshotOf(entry),
        block,
        fingerprint,
        text,
        savedAt: now,
        ...(cleaned ? { note: cleaned } : {}),
        ...(lang === 'en' ? { lang } : {}),
      }
  const persisted = excerptsStore.update((current) =>
    same ? current.map((e) => (e.key === same.key ? excerpt : e)) : [...current, excerpt],
  )
  return { excerpt, persisted }
}

/** Removes and returns the excerpt, so the caller can offer an undo. */
export function removeExcerpt(key: string): Excerpt | null {
  const removed = findExcerpt(excerptsStore.get(), key)
  if (removed) excerptsStore.update((list) => list.filter((e) => e.key !== key))
  return removed
}

export function restoreExcerpt(excerpt: Excerpt): boolean {
  return excerptsStore.update((list) => (findExcerpt(list, excerpt.key) ? list : [...list, excerpt]))
}

/** Sets (or, with an empty note, clears) the excerpt's note; false when storage refused it. */
export function setNote(key: string, note: string): boolean {
  const cleaned = cleanNote(note)
  return excerptsStore.update((list) =>
    list.map((e) => {
      if (e.key !== key) return e
      const { note: _old, ...rest } = e
      return cleaned ? { ...rest, note: cleaned } : rest
    }),
  )
}

/**
 * Finds installment `id`'s excerpts in `lang` again in its current body in that language (each
 * block's plain text, in order; none when the translation has gone) and records where they are now,
 * or that they are gone. Writes only when something moved.
 */
export function reanchorExcerpts(id: string, blockTexts: readonly string[], lang: PassageLang = 'zh'): void {
  const list = excerptsStore.get()
  if (!list.some((e) => e.id === id && langOf(e) === lang)) return
  const prints = blockTexts.map(fingerprintOf)
  let changed = false
  const next = list.map((e) => {
    if (e.id !== id || langOf(e) !== lang) return e
    const moved = placed(e, anchorOf(e, blockTexts, prints), prints)
    if (moved !== e) changed = true
    return moved
  })
  if (changed) excerptsStore.update(() => next)
}

/** The excerpt where `anchor` found it (the same object when nothing changed), or marked gone. */
function placed(e: Excerpt, anchor: Anchor | null, prints: readonly string[]): Excerpt {
  const { gone: _gone, at: _at, ...rest } = e
  if (anchor === null) return e.gone ? e : { ...rest, ...(e.at ? { at: e.at } : {}), gone: true }
  const at = anchor.exact ? undefined : prints[anchor.block]
  if (anchor.block === e.block && !e.gone && at === e.at) return e
  return { ...rest, block: anchor.block, ...(at ? { at } : {}) }
}
