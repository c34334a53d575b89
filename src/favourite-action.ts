import { repository } from '@/content'
import type { ManifestEntry } from '@/content/schema'
import { text } from '@/i18n/zh'
import { favouritesStore, toggleFavourite } from '@/library/favourites'
import { toast } from '@/platform/ui'

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
