import { View } from '@tarojs/components'

import type { MetadataOnly, SearchState } from '@/app/search'
import { searchText } from '@/i18n/search'

function limitText(why: MetadataOnly): string {
  switch (why.kind) {
    case 'offline':
      return searchText.searchOffline
    case 'host':
      return searchText.searchHost
    case 'broken':
      return searchText.searchBroken
    case 'none':
      return searchText.searchNone
    case 'too-large':
      return searchText.searchTooLarge(why.bytes, why.limit)
  }
}

/** What the loading state says: how far the engine is, once it is being built. */
export function preparingText(state: SearchState | null): string {
  if (state?.kind !== 'loading') return searchText.searchPreparing
  if (state.progress !== null) return searchText.searchPreparingProgress(Math.round(state.progress * 100))
  return state.download && state.download.total > 1
    ? searchText.searchDownloading(state.download.done, state.download.total)
    : searchText.searchPreparing
}

/**
 * What search covers when it is less than every body, said plainly: why, and until when. Nothing
 * when full text is searched and kept.
 */
export function SearchNotice({
  state,
  trimmed,
  found,
}: {
  state: SearchState
  trimmed: string
  found: number
}) {
  const text =
    state.kind === 'metadata'
      ? limitText(state.why)
      : state.kind === 'full'
        ? state.stale
          ? searchText.searchStale
          : state.notKept
            ? searchText.searchNotKept(state.notKept.bytes, state.notKept.limit)
            : null
        : trimmed && found
          ? preparingText(state) !== searchText.searchPreparing
            ? `${preparingText(state)} ${searchText.searchPreparingMore}`
            : searchText.searchPreparingMore
          : null
  return text ? (
    <View className="notice" ariaRole="status">
      {text}
    </View>
  ) : null
}
