import { Clock } from './clock'
import { CustomWrappers } from './components'
import type { SetDataRecord } from './pages'
import type { PageInstance } from './router'
import type { TemplateInfo, TreeNode } from './tree'

// nn 7 renders a custom-wrapper, nn 2 a view: as base.wxml would say.
const templates = new Map<string, TemplateInfo>([
  ['7', { tag: 'custom-wrapper', attrs: {}, events: [] }],
  ['2', { tag: 'view', attrs: {}, events: [] }],
])

function setUp() {
  const log: SetDataRecord[] = []
  const events: string[] = []
  let loads = 0
  const wrappers = new CustomWrappers({
    templates,
    load: () => {
      loads++
      wrappers.register({
        attached(this: { id: string }) {
          events.push(`attached ${this.id}`)
        },
        detached(this: { id: string }) {
          events.push(`detached ${this.id}`)
        },
      })
    },
    setDataLog: log,
    clock: new Clock(),
    guard: (run) => run(),
  })
  const wrapper: TreeNode = { nn: 7, sid: '_w1', cn: [{ nn: 2, sid: '_v1', cn: [{ v: 'old' }] }] }
  const page = { route: 'pages/index/index', data: { root: { cn: [wrapper] } } } as unknown as PageInstance
  return { wrappers, page, wrapper, log, events, loads: () => loads }
}

describe('custom-wrapper instances', () => {
  test('one is attached per custom-wrapper element, once, loading the component file once', () => {
    const { wrappers, page, events, loads } = setUp()
    wrappers.sync(page)
    wrappers.sync(page)
    expect(events).toEqual(['attached _w1'])
    expect(loads()).toBe(1)
  })

  test("its setData is recorded under the page's route and lands in the page tree", () => {
    const { page, wrapper, log } = setUp()
    let instance: { setData: (d: Record<string, unknown>) => void } | undefined
    // Taro's runtime keeps the instance its attached hook receives; so does this test.
    const capture = new CustomWrappers({
      templates,
      load: () =>
        capture.register({
          attached(this: { setData: (d: Record<string, unknown>) => void }) {
            // eslint-disable-next-line @typescript-eslint/no-this-alias -- keeping the instance is the point
            instance = this
          },
        }),
      setDataLog: log,
      clock: new Clock(),
      guard: (run) => run(),
    })
    capture.sync(page)
    const update = { 'i.cn.[0].cn.[0].v': 'new' }
    instance?.setData(update)
    expect(wrapper.cn?.[0].cn?.[0].v).toBe('new')
    expect(log).toEqual([
      {
        route: 'pages/index/index#custom-wrapper',
        bytes: Buffer.byteLength(JSON.stringify(update)),
        keys: Object.keys(update),
      },
    ])
  })

  test('an element that leaves the page detaches its instance', () => {
    const { wrappers, page, events } = setUp()
    wrappers.sync(page)
    ;(page.data.root as TreeNode).cn = []
    wrappers.sync(page)
    expect(events).toEqual(['attached _w1', 'detached _w1'])
  })
})
