import { Input, Text, View } from '@tarojs/components'
import {
  useDidShow,
  usePullDownRefresh,
  useReachBottom,
  useShareAppMessage,
  useShareTimeline,
} from '@tarojs/taro'
import { useMemo, useState } from 'react'

import { InstallmentCard } from '@/components/InstallmentCard'
import { StateView } from '@/components/StateView'
import { repository, useCatalog, useRefreshStatus } from '@/content'
import { chunk, PAGE_SIZE, queryEntries, type GroupFilter } from '@/content/query'
import { GROUPS, type ManifestEntry } from '@/content/schema'
import { GROUP_LABELS, text } from '@/i18n/zh'
import { toggleFavouriteAndTell } from '@/favourite-action'
import { favouritesStore, isFavourite } from '@/library/favourites'
import { progressStore } from '@/library/progress'
import { setOrder, settingsStore } from '@/library/settings'
import { useStore } from '@/library/store'
import { ABOUT_PATH, navigateTo, openInstallment } from '@/platform/navigation'
import { stopPullDownRefresh, toast } from '@/platform/ui'
import { listShareMessage, listShareTimeline } from '@/share'

import './index.scss'

const FILTERS: GroupFilter[] = ['all', ...GROUPS]
const NO_ENTRIES: ManifestEntry[] = []

function chipLabel(group: GroupFilter, selected: boolean): string {
  const label = group === 'all' ? text.all : GROUP_LABELS[group]
  return selected ? `${label}（${text.selected}）` : label
}

export default function InstallmentsPage() {
  const catalog = useCatalog()
  const refreshStatus = useRefreshStatus()
  const { order } = useStore(settingsStore)
  const favourites = useStore(favouritesStore)
  // Progress is read when the list comes into view, not subscribed to: saving it while reading
  // must not re-render this page in the background.
  const [progress, setProgress] = useState(progressStore.get)
  useDidShow(() => setProgress(progressStore.get()))
  const [group, setGroup] = useState<GroupFilter>('all')
  const [search, setSearch] = useState('')
  const [pagesShown, setPagesShown] = useState(1)

  const entries = useMemo(
    () => (catalog.status === 'ready' ? catalog.manifest.installments : NO_ENTRIES),
    [catalog],
  )
  const matches = useMemo(
    () => queryEntries(entries, { group, search, order }),
    [entries, group, search, order],
  )
  const pages = chunk(matches).slice(0, pagesShown)
  const hasMore = matches.length > pagesShown * PAGE_SIZE

  const narrow = (change: () => void) => {
    change()
    setPagesShown(1)
  }

  useReachBottom(() => {
    if (hasMore) setPagesShown((n) => n + 1)
  })

  usePullDownRefresh(async () => {
    const result = await repository.refresh()
    stopPullDownRefresh()
    toast(result.kind === 'ok' ? text.refreshed : text.refreshFailed)
  })

  useShareAppMessage(() => listShareMessage)
  useShareTimeline(() => listShareTimeline)

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

  const { series } = catalog.manifest
  return (
    <View className="list-page">
      <View className="series">
        <View className="series__title" ariaRole="heading">
          {series.title}
        </View>
        <View className="series__tagline">{series.tagline}</View>
        <View className="series__meta">
          <Text>{text.installmentsCount(entries.length)}</Text>
          <View className="series__about" ariaRole="link" onClick={() => void navigateTo(ABOUT_PATH)}>
            {text.about}
          </View>
        </View>
      </View>

      {refreshStatus.kind === 'failed' ? (
        <View className="notice" ariaRole="status">
          {text.staleNotice}
        </View>
      ) : null}

      <View className="tools">
        <View className="search">
          <Input
            className="search__input"
            value={search}
            placeholder={text.searchPlaceholder}
            confirmType="search"
            ariaLabel={text.searchLabel}
            onInput={(e) => narrow(() => setSearch(e.detail.value))}
          />
          {search ? (
            <View
              className="search__clear"
              ariaRole="button"
              ariaLabel={text.clearSearch}
              onClick={() => narrow(() => setSearch(''))}
            >
              ×
            </View>
          ) : null}
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

      {matches.length === 0 ? (
        <StateView
          kind="empty"
          title={text.emptySearchTitle}
          body={text.emptySearchBody}
          action={{ label: text.clearFilters, onPress: () => narrow(() => (setSearch(''), setGroup('all'))) }}
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
                  onOpen={(id) => void openInstallment(id)}
                  onToggleFavourite={toggleFavouriteAndTell}
                />
              ))}
            </View>
          ))}
          <View className="list__end">{hasMore ? text.loadingMore : text.allShown(matches.length)}</View>
        </View>
      )}
    </View>
  )
}
