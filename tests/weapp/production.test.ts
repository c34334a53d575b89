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

  test('left for the favourites tab instead, the reader is offered it there', async () => {
    const h = fixtureApp()
    await h.launch()
    await openCard(h, entryByNumber(3).title)
    await newVersionDownloaded(h)
    await tapTab(h, '/pages/favourites/index')
    expect(h.modals).toEqual([UPDATE_QUESTION])
  })

  test('a modal the platform refused is not an answer: it is offered again on the next show', async () => {
    const h = fixtureApp({ failingApis: ['showModal'] })
    await h.launch()
    await newVersionDownloaded(h)
    await tapTab(h, '/pages/favourites/index')
    expect(h.apiCalls.filter((c) => c.api === 'showModal')).toHaveLength(2)
    expect(h.updates.applied).toBe(0)
    expect(h.errors).toEqual([])
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

  test('with reLaunch absent, a tab switch gets there instead', async () => {
    const h = fixtureApp({ missingApis: ['reLaunch'] })
    await h.launch('/pages/interview/detail')
    expect(route(h)).toBe('pages/index/index')
    expect(h.toasts).toEqual([DEAD_LINK])
    expect(h.errors).toEqual([])
  })

  test('with reLaunch failing, WeChat shows its own page; the app throws nothing and logs it', async () => {
    const h = fixtureApp({ failingApis: ['reLaunch'] })
    await expect(h.launch('/pages/interview/detail')).rejects.toThrow('WeChat shows its own not-found page')
    expect(h.errors).toEqual([])
    expect(h.toasts).toEqual([])
    expect(h.realtimeLogs.map((l) => l.entry)).toEqual([
      { event: 'page-not-found', path: 'pages/interview/detail' },
    ])
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

  test('at most 20 entries a launch, and routine failures leave room for errors', async () => {
    const h = remoteApp(() => ({ fail: 'offline' }))
    await h.launch()
    for (let i = 0; i < 30; i++) await h.trigger('onPullDownRefresh')
    expect(h.realtimeLogs).toHaveLength(15)
    const app = h.appOptions as { onError: (message: string) => void }
    for (let i = 0; i < 10; i++) app.onError(`Error ${i}`)
    await h.settle()
    expect(h.realtimeLogs.map((l) => l.level)).toEqual([...Array(15).fill('warn'), ...Array(5).fill('error')])
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
  type Rule = {
    action: 'allow' | 'disallow'
    page: string
    params?: string[]
    matching?: 'exact' | 'inclusive' | 'exclusive' | 'partial'
    priority?: number
  }
  const sitemap = JSON.parse(readFileSync(path.join(FIXTURE_DIST, 'sitemap.json'), 'utf8')) as {
    rules: Rule[]
  }
  const appJson = JSON.parse(readFileSync(path.join(FIXTURE_DIST, 'app.json'), 'utf8')) as {
    sitemapLocation?: string
  }

  /** WeChat's documented matching of a page's params against a rule's (inclusive by default). */
  function paramsMatch(rule: Rule, params: string[]): boolean {
    const wanted = rule.params ?? []
    if (wanted.length === 0) return true
    const has = (p: string) => params.includes(p)
    switch (rule.matching ?? 'inclusive') {
      case 'exact':
        return wanted.length === params.length && wanted.every(has)
      case 'inclusive':
        return wanted.every(has)
      case 'exclusive':
        return !wanted.some(has)
      case 'partial':
        return wanted.some(has)
    }
  }

  /** The first rule that matches, top to bottom (no rule sets a priority, which would reorder them). */
  function allowed(page: string, params: string[]): boolean {
    expect(sitemap.rules.every((r) => r.priority === undefined)).toBe(true)
    const rule = sitemap.rules.find((r) => (r.page === '*' || r.page === page) && paramsMatch(r, params))
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
    ['pages/reader/index', ['id', 'from'], false],
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

test('on the oldest base library we support (2.11.2, as project.config.json says), the reader’s flows work', async () => {
  const config = JSON.parse(
    readFileSync(path.resolve(__dirname, '..', '..', 'project.config.json'), 'utf8'),
  ) as {
    libVersion: string
  }
  // 2.11.2 brought require.async, which the list reads the rest of the bundled manifest with.
  expect(config.libVersion).toBe('2.11.2')
  // Everything the app calls that arrived after 2.11.2, each behind canIUse.
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
