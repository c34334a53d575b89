/**
 * Remote content on the compiled bundle built with a content URL (dist/weapp-remote), with wx.request
 * answered by the test. Every fault row asserts what the list and the reader show, that the reader's
 * favourites and progress are intact, and that no exception escaped.
 */
import type { Installment } from '../../src/content/schema'
import { byClass, find, findAll, Harness, textOf, type HarnessResponse, type Responder } from './harness'
import {
  bodyFile,
  bundledBodies,
  bundledManifest,
  CONTENT_BASE,
  host,
  keptSearchParts,
  type Kept,
  newInstallment,
  publish,
  searchFile,
  REMOTE_DIST,
  type Published,
} from './content-server'
import { generateSeries } from '../fixtures/generate'
import { measureRemote } from './remote-scenarios'
import {
  cardLabels,
  cards,
  cardTitles,
  fixtureApp,
  favouriteRows,
  openCard,
  readerTitle,
  stateTitle,
  tapTab,
  withText,
} from './screens'

const favourite = bundledManifest.installments[2]
const read = bundledManifest.installments[4]
const FAVOURITES_KEY = 'lre.user.favourites'
const PROGRESS_KEY = 'lre.user.progress'

/** A reader who has been here before: one favourite and some progress. */
function readerStorage(): Map<string, unknown> {
  return new Map<string, unknown>([
    [
      FAVOURITES_KEY,
      JSON.stringify({
        v: 1,
        data: [
          {
            id: favourite.id,
            savedAt: Date.UTC(2026, 10, 20),
            snapshot: {
              number: favourite.number,
              title: favourite.title,
              intervieweeName: favourite.interviewee.name,
              intervieweeRole: favourite.interviewee.role,
              group: favourite.interviewee.group,
              sample: true,
            },
          },
        ],
      }),
    ],
    [PROGRESS_KEY, JSON.stringify({ v: 1, data: { [read.id]: { offset: 900, ratio: 0.4, updatedAt: 1 } } })],
  ])
}

const extra = newInstallment(bundledManifest.installments.length + 1)
const withExtra = () => publish([...bundledBodies(), extra])
const bundledTitles = bundledManifest.installments.map((e) => e.title)

async function boot(request: Responder, kept: Kept = { storage: readerStorage() }): Promise<Harness> {
  const h = new Harness({ dist: REMOTE_DIST, request, storage: kept.storage, files: kept.files })
  await h.launch()
  await h.advance(60_000) // long enough for every timeout and retry to run out
  return h
}

/** Favourites unchanged; every progress entry the reader had is still there, as it was. */
function expectUserDataIntact(h: Harness, before: Map<string, unknown>) {
  expect(h.storage.get(FAVOURITES_KEY)).toBe(before.get(FAVOURITES_KEY))
  const progress = (stored: unknown) => JSON.parse(String(stored)).data as Record<string, unknown>
  expect(progress(h.storage.get(PROGRESS_KEY))).toMatchObject(progress(before.get(PROGRESS_KEY)))
}

const notice = (h: Harness) => findAll(h.root(), byClass('notice')).map(textOf)

const manifestOverride =
  (response: HarnessResponse) =>
  (file: string): HarnessResponse | undefined =>
    file === 'manifest.json' ? response : undefined

function editedManifest(files: Published, edit: (m: Record<string, unknown>) => unknown): string {
  return JSON.stringify(edit(JSON.parse(files.get('manifest.json') as string)))
}

type FaultRow = [name: string, respond: () => Responder, requests: number]

/** A host whose manifest is the good one, edited; bodies are served as published. */
const withEditedManifest = (edit: (m: Record<string, unknown>) => unknown) => () => {
  const files = withExtra()
  return host(files, manifestOverride({ statusCode: 200, data: editedManifest(files, edit) }))
}

const manifestFaults: FaultRow[] = [
  ['timeout (retried twice)', () => host(withExtra(), manifestOverride({ fail: 'timeout' })), 3],
  ['connection failure', () => host(withExtra(), manifestOverride({ fail: 'offline' })), 1],
  ['404', () => host(new Map()), 1],
  [
    'an HTML error page instead of JSON',
    () =>
      host(
        withExtra(),
        manifestOverride({ statusCode: 200, data: '<!doctype html><h1>502 Bad Gateway</h1>' }),
      ),
    1,
  ],
  [
    'truncated JSON',
    () => {
      const files = withExtra()
      return host(
        files,
        manifestOverride({ statusCode: 200, data: (files.get('manifest.json') as string).slice(0, 500) }),
      )
    },
    1,
  ],
  ['an empty body', () => host(withExtra(), manifestOverride({ statusCode: 200, data: '' })), 1],
  ['JSON null', () => host(withExtra(), manifestOverride({ statusCode: 200, data: 'null' })), 1],
  ['a missing required field', withEditedManifest((m) => ({ ...m, contentVersion: undefined })), 1],
  [
    'a field of the wrong type',
    withEditedManifest((m) => ({
      ...m,
      installments: (m.installments as Array<Record<string, unknown>>).map((e, i) =>
        i === 0 ? { ...e, number: '1' } : e,
      ),
    })),
    1,
  ],
  [
    'duplicate ids',
    withEditedManifest((m) => {
      const list = m.installments as Array<Record<string, unknown>>
      return { ...m, installments: [...list, { ...list[0], number: 99 }] }
    }),
    1,
  ],
  [
    'schemaVersion 2 (a breaking change this build cannot read)',
    withEditedManifest((m) => ({ ...m, schemaVersion: 2 })),
    1,
  ],
  ['schemaVersion 999', withEditedManifest((m) => ({ ...m, schemaVersion: 999 })), 1],
  ['a 3 MB manifest', withEditedManifest((m) => ({ ...m, padding: 'x'.repeat(3 * 1024 * 1024) })), 1],
]

describe('manifest faults: the app keeps what it has and says it could not update', () => {
  test.each(manifestFaults)('%s', async (_name, respond, requests) => {
    const storage = readerStorage()
    const before = new Map(storage)
    const h = await boot(respond(), { storage })

    expect(cardTitles(h).sort()).toEqual([...bundledTitles].sort())
    expect(notice(h)).toEqual(['没能更新，正在显示已保存的内容'])
    expect(h.requests.filter((r) => r.url.endsWith('/manifest.json'))).toHaveLength(requests)

    await openCard(h, read.title)
    await h.advance(100)
    expect(readerTitle(h)).toBe(read.title)
    expect(h.scrolledTo).toEqual([900])

    expectUserDataIntact(h, before)
    await tapTab(h, '/pages/favourites/index')
    expect(favouriteRows(h).map(textOf).join()).toContain(favourite.title)
    expect(h.errors).toEqual([])
  })
})

describe('a good refresh', () => {
  test('500, then success on retry: the new installment appears, marked new', async () => {
    let calls = 0
    const files = withExtra()
    const h = await boot(
      host(files, (file) =>
        file === 'manifest.json' && ++calls === 1 ? { statusCode: 500, data: 'oops' } : undefined,
      ),
    )
    expect(calls).toBe(2)
    expect(cardTitles(h)).toContain(extra.title)
    const card = find(h.root(), withText('cd', extra.title))
    expect(cardLabels(card, REMOTE_DIST)).toContain('新')
    expect(notice(h)).toEqual([])

    await openCard(h, extra.title)
    expect(readerTitle(h)).toBe(extra.title)
    expect(textOf(find(h.root(), byClass('reader__body')))).toContain('把有用的矿物和脉石分开')
    expect(h.errors).toEqual([])
  })

  test('content from a newer CLI, with fields this build has never heard of, is taken and read', async () => {
    // What editors might publish next year within schemaVersion 1: new optional fields at every level.
    const future = {
      ...extra,
      audio: { src: 'https://cdn.example.com/a.mp3' },
      interviewee: { ...extra.interviewee, pronouns: 'ta' },
      body: extra.body.map((block) => ({ ...block, align: 'center' })),
    } as Installment
    const files = publish([...bundledBodies(), future])
    const manifest = JSON.parse(files.get('manifest.json') as string) as Record<string, unknown>
    const series = manifest.series as Record<string, unknown>
    files.set(
      'manifest.json',
      JSON.stringify({ ...manifest, publisher: 'cdn', series: { ...series, logo: 'x' } }),
    )
    const h = await boot(host(files))
    expect(notice(h)).toEqual([])
    expect(cardTitles(h)).toContain(extra.title)
    await openCard(h, extra.title)
    expect(textOf(find(h.root(), byClass('reader__body')))).toContain('把有用的矿物和脉石分开')
    expect(h.errors).toEqual([])
  })

  test('bundled bodies that did not change are read from the package, not the network', async () => {
    const files = withExtra()
    const h = await boot(host(files))
    await openCard(h, read.title)
    expect(h.requests.map((r) => r.url)).toEqual([
      `${CONTENT_BASE}/manifest.json`,
      `${CONTENT_BASE}/${searchFile(files)}`,
    ])
  })

  test('an edition whose search file is the bundled one downloads no search file', async () => {
    const h = await boot(host(publish(bundledBodies())))
    await h.advance(60_000)
    expect(h.requests.map((r) => r.url)).toEqual([`${CONTENT_BASE}/manifest.json`])
  })

  test('cold launch: the manifest, then the search file behind the first screen; warm launch: one conditional request answered 304, cached list shown at once', async () => {
    const files = withExtra()
    const cold = await boot(host(files))
    expect(cold.requests.map((r) => r.url)).toEqual([
      `${CONTENT_BASE}/manifest.json`,
      `${CONTENT_BASE}/${searchFile(files)}`,
    ])
    expect(cold.requests[0].header['If-None-Match']).toBeUndefined()
    // Saved for later launches and offline search.
    expect(keptSearchParts(cold)).toHaveLength(1)
    await openCard(cold, extra.title)
    expect(cold.requests).toHaveLength(3)

    const warm = new Harness({
      dist: REMOTE_DIST,
      request: host(files),
      storage: cold.storage,
      files: cold.files,
    })
    await warm.launch()
    // Before the network answers, the first screen already has the cached remote list.
    expect(cardTitles(warm)).toContain(extra.title)
    await warm.advance(60_000)
    expect(warm.requests).toHaveLength(1)
    expect(warm.requests[0].header['If-None-Match']).toMatch(/^"/)
    await openCard(warm, extra.title)
    expect(readerTitle(warm)).toBe(extra.title)
    expect(warm.requests).toHaveLength(1)
    expect(warm.errors).toEqual([])
  })

  test('offline after a good launch: the cached list and cached bodies still show', async () => {
    const files = withExtra()
    const online = await boot(host(files))
    await openCard(online, extra.title)
    const offline = await boot(() => ({ fail: 'offline' }), online)
    expect(cardTitles(offline)).toContain(extra.title)
    expect(notice(offline)).toEqual(['没能更新，正在显示已保存的内容'])
    await openCard(offline, extra.title)
    expect(readerTitle(offline)).toBe(extra.title)
    expect(offline.errors).toEqual([])
  })

  test('pull-to-refresh picks up a new installment without losing the list', async () => {
    let files = publish(bundledBodies())
    const h = await boot((request) => host(files)(request))
    expect(cardTitles(h)).not.toContain(extra.title)
    files = withExtra()
    await h.trigger('onPullDownRefresh')
    expect(cardTitles(h)).toContain(extra.title)
    expect(h.toasts).toContain('已是最新内容')
  })

  test('returning to the foreground after 30 minutes refreshes; sooner does not', async () => {
    const h = await boot(host(withExtra()))
    const app = h.appOptions as { onShow: (o: unknown) => void }
    const manifestRequests = () => h.requests.filter((r) => r.url.endsWith('/manifest.json')).length
    app.onShow({ scene: 1001 })
    await h.advance(1000)
    expect(manifestRequests()).toBe(1)
    await h.advance(30 * 60 * 1000)
    app.onShow({ scene: 1001 })
    await h.advance(1000)
    expect(manifestRequests()).toBe(2)
  })
})

describe('body faults: metadata stays, the reader can retry', () => {
  test.each([
    [
      'a body hash mismatch',
      (files: Published) =>
        host(files, (f) =>
          f.includes(extra.id)
            ? { statusCode: 200, data: files.get(bodyFile(files, extra.id))!.replace('选矿', '炼铁') }
            : undefined,
        ),
    ],
    [
      'a body missing (404 while the manifest is fine)',
      (files: Published) =>
        host(files, (f) => (f.includes(extra.id) ? { statusCode: 404, data: 'Not Found' } : undefined)),
    ],
    [
      'a body that times out',
      (files: Published) => host(files, (f) => (f.includes(extra.id) ? { fail: 'timeout' } : undefined)),
    ],
  ])('%s', async (_name, respond) => {
    const storage = readerStorage()
    const before = new Map(storage)
    const files = withExtra()
    const h = await boot(respond(files), { storage })
    expect(cardTitles(h)).toContain(extra.title)
    await openCard(h, extra.title)
    await h.advance(60_000)
    expect(textOf(find(h.root(), byClass('reader__title')))).toBe(extra.title)
    expect(stateTitle(h)).toBe('这期访谈暂时打不开')
    // The host recovers; retry loads it.
    h.respond = host(files)
    await h.tap(find(h.root(), byClass('state__action')))
    await h.advance(1000)
    expect(textOf(find(h.root(), byClass('reader__body')))).toContain('把有用的矿物和脉石分开')
    expectUserDataIntact(h, before)
    expect(h.errors).toEqual([])
  })
})

describe('a valid manifest with fewer installments than cached', () => {
  test('removals apply; a favourite of a removed installment still shows and says it is gone', async () => {
    const first = await boot(host(withExtra()))
    expect(cardTitles(first)).toHaveLength(bundledTitles.length + 1)
    const removed = bundledManifest.installments[2] // the reader's favourite
    const fewer = publish(bundledBodies().filter((b) => b.id !== removed.id))
    const second = await boot(host(fewer), first)
    expect(cardTitles(second)).toHaveLength(bundledTitles.length - 1)
    expect(cardTitles(second)).not.toContain(removed.title)
    await tapTab(second, '/pages/favourites/index')
    expect(favouriteRows(second).map(textOf).join()).toContain(removed.title)
    await second.tap(find(favouriteRows(second)[0], byClass('fav__title')))
    expect(stateTitle(second)).toBe('没有找到这期访谈')
    expect(second.errors).toEqual([])
  })

  test('a manifest that lists nothing is refused as an accident', async () => {
    const h = await boot(host(publish([])))
    expect(cardTitles(h)).toHaveLength(bundledTitles.length)
    expect(notice(h)).toEqual(['没能更新，正在显示已保存的内容'])
  })
})

describe('a full storage', () => {
  test('"exceed storage max size" on every write: the update still shows, nothing is lost, nothing throws', async () => {
    const storage = readerStorage()
    const before = new Map(storage)
    const h = new Harness({ dist: REMOTE_DIST, request: host(withExtra()), storage })
    h.storageFault = 'quota'
    await h.launch()
    await h.advance(60_000)
    expect(cardTitles(h)).toContain(extra.title)
    await openCard(h, extra.title)
    expect(readerTitle(h)).toBe(extra.title)
    expectUserDataIntact(h, before)
    expect([...h.storage.keys()].filter((k) => k.startsWith('lre.cache.'))).toEqual([])
    expect(h.errors).toEqual([])
  })
})

test('the build without a content URL makes no request at all', async () => {
  const h = fixtureApp()
  await h.launch()
  await h.advance(60_000)
  await openCard(h, read.title)
  expect(h.requests).toEqual([])
})

test('100 installments of 6,000 characters, every one opened: the cache, search file included, stays within budget; a warm launch makes one request', async () => {
  const measured = await measureRemote(100)
  expect(measured).toMatchObject({
    installments: 100,
    bodiesOpened: 100,
    // The manifest, then the search file's two parts (about 1 MB each) behind the first screen.
    coldLaunchRequests: 3,
    searchParts: 2,
    warmLaunchRequests: 1,
    searchFileSaved: true,
  })
  expect(measured.cacheBytes).toBeLessThan(5 * 1024 * 1024)
  expect(measured.largestCacheKeyBytes).toBeLessThanOrEqual(900 * 1024)
}, 60_000)

test('a favourite saved from the list is fetched at once and readable offline later', async () => {
  const files = withExtra()
  const online = await boot(host(files), { storage: new Map() })
  await online.tap(find(find(online.root(), withText('cd', extra.title)), byClass('fb')))
  await online.advance(1000)
  expect(online.requests.map((r) => r.url)).toContain(`${CONTENT_BASE}/${bodyFile(withExtra(), extra.id)}`)
  const offline = await boot(() => ({ fail: 'offline' }), online)
  await tapTab(offline, '/pages/favourites/index')
  await offline.tap(find(favouriteRows(offline)[0], byClass('fav__title')))
  expect(readerTitle(offline)).toBe(extra.title)
  expect(textOf(find(offline.root(), byClass('reader__body')))).toContain('把有用的矿物和脉石分开')
  expect(offline.errors).toEqual([])
})

test("a refresh that brings a new installment keeps the list's place (pages already shown stay shown)", async () => {
  let files = publish(generateSeries(100))
  const h = await boot((request) => host(files)(request), { storage: new Map() })
  await h.trigger('onReachBottom')
  expect(cards(h)).toHaveLength(40)
  files = publish([...generateSeries(100), newInstallment(101, 'remote-extra-101')])
  await h.trigger('onPullDownRefresh')
  expect(cards(h)).toHaveLength(40)
  expect(cardTitles(h)[0]).toBe(newInstallment(101).title)
})
