import { parseUrl, Router, routesOf, type AppJson, type PageInstance } from './router'

const appJson: AppJson = {
  pages: ['pages/index/index', 'pages/favourites/index', 'pages/reader/index'],
  subPackages: [{ root: 'extra/', pages: ['about/index'] }],
  tabBar: { list: [{ pagePath: 'pages/index/index' }, { pagePath: 'pages/favourites/index' }] },
}

const HOOKS = ['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload']

/** A router over pages that log their lifecycle as `route#n hook`. */
function setUp(scene = 1001) {
  const log: string[] = []
  let made = 0
  const router = new Router(appJson, {
    scene,
    createPage: (route, query) => {
      const name = `${route.split('/')[1]}#${++made}`
      const page: Record<string, unknown> = {
        route,
        __route__: route,
        options: query,
        data: {},
        setData: () => undefined,
      }
      for (const hook of HOOKS) page[hook] = () => log.push(`${name} ${hook}`)
      return page as PageInstance
    },
    call: (page, hook, ...args) => (page[hook] as ((...a: unknown[]) => unknown) | undefined)?.(...args),
  })
  const stack = () => router.stack.map((p) => p.route.split('/')[1])
  return { router, log, stack }
}

describe('routes', () => {
  it('lists main and subpackage pages', () => {
    expect(routesOf(appJson)).toEqual([...appJson.pages, 'extra/about/index'])
  })

  it.each<[string, { route: string; query: Record<string, string> }]>([
    [
      '/pages/reader/index?id=12&from=list',
      { route: 'pages/reader/index', query: { id: '12', from: 'list' } },
    ],
    ['pages/index/index', { route: 'pages/index/index', query: {} }],
    ['/pages/reader/index?flag&x=', { route: 'pages/reader/index', query: { flag: '', x: '' } }],
  ])('parses %s', (url, expected) => {
    expect(parseUrl(url)).toEqual(expected)
  })
})

describe('refused navigation', () => {
  // Every row has all four columns: jest takes a missing last one for a `done` callback.
  const cases: Array<[string, (r: Router) => void, string, number]> = [
    [
      'navigateTo a tab page',
      (r) => r.navigate('navigateTo', '/pages/favourites/index'),
      'can not navigateTo a tabbar page',
      1001,
    ],
    [
      'redirectTo a tab page',
      (r) => r.navigate('redirectTo', '/pages/index/index'),
      'can not redirectTo a tabbar page',
      1001,
    ],
    [
      'a page not in app.json',
      (r) => r.navigate('navigateTo', '/pages/nowhere/index'),
      'page "pages/nowhere/index" is not found',
      1001,
    ],
    ['back on the first page', (r) => r.back(), 'navigateBack:fail cannot navigate back at first page', 1001],
    [
      'navigateTo in scene 1154',
      (r) => r.navigate('navigateTo', '/pages/reader/index'),
      'not supported in single-page mode',
      1154,
    ],
    [
      'switchTab in scene 1154',
      (r) => r.navigate('switchTab', '/pages/favourites/index'),
      'switchTab:fail not supported',
      1154,
    ],
    [
      'reLaunch in scene 1154',
      (r) => r.navigate('reLaunch', '/pages/index/index'),
      'reLaunch:fail not supported',
      1154,
    ],
  ]

  it.each(cases)('%s fails and leaves the stack as it was', (_name, go, error, scene) => {
    const { router, log, stack } = setUp(scene)
    router.open('pages/index/index', {})
    log.length = 0
    expect(() => go(router)).toThrow(error)
    expect(stack()).toEqual(['index'])
    expect(log).toEqual([])
  })
})

describe('the page stack', () => {
  const cases: Array<[string, (r: Router) => void, string[], string[]]> = [
    [
      'navigateTo hides the page below and opens the new one',
      (r) => r.navigate('navigateTo', '/pages/reader/index?id=1'),
      ['index', 'reader'],
      ['index#1 onHide', 'reader#2 onLoad', 'reader#2 onShow', 'reader#2 onReady'],
    ],
    [
      'back unloads the top and shows the page below',
      (r) => {
        r.navigate('navigateTo', '/pages/reader/index')
        r.back()
      },
      ['index'],
      [
        'index#1 onHide',
        'reader#2 onLoad',
        'reader#2 onShow',
        'reader#2 onReady',
        'reader#2 onUnload',
        'index#1 onShow',
      ],
    ],
    [
      'redirectTo replaces the top',
      (r) => {
        r.navigate('navigateTo', '/pages/reader/index')
        r.navigate('redirectTo', '/extra/about/index')
      },
      ['index', 'about'],
      [
        'index#1 onHide',
        'reader#2 onLoad',
        'reader#2 onShow',
        'reader#2 onReady',
        'reader#2 onUnload',
        'about#3 onLoad',
        'about#3 onShow',
        'about#3 onReady',
      ],
    ],
    [
      'switchTab keeps tab pages alive: the first tab comes back as the same instance',
      (r) => {
        r.navigate('switchTab', '/pages/favourites/index')
        r.navigate('switchTab', '/pages/index/index')
      },
      ['index'],
      [
        'index#1 onHide',
        'favourites#2 onLoad',
        'favourites#2 onShow',
        'favourites#2 onReady',
        'favourites#2 onHide',
        'index#1 onShow',
      ],
    ],
    [
      'switchTab closes the pages that are not tabs',
      (r) => {
        r.navigate('navigateTo', '/pages/reader/index')
        r.navigate('switchTab', '/pages/favourites/index')
      },
      ['favourites'],
      [
        'index#1 onHide',
        'reader#2 onLoad',
        'reader#2 onShow',
        'reader#2 onReady',
        'reader#2 onUnload',
        'index#1 onHide',
        'favourites#3 onLoad',
        'favourites#3 onShow',
        'favourites#3 onReady',
      ],
    ],
    [
      'reLaunch closes tab pages too and opens afresh',
      (r) => {
        r.navigate('switchTab', '/pages/favourites/index')
        r.navigate('reLaunch', '/pages/index/index')
      },
      ['index'],
      [
        'index#1 onHide',
        'favourites#2 onLoad',
        'favourites#2 onShow',
        'favourites#2 onReady',
        'favourites#2 onUnload',
        'index#3 onLoad',
        'index#3 onShow',
        'index#3 onReady',
      ],
    ],
  ]

  it.each(cases)('%s', (_name, go, expectedStack, expectedLog) => {
    const { router, log, stack } = setUp()
    router.open('pages/index/index', {})
    log.length = 0
    go(router)
    expect(stack()).toEqual(expectedStack)
    expect(log).toEqual(expectedLog)
  })

  it('passes the query to onLoad and keeps it on the page', () => {
    const { router } = setUp()
    router.open('pages/index/index', {})
    router.navigate('navigateTo', '/pages/reader/index?id=7')
    expect(router.current().options).toEqual({ id: '7' })
  })

  it('has no current page before the first opens', () => {
    expect(() => setUp().router.current()).toThrow('no page is open')
  })
})
