import { Clock } from './clock'
import { MAX_SINGLE_SETDATA_BYTES, Pages, type SetDataRecord } from './pages'

function setUp(files: Record<string, Record<string, unknown> | null>) {
  const setDataLog: SetDataRecord[] = []
  const errors: unknown[] = []
  const clock = new Clock()
  const loads: string[] = []
  const pages: Pages = new Pages({
    routes: Object.keys(files),
    load: (route) => {
      loads.push(route)
      const options = files[route]
      if (options) pages.register(options)
    },
    setDataLog,
    errors,
    clock,
    createSelectorQuery: () => 'query',
  })
  return { pages, setDataLog, errors, clock, loads }
}

describe('pages', () => {
  it('loads a page file once and makes a fresh instance each time', () => {
    const { pages, loads } = setUp({ 'pages/a/index': { data: { list: [1] }, onLoad: () => undefined } })
    const first = pages.create('pages/a/index', { id: '1' }, 1)
    const second = pages.create('pages/a/index', {}, 2)
    expect(loads).toEqual(['pages/a/index'])
    expect(first).toMatchObject({ route: 'pages/a/index', __route__: 'pages/a/index', options: { id: '1' } })
    expect(first.__wxWebviewId__).toBe(1)
    expect(second.__wxWebviewId__).toBe(2)
    ;(first.data.list as number[]).push(2)
    expect(second.data.list).toEqual([1])
    expect(first.createSelectorQuery).toBeInstanceOf(Function)
    expect((first.createSelectorQuery as () => unknown)()).toBe('query')
  })

  it.each<[string, () => void, string]>([
    [
      'a route not in app.json',
      () => setUp({}).pages.create('pages/x/index', {}, 1),
      'page "pages/x/index" is not in app.json',
    ],
    [
      'a page file without Page()',
      () => setUp({ 'pages/a/index': null }).pages.create('pages/a/index', {}, 1),
      'pages/a/index.js did not call Page()',
    ],
    ['Page() outside a page file', () => setUp({}).pages.register({}), 'Page() called outside a page file'],
  ])('refuses %s', (_name, run, error) => {
    expect(run).toThrow(error)
  })

  it('records each setData with its size and keys, applies it by path, and calls back on the next tick', async () => {
    const { pages, setDataLog, clock } = setUp({ 'pages/a/index': {} })
    const page = pages.create('pages/a/index', {}, 1)
    const done: string[] = []
    page.setData({ 'root.cn.[0].v': '问', title: 'x' }, () => done.push('cb'))
    expect(page.data).toEqual({ root: { cn: [{ v: '问' }] }, title: 'x' })
    expect(setDataLog).toEqual([
      {
        route: 'pages/a/index',
        bytes: Buffer.byteLength('{"root.cn.[0].v":"问","title":"x"}'),
        keys: ['root.cn.[0].v', 'title'],
      },
    ])
    expect(done).toEqual([])
    await clock.settle()
    expect(done).toEqual(['cb'])
  })

  it('reports a setData over the single-call limit as an error', () => {
    const { pages, errors } = setUp({ 'pages/a/index': {} })
    pages.create('pages/a/index', {}, 1).setData({ big: 'x'.repeat(MAX_SINGLE_SETDATA_BYTES) })
    expect(String(errors[0])).toMatch(/setData of \d+ bytes on pages\/a\/index/)
  })
})
