import * as facade from '../harness'
import { DIRECTORY, DIST, Harness, USER_DATA_PATH } from './index'

describe('the Harness', () => {
  it('keeps every name the suites and scripts import from tests/weapp/harness', () => {
    for (const name of [
      'Harness',
      'DIST',
      'byClass',
      'find',
      'findAll',
      'textOf',
      'classesOf',
      'treeStats',
      'walk',
      'ancestry',
      'readTemplates',
      'MAX_SINGLE_SETDATA_BYTES',
    ]) {
      expect(facade).toHaveProperty(name)
    }
    expect(facade.DIST).toBe(DIST)
    expect(facade.MAX_SINGLE_SETDATA_BYTES).toBe(128 * 1024)
  })

  it('refuses a folder without a build', () => {
    expect(() => new Harness({ dist: '/nowhere' })).toThrow('No compiled mini program at /nowhere')
  })

  it.each<[string, ConstructorParameters<typeof Harness>[0], { height: number; width: number }]>([
    ['the default sizes', {}, { height: 4000, width: 375 }],
    [
      'a test’s own sizes',
      { pageHeight: 900, windowWidth: 414, windowHeight: 800 },
      { height: 900, width: 414 },
    ],
  ])('reports %s to the page’s selector queries', async (_name, options, expected) => {
    const h = new Harness(options)
    const page = await h.launch()
    expect(h.routes).toContain(page.route)
    expect(h.stack).toEqual([page])
    type Query = Record<string, (...a: unknown[]) => Query>
    let rect: unknown
    ;(page.createSelectorQuery as () => Query)()
      .select('#x')
      .boundingClientRect((r: unknown) => (rect = r))
      .exec()
    await h.settle()
    expect(rect).toMatchObject(expected)
    expect(h.errors).toEqual([])
  })

  it('boots on the files and storage a test passes, as a relaunch does, with the user data folder made', () => {
    const first = new Harness({ fileLimitBytes: 10 })
    expect(first.files).toEqual(new Map([[USER_DATA_PATH, DIRECTORY]]))
    expect([first.fileLimitBytes, first.fileFault, first.fileReads]).toEqual([10, 'none', []])
    first.files.set(`${USER_DATA_PATH}/a.json`, '{}')
    const again = new Harness({ files: first.files, storage: first.storage })
    expect(again.files).toBe(first.files)
    expect(again.storage).toBe(first.storage)
    expect(again.fileLimitBytes).toBe(200 * 1024 * 1024)
  })
})
