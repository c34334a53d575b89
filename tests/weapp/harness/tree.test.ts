import {
  ancestry,
  applyPath,
  attrOf,
  byClass,
  classesOf,
  find,
  findAll,
  jsonBytes,
  parseTemplates,
  tagOf,
  textOf,
  treeStats,
  type TreeNode,
} from './tree'

describe('applyPath', () => {
  const cases: Array<[string, Record<string, unknown>, Array<[string, unknown]>, unknown]> = [
    ['a top-level key', {}, [['title', 'x']], { title: 'x' }],
    [
      'a text deep in the tree',
      {},
      [['root.cn.[0].cn.[1].v', '问']],
      { root: { cn: [{ cn: [undefined, { v: '问' }] }] } },
    ],
    [
      'a node replaced whole, then one of its keys',
      {},
      [
        ['root.cn.[0]', { nn: '2', v: 'a' }],
        ['root.cn.[0].v', 'b'],
      ],
      { root: { cn: [{ nn: '2', v: 'b' }] } },
    ],
    ['an index on a named segment', {}, [['list[1]', 7]], { list: [undefined, 7] }],
    ['indexes in a row', {}, [['grid[0][1]', 'x']], { grid: [[undefined, 'x']] }],
    [
      'keeps siblings it does not touch',
      { root: { cn: [{ v: 'keep' }, { v: 'old' }] } },
      [['root.cn.[1].v', 'new']],
      { root: { cn: [{ v: 'keep' }, { v: 'new' }] } },
    ],
    ['replaces a primitive on the way with a container', { a: 5 }, [['a.b', 1]], { a: { b: 1 } }],
    ['replaces null on the way with an array', { a: null }, [['a.[0]', 1]], { a: [1] }],
  ]

  it.each(cases)('%s', (_name, start, writes, expected) => {
    const data = structuredClone(start)
    for (const [key, value] of writes) applyPath(data, key, value)
    expect(data).toEqual(expected)
  })

  it('stores a copy, as setData does', () => {
    const value = { v: 'before' }
    const data: Record<string, unknown> = {}
    applyPath(data, 'root', value)
    value.v = 'after'
    expect(data).toEqual({ root: { v: 'before' } })
  })
})

const tree: TreeNode = {
  nn: 'root',
  cn: [
    {
      nn: '2',
      cl: 'card  cd',
      cn: [
        { nn: '8', v: '第' },
        { nn: '8', v: '一期' },
      ],
    },
    { nn: '2', cl: 'cd', cn: [{ nn: '2', cl: 'x', cn: [{ nn: '8', v: '深' }] }] },
    { nn: '8', v: '尾' },
  ],
}

describe('tree queries', () => {
  it.each<[string, TreeNode, { nodes: number; maxChildren: number; depth: number }]>([
    ['a lone node', {}, { nodes: 1, maxChildren: 0, depth: 0 }],
    ['a flat row', { cn: [{}, {}, {}, {}] }, { nodes: 5, maxChildren: 4, depth: 1 }],
    ['the sample tree', tree, { nodes: 8, maxChildren: 3, depth: 3 }],
  ])('treeStats of %s', (_name, root, expected) => {
    expect(treeStats(root)).toEqual(expected)
  })

  it.each<[string, TreeNode, string]>([
    ['a text node', { v: 'x' }, 'x'],
    ['no text', { cn: [{}, { cn: [] }] }, ''],
    ['the sample tree, in document order', tree, '第一期深尾'],
    ['a subtree', tree.cn![1], '深'],
  ])('textOf %s', (_name, node, expected) => {
    expect(textOf(node)).toBe(expected)
  })

  it.each<[string, TreeNode, string[]]>([
    ['extra spaces', { cl: ' a  b ' }, ['a', 'b']],
    ['no class', {}, []],
    ['a non-string class', { cl: 3 as unknown as string }, []],
  ])('classesOf with %s', (_name, node, expected) => {
    expect(classesOf(node)).toEqual(expected)
  })

  it('finds by class, first match first', () => {
    expect(findAll(tree, byClass('cd')).map(textOf)).toEqual(['第一期', '深'])
    expect(textOf(find(tree, byClass('x')))).toBe('深')
    expect(() => find(tree, byClass('missing'))).toThrow('no node matched')
  })

  it('gives the chain from the root to a node, or null', () => {
    const deep = tree.cn![1].cn![0].cn![0]
    expect(ancestry(tree, deep)).toEqual([tree, tree.cn![1], tree.cn![1].cn![0], deep])
    expect(ancestry(tree, { v: '深' })).toBeNull()
  })

  it('counts bytes as UTF-8 JSON', () => {
    expect(jsonBytes({ v: '问' })).toBe('{"v":"问"}'.length + 2)
    expect(jsonBytes(undefined)).toBe(0)
  })
})

describe('templates from base.wxml', () => {
  const wxml = `
<template name="tmpl_0_2">
  <view class="{{i.cl}}" hover-class="{{xs.b(i.p1,'none')}}" style="{{i.st}}" bindlongpress="eh" catchtouchmove="eh" id="{{i.uid||i.sid}}">
  </view>
</template>
<template name="tmpl_0_5">
  <image src="{{i.p3}}" mode="{{xs.b(i.p2,'scaleToFill')}}"></image>
</template>`
  const templates = parseTemplates(wxml)

  it.each<[string, TreeNode, string]>([
    ['a view', { nn: '2' }, 'view'],
    ['an image', { nn: 5 }, 'image'],
    ['a node without template', { nn: '#text' }, '#text'],
  ])('tagOf %s', (_name, node, tag) => {
    expect(tagOf(templates, node)).toBe(tag)
  })

  it.each<[string, string, unknown]>([
    ['src', 'src', 'a.png'],
    ['mode through xs.b', 'mode', 'aspectFit'],
    ['an attribute not in the template', 'lazy-load', undefined],
  ])('attrOf reads %s', (_name, attr, expected) => {
    expect(attrOf(templates, { nn: '5', p3: 'a.png', p2: 'aspectFit' }, attr)).toBe(expected)
  })

  it('maps short keys only for attributes that read one', () => {
    expect(templates.get('2')).toEqual({
      tag: 'view',
      attrs: { 'hover-class': 'p1' },
      events: ['longpress', 'touchmove'],
    })
  })

  it('lists no events for a template that binds none', () => {
    expect(templates.get('5')?.events).toEqual([])
  })
})
