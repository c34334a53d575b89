/**
 * Content in the reader's language: an installment's or the series' English where the editors gave
 * it, the Chinese where they did not. Pure; the app decides which language is wanted.
 */
import { alignmentProblems } from './align'
import type { Block, ContentLang, Installment, ManifestEntry, Series } from './schema'

export type { ContentLang }

/** An entry as a reader of `lang` sees it, and whether its title is still the Chinese one. */
export type ShownEntry = ManifestEntry & { inChinese: boolean }

const shownEntries: Record<ContentLang, WeakMap<ManifestEntry, ShownEntry>> = {
  zh: new WeakMap(),
  en: new WeakMap(),
}

/**
 * The entry with its English title, summary, interviewee and tags where it has them. The same
 * object for the same entry, so a list's memoised cards do not re-render for nothing.
 */
export function entryIn(entry: ManifestEntry, lang: ContentLang): ShownEntry {
  const known = shownEntries[lang].get(entry)
  if (known) return known
  const shown = lang === 'zh' ? { ...entry, inChinese: false } : inEnglish(entry)
  shownEntries[lang].set(entry, shown)
  return shown
}

function inEnglish(entry: ManifestEntry): ShownEntry {
  const en = entry.en
  const tags = en?.tags && en.tags.length === entry.tags.length ? en.tags : entry.tags
  return { ...metadataInEnglish(entry), tags, inChinese: !en?.title }
}

/** What an entry and an installment share: a title, a summary and who, and their English. */
type Metadata = Pick<ManifestEntry, 'title' | 'summary' | 'interviewee'> & {
  en?: Pick<NonNullable<ManifestEntry['en']>, 'title' | 'summary' | 'interviewee'>
}

/** The title, summary and interviewee in English where given (the group is the Chinese's own). */
function metadataInEnglish<T extends Metadata>(item: T): T {
  const { en } = item
  if (!en) return item
  return {
    ...item,
    title: en.title ?? item.title,
    summary: en.summary ?? item.summary,
    interviewee: en.interviewee ? { ...en.interviewee, group: item.interviewee.group } : item.interviewee,
  }
}

export function seriesIn(series: Series, lang: ContentLang): Series {
  if (lang === 'zh' || !series.en) return series
  const { title, tagline, intro } = series.en
  return {
    ...series,
    title: title ?? series.title,
    tagline: tagline ?? series.tagline,
    intro: intro && intro.length ? intro : series.intro,
  }
}

/**
 * The English body, when there is one and it lines up with the Chinese block for block. A body out
 * of line (never published by our CLI) is not shown: the reader gets the Chinese rather than a
 * parallel reading that pairs the wrong passages.
 */
export function englishBodyOf(installment: Installment): readonly Block[] | null {
  const body = installment.en?.body
  return body && alignmentProblems(installment.body, body).length === 0 ? body : null
}

/** The installment's metadata as a reader of `lang` sees it (its body stays the Chinese). */
export function installmentIn(installment: Installment, lang: ContentLang): Installment {
  return lang === 'zh' ? installment : metadataInEnglish(installment)
}
