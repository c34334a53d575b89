import { View } from '@tarojs/components'
import { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'

import { SearchResult } from '@/components/SearchResult'
import { StateView } from '@/components/StateView'
import { usePageLanguage } from '@/app/language'
import { repository, useCatalog } from '@/app/root'
import { loadSearch, searchStateNow, type SearchState } from '@/app/search'
import { chunk, PAGE_SIZE } from '@/content/query'
import type { SearchHit } from '@/content/search/engine'
import { text } from '@/i18n'
import { searchText } from '@/i18n/search'
import { decodeParam, openInstallment } from '@/platform/navigation'

import { preparingText, SearchNotice } from './SearchNotice'
import { SearchBox } from './SearchBox'

import './index.scss'

function open(hit: SearchHit, query: string): void {
  // A passage found in the English lands on the English, where the reading shows it.
  const at = hit.block === null ? undefined : { block: hit.block, query, lang: hit.snippetLang ?? 'zh' }
  void openInstallment(hit.entry.id, at)
}

export default function SearchPage() {
  usePageLanguage(() => searchText.searchTitle)
  const router = useRouter()
  // Search looks at every installment: the whole manifest, not the list's first screen.
  useState(() => repository.complete())
  const catalog = useCatalog()
  const manifest = catalog.status === 'ready' ? catalog.manifest : null
  const [state, setState] = useState<SearchState | null>(() => (manifest ? searchStateNow(manifest) : null))
  // Bumped when the page shows again after the network kept the search file away: it asks again.
  const [attempt, setAttempt] = useState(0)
  // A query in the link (`?q=`) is in the box and searched at once.
  const [initial] = useState(() => decodeParam(router.params.q).slice(0, 100))
  const [query, setQuery] = useState(initial)
  const [shown, setShown] = useState(PAGE_SIZE)
  const search = useCallback((next: string) => {
    setQuery(next)
    setShown(PAGE_SIZE)
  }, [])

  useEffect(() => {
    if (!manifest) return
    let live = true
    const now = searchStateNow(manifest)
    setState(now)
    if (now.kind !== 'loading') return
    // Built after the first render, so the page and its box are on screen while the engine is made.
    const show = (next: SearchState) => live && setState(next)
    const later = setTimeout(() => void loadSearch(manifest, show).then(show), 0)
    return () => {
      live = false
      clearTimeout(later)
    }
  }, [manifest, attempt])

  useDidShow(() => {
    if (state && state.kind !== 'loading' && state.retry) setAttempt((n) => n + 1)
  })

  const trimmed = query.trim()
  // While the search file loads, titles and people are searched; the body's matches follow.
  const results = useMemo(() => (state && trimmed ? state.engine.search(trimmed) : null), [state, trimmed])
  const preparing = state?.kind !== 'full' && state?.kind !== 'metadata'
  const hits = results ? results.first(shown) : []

  useReachBottom(() => {
    if (results && shown < results.count) setShown((n) => n + PAGE_SIZE)
  })

  return (
    <View className="search-page">
      <SearchBox initial={initial} onQuery={search} />

      {state ? <SearchNotice state={state} trimmed={trimmed} found={results?.count ?? 0} /> : null}

      {!trimmed ? (
        <View className="search-hint">
          <View>{searchText.searchHint}</View>
          {state?.kind === 'metadata' ? null : <View>{searchText.searchPinyinHint}</View>}
        </View>
      ) : !results || (preparing && results.count === 0) ? (
        <StateView kind="loading" title={preparingText(state)} />
      ) : results.count === 0 ? (
        <StateView kind="empty" title={searchText.searchNoResultTitle} body={searchText.searchNoResultBody} />
      ) : (
        <View className="results">
          <View className="results__count" ariaRole="status">
            {searchText.searchFound(results.count)}
          </View>
          {chunk(hits).map((page, i) => (
            <View key={i} className="results__page">
              {page.map((hit) => (
                <SearchResult key={hit.entry.id} hit={hit} onOpen={(h) => open(h, trimmed)} />
              ))}
            </View>
          ))}
          <View className="list__end">
            {shown < results.count ? text.loadingMore : text.allShown(results.count)}
          </View>
        </View>
      )}
    </View>
  )
}
