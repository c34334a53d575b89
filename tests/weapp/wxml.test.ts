/**
 * The WXML renderer: WeChat's own compiler (wcc) renders the harness's page data into the element
 * tree the view layer builds. Cross-checked against the harness's setData tree on the fixture build.
 */
import { statSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { byClass, find, readTemplates, textOf, type TreeNode } from './harness'
import { cardTitles, fixture, fixtureApp, fixtureBody, FIXTURE_DIST, openCard } from './screens'
import {
  attr,
  elementStats,
  findByClass,
  findByTag,
  findOneByClass,
  renderPage,
  visibleText,
  walkElements,
  wccBinary,
  wxmlRuntime,
  type WxElement,
} from './wxml'

const PAGE = 20
const all = fixture.installments
const real = all.filter((e) => !e.sample)
// A real installment on the first screen without a cover, whose body has every block type (as in flows).
const entry = real.find((e) => e.number < all.length && e.number > all.length - PAGE + 1 && !e.cover)!

const templates = readTemplates(FIXTURE_DIST)
/** The first `nn` alias base.wxml renders with `tag` (`block` is the plain-text template). */
function alias(tag: string): string {
  for (const [nn, info] of templates) if (info.tag === tag) return nn
  throw new Error(`base.wxml has no template for <${tag}>`)
}
const VIEW = alias('view')
const TEXT = alias('text')
const IMAGE = alias('image')
const PLAIN = alias('block')
/** Taro's baseLevel: templates go to `tmpl_<baseLevel - 1>_container`, which hands over to `comp`. */
const BASE_LEVEL =
  Number(/tmpl_(\d+)_container/.exec(readFileSync(path.join(FIXTURE_DIST, 'base.wxml'), 'utf8'))?.[1]) + 1

/** A chain of `depth` nested views around one text node, in Taro's page data shape. */
function chain(depth: number, text: string): { root: TreeNode } {
  let node: TreeNode = { nn: PLAIN, v: text }
  for (let i = depth; i > 0; i--) node = { nn: VIEW, sid: `_d${i}`, cl: `level-${i}`, cn: [node] }
  return { root: { cn: [node] } }
}

const small = (text: string) => ({
  root: {
    cn: [
      {
        nn: VIEW,
        sid: '_n1',
        cl: 'box',
        cn: [
          { nn: TEXT, sid: '_n2', cn: [{ nn: PLAIN, v: text }] },
          { nn: IMAGE, sid: '_n3', cl: 'pic', p6: '/static/x.png' },
          { nn: PLAIN, v: '!' },
        ],
      },
    ],
  },
})

describe('wcc', () => {
  test('runs from an executable copy and compiles every .wxml of the build', () => {
    expect(statSync(wccBinary()).mode & 0o111).not.toBe(0)
    const rt = wxmlRuntime(FIXTURE_DIST)
    expect(rt.files).toEqual(expect.arrayContaining(['base.wxml', 'comp.wxml', 'pages/index/index.wxml']))
    expect(wxmlRuntime(FIXTURE_DIST)).toBe(rt)
  })
})

describe('renderPage on hand-made data', () => {
  test('renders the small tree WeChat would build, with tags, classes and attributes', () => {
    const tree = renderPage(FIXTURE_DIST, 'pages/index/index', small('你好'))
    expect(tree.tag).toBe('wx-page')
    const box = findOneByClass(tree, 'box')
    expect(box.tag).toBe('wx-view')
    expect(box.children.map((c) => (typeof c === 'string' ? c : c.tag))).toEqual(['wx-text', 'wx-image', '!'])
    expect(attr(findOneByClass(tree, 'pic'), 'src')).toBe('/static/x.png')
    expect(attr(findOneByClass(tree, 'pic'), 'lazy-load')).toBe(false)
    expect(attr(box, 'data-sid')).toBe('_n1')
    expect(visibleText(tree)).toBe('你好!')
    expect(elementStats(tree)).toEqual({ elements: 4, texts: 2, depth: 2, maxChildren: 3 })
  })

  test('the output follows the data: another text renders another text', () => {
    expect(visibleText(renderPage(FIXTURE_DIST, 'pages/index/index', small('再见')))).toBe('再见!')
  })

  test('an unknown route throws a clear error', () => {
    expect(() => renderPage(FIXTURE_DIST, 'pages/nope/index', small('x'))).toThrow(
      /no compiled WXML "pages\/nope\/index.wxml"/,
    )
  })

  test('a node alias base.wxml lacks fails loudly instead of vanishing', () => {
    const data = { root: { cn: [{ nn: '999', sid: '_x' }] } }
    expect(() => renderPage(FIXTURE_DIST, 'pages/index/index', data)).toThrow(
      /Template `tmpl_0_999` not found/,
    )
  })

  test(`content nested deeper than baseLevel (${BASE_LEVEL}) renders through comp and keeps its text`, () => {
    expect(BASE_LEVEL).toBe(8) // config/index.ts: mini.baseLevel
    const data = chain(40, '最深处的一句话')
    // The page's own template stops at baseLevel and hands the rest to a <comp> element.
    const rt = wxmlRuntime(FIXTURE_DIST)
    const raw = rt.gwx('pages/index/index.wxml')!(rt.intoContext(data), {}, {})
    const rawTags: string[] = []
    const rawText = (node: unknown): string => {
      if (typeof node === 'string') return node
      const el = node as { tag: string; children?: unknown[] }
      rawTags.push(el.tag)
      return (el.children ?? []).map(rawText).join('')
    }
    // Alone, the page shows none of the text: it sits in the comp's `i`, not in the page's elements.
    expect(rawText(raw)).toBe('')
    expect(rawTags.filter((t) => t === 'wx-view')).toHaveLength(BASE_LEVEL - 1)
    expect(rawTags[rawTags.length - 1]).toBe('wx-comp')

    const comps: string[] = []
    const tree = renderPage(FIXTURE_DIST, 'pages/index/index', data, {
      onComponent: (n, p) => comps.push(`${n}:${p}`),
    })
    expect(comps).toEqual(Array.from({ length: Math.floor(40 / (BASE_LEVEL - 1)) }, () => 'comp:comp'))
    expect(visibleText(tree)).toBe('最深处的一句话')
    // comp is a virtual host: no wx-comp element, 40 views one inside another.
    expect(findByTag(tree, 'comp')).toHaveLength(0)
    expect(elementStats(tree)).toEqual({ elements: 41, texts: 1, depth: 40, maxChildren: 1 })
    const levels: string[] = []
    walkElements(tree, (el) => levels.push(String(attr(el, 'class') ?? '')))
    expect(levels.slice(1)).toEqual(Array.from({ length: 40 }, (_, i) => `level-${i + 1}`))
  })
})

describe('custom components keep their host', () => {
  let dist: string
  beforeAll(() => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'wxml-cw-'))
    mkdirSync(path.join(dist, 'pages/p'), { recursive: true })
    writeFileSync(path.join(dist, 'app.json'), '{"pages":["pages/p/index"]}')
    writeFileSync(
      path.join(dist, 'pages/p/index.json'),
      '{"usingComponents":{"custom-wrapper":"../../custom-wrapper"}}',
    )
    writeFileSync(
      path.join(dist, 'pages/p/index.wxml'),
      '<view class="outer"><custom-wrapper i="{{root}}" id="w1" class="cw" /></view>',
    )
    writeFileSync(path.join(dist, 'custom-wrapper.json'), '{"component":true}')
    writeFileSync(
      path.join(dist, 'custom-wrapper.wxml'),
      '<view wx:for="{{i.cn}}" wx:key="sid" class="{{item.cl}}">{{item.v}}</view>',
    )
  })
  afterAll(() => rmSync(dist, { recursive: true, force: true }))

  test('a custom-wrapper renders its own template from its i, inside a wx-custom-wrapper element', () => {
    const data = {
      root: {
        cn: [
          { sid: 'a', cl: 'row', v: '甲' },
          { sid: 'b', cl: 'row', v: '乙' },
        ],
      },
    }
    const tree = renderPage(dist, 'pages/p/index', data)
    const host = findByTag(tree, 'custom-wrapper')[0]
    expect(host.attr).toEqual({ class: 'cw', id: 'w1' })
    expect(findByClass(host, 'row')).toHaveLength(2)
    expect(visibleText(tree)).toBe('甲乙')
  })
})

describe('the fixture build, rendered from the harness data', () => {
  const render = (h: ReturnType<typeof fixtureApp>): WxElement => {
    const page = h.current()
    return renderPage(FIXTURE_DIST, page.route, page.data)
  }

  test('the list page shows every card title the harness tree shows, and the same text', async () => {
    const h = fixtureApp()
    await h.launch()
    const tree = render(h)
    const text = visibleText(tree)
    const titles = cardTitles(h)
    expect(titles.length).toBeGreaterThan(0)
    for (const title of titles) expect(text).toContain(title)
    expect(findByClass(tree, 'cd-t').map(visibleText)).toEqual(titles)
    expect(text).toBe(textOf(h.root()))
  })

  test('the reader shows the body: answers, tags and the image', async () => {
    const h = fixtureApp()
    await h.launch()
    await openCard(h, entry.title)
    await h.advance(1000)
    expect(h.current().route).toBe('pages/reader/index')
    const tree = render(h)
    const body = findOneByClass(tree, 'reader__body')
    const text = visibleText(body)
    const blocks = fixtureBody(entry.id).body
    const answers = blocks.flatMap((b) => (b.type === 'answer' && typeof b.text === 'string' ? [b.text] : []))
    expect(answers.length).toBeGreaterThan(0)
    for (const answer of answers) expect(text).toContain(answer)
    expect(text).toBe(textOf(find(h.root(), byClass('reader__body'))))

    const tags = new Set<string>()
    walkElements(body, (el) => tags.add(el.tag))
    expect([...tags].sort()).toEqual(['wx-image', 'wx-text', 'wx-view'])
    const image = blocks.find((b) => b.type === 'image')
    if (!image || image.type !== 'image') throw new Error(`${entry.id} has no image`)
    // The picture's box is reserved from its size before it arrives: nothing below it moves.
    const box = findOneByClass(body, 'b-img__pic')
    const reserved = /padding-bottom:\s*([\d.]+)%/.exec(String(attr(box, 'style')))
    expect(Number(reserved?.[1])).toBeCloseTo((image.height / image.width) * 100, 2)
    const pic = findOneByClass(box, 'pic__img')
    expect(pic.tag).toBe('wx-image')
    expect(attr(pic, 'src')).toBe(`/pages/reader/${image.src}`)
  })
})
