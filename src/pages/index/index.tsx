import { Text, View } from '@tarojs/components'
import { usePullDownRefresh, useReachBottom, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'

import { FollowAccount } from '@/components/FollowAccount'
import { InstallmentCard } from '@/components/InstallmentCard'
import { StateView } from '@/components/StateView'
import { mediaResolver } from '@/app/media'
import { repository, useCatalog, useRefreshStatus } from '@/app/root'
import { followAccountAndTell, toggleFavouriteAndTell } from '@/app/actions'
import { usePageLanguage } from '@/app/language'
import { useOfferUpdateOnShow } from '@/app/lifecycle'
import { listShareMessage, listShareTimeline } from '@/app/share'
import { chunk, PAGE_SIZE, queryEntries, type GroupFilter } from '@/content/query'
import { seriesIn } from '@/content/english'
import { GROUPS, type ManifestEntry } from '@/content/schema'
import { currentLanguage, GROUP_LABELS, text } from '@/i18n'
import { favouritesStore, isFavourite } from '@/library/favourites'
import { progressStore } from '@/library/progress'
import { setOrder, settingsStore } from '@/library/settings'
import { useStoreWhileShown } from '@/library/store'
import { ABOUT_PATH, navigateTo, openInstallment, SEARCH_PATH } from '@/platform/navigation'
import { stopPullDownRefresh, toast } from '@/platform/ui'

import './index.scss'

const FILTERS: GroupFilter[] = ['all', ...GROUPS]
const NO_ENTRIES: ManifestEntry[] = []

function chipLabel(group: GroupFilter, selected: boolean): string {
  const label = group === 'all' ? text.all : GROUP_LABELS[group]
  return selected ? text.chosen(label) : label
}

export default function InstallmentsPage() {
  const catalog = useCatalog()
  const refreshStatus = useRefreshStatus()
  // Stores change while the list is hidden (reading, favouriting in the reader); it catches up on show.
  const { order } = useStoreWhileShown(settingsStore)
  const favourites = useStoreWhileShown(favouritesStore)
  const progress = useStoreWhileShown(progressStore)
  const [group, setGroup] = useState<GroupFilter>('all')
  const [pagesShown, setPagesShown] = useState(1)

  const entries = useMemo(
    () => (catalog.status === 'ready' ? catalog.manifest.installments : NO_ENTRIES),
    [catalog],
  )
  // Until the rest of the manifest is read, the catalog holds the first screen and the series' counts.
  const partial = catalog.status === 'ready' ? catalog.partial : undefined
  const samples = useMemo(
    () => partial?.samples ?? entries.filter((e) => e.sample).length,
    [entries, partial],
  )
  const matches = useMemo(() => queryEntries(entries, { group, order }), [entries, group, order])
  const seriesTotal = partial?.total ?? entries.length
  const matchCount = partial?.total ?? matches.length
  // The first screen holds the first page in each order, nothing in between: more waits for the rest.
  const pagesReady = partial ? 1 : pagesShown
  const pages = chunk(matches.slice(0, pagesReady * PAGE_SIZE))
  const hasMore = matchCount > pagesReady * PAGE_SIZE

  // A new version is offered here, back from an interview, never in the middle of one.
  useOfferUpdateOnShow()
  usePageLanguage(() => text.appTitle, true)

  // The first render reads only the first screen; the rest follows once it has been sent.
  useEffect(() => {
    const timer = setTimeout(repository.complete, 0)
    return () => clearTimeout(timer)
  }, [])

  // Anything that looks past the first screen reads the whole manifest first.
  const narrow = (change: () => void) => {
    repository.complete()
    change()
    setPagesShown(1)
  }

  useReachBottom(() => {
    repository.complete()
    if (hasMore) setPagesShown((n) => n + 1)
  })

  usePullDownRefresh(async () => {
    const result = await repository.refresh()
    stopPullDownRefresh()
    toast(result.kind === 'ok' ? text.refreshed : text.refreshFailed)
  })

  useShareAppMessage(listShareMessage)
  useShareTimeline(listShareTimeline)

  if (catalog.status === 'error') {
    return (
      <StateView
        kind="error"
        title={text.errorTitle}
        body={text.errorBody}
        action={{ label: text.retry, onPress: () => void repository.refresh() }}
      />
    )
  }

  const series = seriesIn(catalog.manifest.series, currentLanguage())
  const account = series.officialAccount
  // The list is in the main package: thumbnails come from the content host, never from the reader's.
  const resolve = mediaResolver(catalog.source, series, false)
  return (
    <View className="list-page">
      <View className="series">
        <View className="series__title">{series.title}</View>
        <View className="series__tagline">{series.tagline}</View>
        <View className="series__meta">
          <Text>{text.installmentsCount(seriesTotal - samples, samples)}</Text>
          <View className="series__about" ariaRole="link" onClick={() => void navigateTo(ABOUT_PATH)}>
            {text.about}
          </View>
        </View>
        {account ? (
          <FollowAccount
            className="series__follow"
            account={account}
            onFollow={(a) => void followAccountAndTell(a)}
          />
        ) : null}
      </View>

      {refreshStatus.kind === 'failed' ? (
        <View className="notice" ariaRole="status">
          {text.staleNotice}
        </View>
      ) : null}

      <View className="tools">
        {/* Search has a page of its own, in its own package with the search file: the list stays light. */}
        <View
          className="search"
          ariaRole="button"
          ariaLabel={text.searchOpen}
          onClick={() => void navigateTo(SEARCH_PATH).then((opened) => opened || toast(text.linkFailed))}
        >
          <Text className="search__placeholder">{text.searchPlaceholder}</Text>
        </View>
        <View className="filters">
          {FILTERS.map((g) => (
            <View
              key={g}
              className={`chip${g === group ? ' chip--on' : ''}`}
              ariaRole="button"
              ariaLabel={chipLabel(g, g === group)}
              onClick={() => narrow(() => setGroup(g))}
            >
              {g === 'all' ? text.all : GROUP_LABELS[g]}
            </View>
          ))}
          <View
            className="order"
            ariaRole="button"
            ariaLabel={text.orderToggleLabel(order === 'newest' ? text.orderNewest : text.orderSeries)}
            onClick={() => narrow(() => setOrder(order === 'newest' ? 'series' : 'newest'))}
          >
            {order === 'newest' ? text.orderNewest : text.orderSeries}
          </View>
        </View>
      </View>

      {partial && group !== 'all' ? (
        // The first screen holds the first page in each order, not in each group: a group waits for
        // the rest of the column rather than show a gappy or empty page.
        <StateView kind="loading" title={text.loading} />
      ) : matches.length === 0 ? (
        <StateView
          kind="empty"
          title={text.emptyFilterTitle}
          body={text.emptyFilterBody}
          action={{
            label: text.clearFilters,
            onPress: () => narrow(() => setGroup('all')),
          }}
        />
      ) : (
        <View className="list">
          {pages.map((page, i) => (
            <View key={i} className="list__page">
              {page.map((entry) => (
                <InstallmentCard
                  key={entry.id}
                  entry={entry}
                  progress={progress[entry.id]}
                  saved={isFavourite(favourites, entry.id)}
                  isNew={catalog.newIds.has(entry.id)}
                  thumb={entry.coverImage?.thumb ? resolve(entry.coverImage.thumb) : null}
                  onOpen={(id) => void openInstallment(id)}
                  onToggleFavourite={toggleFavouriteAndTell}
                />
              ))}
            </View>
          ))}
        </View>
      )}
      {/* Outside .list, so the next page of cards is appended at the end of its children: Taro then
          sends just the new page, not the whole list again. */}
      {matches.length > 0 && !(partial && group !== 'all') ? (
        <View className="list__end">{hasMore ? text.loadingMore : text.allShown(matchCount)}</View>
      ) : null}
    </View>
  )
}
