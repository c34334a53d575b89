/**
 * Running in production, on the compiled bundle: new versions offered at a good moment, dead links led
 * back to the list, failures in the real-time log (and nothing of the reader's), the sitemap, a
 * reader that renders a body it has without a loading state, and the oldest base library we support.
 * Each platform API is tried present, absent and failing.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { host, newInstallment, publish, bundledBodies, REMOTE_DIST } from './content-server'
import { Harness, type HarnessOptions } from './harness'
import {
  entryByNumber,
  FIXTURE_DIST,
  fixture,
  fixtureApp,
  openCard,
  readerText,
  readerTitle,
  stateTitle,
  tapTab,
} from './screens'

const UPDATE_QUESTION = {
  content: '新版本已准备好，是否重启应用？',
  confirmText: '重启',
  cancelText: '稍后',
}
const DEAD_LINK = '这个页面已不存在，已为你打开访谈列表'
const route = (h: Harness) => h.current().route

async function newVersionDownloaded(h: Harness): Promise<void> {
  h.updates.ready.forEach((ready) => ready())
  await h.settle()
}

describe('a new version', () => {
  test('offered on the list: 重启 restarts into it', async () => {
    const h = fixtureApp()
    await h.launch()
    await newVersionDownloaded(h)
    expect(h.modals).toEqual([UPDATE_QUESTION])
    expect(h.updates.applied).toBe(1)
  })

  test('稍后 is respected: not asked again this session, nothing applied', async () => {
    const h = fixtureApp({ modalAnswer: 'cancel' })
    await h.launch()
    await newVersionDownloaded(h)
    await tapTab(h, '/pages/favourites/index')
    await tapTab(h, '/pages/index/index')
    expect(h.modals).toHaveLength(1)
    expect(h.updates.applied).toBe(0)
  })

  test('never in the middle of an interview: offered once the reader is back on the list', async () => {
    const h = fixtureApp()
    await h.launch()
    await openCard(h, entryByNumber(3).title)
    await newVersionDownloaded(h)
    expect(h.modals).toEqual([])
    h.back()
    await h.settle()
    expect(h.modals).toEqual([UPDATE_QUESTION])
  })

  test('a failed download is logged and otherwise silent', async () => {
    const h = fixtureApp()
    await h.launch()
    h.updates.failed.forEach((failed) => failed())
    await h.settle()
    expect(h.modals).toEqual([])
    expect(h.toasts).toEqual([])
    expect(h.realtimeLogs).toEqual([{ level: 'warn', entry: { event: 'update-failed' } }])
  })

  test.each([
    ['absent (an old base library, or the browser)', { missingApis: ['getUpdateManager'] }],
    ['failing', { failingApis: ['getUpdateManager'] }],
  ])('with the update manager %s, the app runs as it is', async (_name, options: HarnessOptions) => {
    const h = fixtureApp(options)
    await h.launch()
    expect(route(h)).toBe('pages/index/index')
    expect(h.updates.ready).toEqual([])
    expect(h.errors).toEqual([])
  })
})

describe('a link to a page this version does not have', () => {
  test('relaunches to the list with a short notice, and the team hears of it', async () => {
    const h = fixtureApp()
    await h.launch('/pages/interview/detail?id=fixture-001')
    expect(route(h)).toBe('pages/index/index')
    expect(h.toasts).toEqual([DEAD_LINK])
    expect(h.realtimeLogs).toEqual([
      { level: 'warn', entry: { event: 'page-not-found', path: 'pages/interview/detail' } },
    ])
    expect(h.errors).toEqual([])
  })

  test.each([
    ['failing', { failingApis: ['reLaunch'] }],
    ['absent', { missingApis: ['reLaunch'] }],
  ])('with reLaunch %s, a tab switch gets there instead', async (_name, options: HarnessOptions) => {
    const h = fixtureApp(options)
    await h.launch('/pages/interview/detail')
    expect(route(h)).toBe('pages/index/index')
    expect(h.toasts).toEqual([DEAD_LINK])
    expect(h.errors).toEqual([])
  })

  test('a reader link whose id is gone still shows not-found, not the list', async () => {
    const h = fixtureApp()
    await h.launch('/pages/reader/index?id=an-installment-long-gone')
    expect(route(h)).toBe('pages/reader/index')
    expect(stateTitle(h)).toBe('没有找到这期访谈')
  })
})

describe('the real-time log', () => {
  const extra = newInstallment(fixture.installments.length + 1)
  const remoteApp = (respond: Parameters<typeof host>[1], options: HarnessOptions = {}) =>
    new Harness({
      dist: REMOTE_DIST,
      request: host(publish([...bundledBodies(), extra]), respond),
      ...options,
    })

  test('a refresh that failed: its kind, status and content version, nothing of the reader', async () => {
    const h = remoteApp((file) => (file === 'manifest.json' ? { statusCode: 500, data: 'oops' } : undefined))
    await h.launch()
    await h.advance(60_000)
    expect(h.realtimeLogs).toEqual([
      {
        level: 'warn',
        entry: {
          event: 'refresh-failed',
          problem: 'http-error',
          status: 500,
          contentVersion: fixture.contentVersion,
        },
      },
    ])
  })

  test('a body that failed its hash check', async () => {
    const h = remoteApp((file) =>
      file.includes(extra.id) ? { statusCode: 200, data: '{"schemaVersion":1}' } : undefined,
    )
    await h.launch()
    await h.advance(60_000)
    await openCard(h, extra.title)
    await h.advance(60_000)
    expect(h.realtimeLogs.map((l) => l.entry)).toContainEqual({
      event: 'body-failed',
      problem: 'integrity',
      status: null,
      contentVersion: expect.any(String),
    })
  })

  test('at most 20 entries a launch, however often it fails', async () => {
    const h = remoteApp(() => ({ fail: 'offline' }))
    await h.launch()
    for (let i = 0; i < 30; i++) await h.trigger('onPullDownRefresh')
    expect(h.realtimeLogs).toHaveLength(20)
    expect(h.errors).toEqual([])
  })

  test('uncaught errors and unhandled rejections go there too, as short messages', async () => {
    const h = fixtureApp()
    await h.launch()
    const app = h.appOptions as {
      onError: (message: string) => void
      onUnhandledRejection: (res: unknown) => void
    }
    app.onError(`TypeError: x is undefined\n${'    at somewhere\n'.repeat(50)}`)
    app.onUnhandledRejection({ reason: new Error('request:fail'), promise: Promise.resolve() })
    await h.settle()
    expect(h.realtimeLogs).toEqual([
      {
        level: 'error',
        entry: { event: 'error', message: expect.stringMatching(/^TypeError: x is undefined/) },
      },
      { level: 'error', entry: { event: 'unhandled-rejection', message: 'request:fail' } },
    ])
    expect(String((h.realtimeLogs[0].entry as { message: string }).message).length).toBeLessThanOrEqual(200)
  })

  test.each([
    ['absent', { missingApis: ['getRealtimeLogManager'] }],
    ['failing', { failingApis: ['getRealtimeLogManager'] }],
  ])('with the log manager %s, failures are not logged and nothing breaks', async (_name, options) => {
    const h = remoteApp(() => ({ fail: 'offline' }), options)
    await h.launch()
    await h.advance(60_000)
    expect(h.realtimeLogs).toEqual([])
    expect(h.errors).toEqual([])
    expect(route(h)).toBe('pages/index/index')
  })
})

describe('WeChat search', () => {
  type Rule = { action: 'allow' | 'disallow'; page: string; params?: string[]; matching?: string }
  const sitemap = JSON.parse(readFileSync(path.join(FIXTURE_DIST, 'sitemap.json'), 'utf8')) as {
    rules: Rule[]
  }
  const appJson = JSON.parse(readFileSync(path.join(FIXTURE_DIST, 'app.json'), 'utf8')) as {
    sitemapLocation?: string
  }

  /** WeChat's reading of the rules: the first that matches, top to bottom ("inclusive": these params at least). */
  function allowed(page: string, params: string[]): boolean {
    const rule = sitemap.rules.find(
      (r) => (r.page === '*' || r.page === page) && (r.params ?? []).every((p) => params.includes(p)),
    )
    return rule?.action === 'allow'
  }

  test('app.json names the sitemap the build carries', () => {
    expect(appJson.sitemapLocation).toBe('sitemap.json')
  })

  test.each([
    ['pages/index/index', [], true],
    ['pages/about/index', [], true],
    ['pages/reader/index', ['id'], true],
    ['pages/reader/index', [], false],
    ['pages/favourites/index', [], false],
    ['pages/unknown/index', [], false],
  ])('%s with params %j may be indexed: %s', (page, params, expected) => {
    expect(allowed(page, params)).toBe(expected)
  })

  test('an interview the device has renders in the first setData, titled number · person · title', async () => {
    const entry = entryByNumber(2)
    const h = fixtureApp()
    await h.launch(`/pages/reader/index?id=${entry.id}`)
    const readerCalls = h.setDataLog.filter((r) => r.route === 'pages/reader/index')
    expect(readerCalls[0].bytes).toBeGreaterThan(2048)
    expect(readerTitle(h)).toBe(entry.title)
    expect(readerText(h).length).toBeGreaterThan(200)
    expect(entry.sample).toBeFalsy()
    expect(h.navigationTitles).toContain(`第 2 期 · ${entry.interviewee.name} · ${entry.title}`)
  })

  test('(control) a body that must come from the network starts with a small loading state', async () => {
    const extra = newInstallment(fixture.installments.length + 1)
    const h = new Harness({ dist: REMOTE_DIST, request: host(publish([...bundledBodies(), extra])) })
    await h.launch()
    await h.advance(10_000)
    await openCard(h, extra.title)
    const readerCalls = h.setDataLog.filter((r) => r.route === 'pages/reader/index')
    expect(readerCalls[0].bytes).toBeLessThan(1024)
  })
})

test('on the oldest base library we support (2.11.1, as project.config.json says), the reader’s flows work', async () => {
  const config = JSON.parse(
    readFileSync(path.resolve(__dirname, '..', '..', 'project.config.json'), 'utf8'),
  ) as {
    libVersion: string
  }
  expect(config.libVersion).toBe('2.11.1')
  // Everything the app calls that arrived after 2.11.1, each behind canIUse.
  const newer = [
    'getWindowInfo',
    'getDeviceInfo',
    'getAppBaseInfo',
    'openOfficialAccountArticle',
    'openOfficialAccountProfile',
  ]
  const h = fixtureApp({ missingApis: newer })
  await h.launch()
  const entry = entryByNumber(5)
  await openCard(h, entry.title)
  expect(readerTitle(h)).toBe(entry.title)
  h.back()
  await h.settle()
  await tapTab(h, '/pages/favourites/index')
  expect(h.errors).toEqual([])
})
