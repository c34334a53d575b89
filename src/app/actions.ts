import type { ManifestEntry, OfficialAccount, Source } from '@/content/schema'
import { text } from '@/i18n'
import { favouritesStore, toggleFavourite } from '@/library/favourites'
import { openAccountProfile, openArticle, type LinkOutcome } from '@/platform/official-account'
import { toast } from '@/platform/ui'

import { repository } from './root'

/**
 * The favourite toggle every page uses: flips it, says what happened (or that storage refused it),
 * and fetches a newly saved installment's body so it can be read offline.
 */
export function toggleFavouriteAndTell(entry: ManifestEntry): boolean {
  const saved = toggleFavourite(entry)
  toast(
    favouritesStore.persisted()
      ? saved
        ? text.favouriteAdded
        : text.favouriteRemoved
      : text.favouriteNotSaved,
  )
  if (saved) void repository.installment(entry.id)
  return saved
}

/** Says what happened when WeChat could not open the page itself; an opened page speaks for itself. */
function tell(outcome: LinkOutcome, copied: string): LinkOutcome {
  if (outcome === 'copied') toast(copied)
  else if (outcome === 'failed') toast(text.linkFailed)
  return outcome
}

export async function openOriginalAndTell(source: Source): Promise<LinkOutcome> {
  return tell(await openArticle(source.url), text.originalCopied)
}

export async function followAccountAndTell(account: OfficialAccount): Promise<LinkOutcome> {
  return tell(await openAccountProfile(account), text.accountNameCopied(account.name))
}
