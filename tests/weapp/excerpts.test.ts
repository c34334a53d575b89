/**
 * Excerpts (摘录) on the compiled mini program: kept by a long press in the reader, listed on the
 * favourites tab, with notes, and found again when editors change an installment. What a reader sees
 * is read from the tree WeChat's own WXML compiler (wcc) renders.
 */
import { plainText } from '@/content/inline'
import type { Block, Installment } from '@/content/schema'
import { excerptText } from '@/i18n/excerpt'
import { likeness, SAME_PASSAGE } from '@/library/anchor'
import { text as zh } from '@/i18n'

import { bundledBodies, host, launchedRemote, publish } from './content-server'
import { byClass, classesOf, find, findAll, Harness, type TreeNode } from './harness'
import { fixture, fixtureApp, fixtureBody, sameTextBothWays, seen, tapTab, withText } from './screens'
import { attr, classesOfElement, findAllElements, findByClass, visibleText, type WxElement } from './wxml'

const KEY = 'lre.user.excerpts'
const KEEPABLE = ['b-p', 'b-q', 'b-a', 'b-quote']
const BLOCK_CLASSES = [...KEEPABLE, 'b-h', 'b-img', 'b-hr']
/** How long the reader marks the passage an excerpt opened it at (reader/index.tsx FOUND_MS). */
const FOUND_MS = 2500

// A real installment, and an answer early in its body (in the reader's first render stage).
const entry = fixture.installments.find((e) => !e.sample && !e.cover)!
const body = fixtureBody(entry.id).body
const answerAt = body.findIndex((b, i) => i > 2 && b.type === 'answer')
const textOf = (block: Block) => ('text' in block && block.type !== 'heading' ? plainText(block.text) : '')
const answer = textOf(body[answerAt])
/**
 * A passage like no other block of its body. The generated answers differ only in their numbering, so
 * one that is removed would rightly be taken for a neighbour touched up: editors' changes are tested
 * on a passage that is unmistakable.
 */
const distinctAt = body.findIndex(
  (b, i) =>
    textOf(b) !== '' && body.every((o, j) => j === i || likeness(textOf(b), textOf(o)) < SAME_PASSAGE),
)
const distinct = textOf(body[distinctAt])

const isBlock = (n: TreeNode) => classesOf(n).some((c) => BLOCK_CLASSES.includes(c))
/** The reader's body blocks in the setData tree, in body order (for pressing them). */
const blockNodes = (h: Harness) => findAll(find(h.root(), byClass('reader__body')), isBlock)
/** The same blocks as WeChat renders them. */
const blockElements = (h: Harness): WxElement[] =>
  findAllElements(findByClass(seen(h), 'reader__body')[0], (el) =>
    classesOfElement(el).some((c) => BLOCK_CLASSES.includes(c)),
  )
const keptTexts = (h: Harness) =>
  blockElements(h)
    .filter((el) => classesOfElement(el).includes('b--kept'))
    .map(visibleText)

const stored = (h: Harness) => {
  const raw = h.storage.get(KEY)
  return raw ? (JSON.parse(String(raw)) as { v: number; data: Array<Record<string, unknown>> }).data : []
}

async function openReader(h: Harness, id = entry.id): Promise<void> {
  h.navigate('navigateTo', `/pages/reader/index?id=${encodeURIComponent(id)}`)
  await h.advance(100)
}

/** Long-presses body block `index` and picks `label` from the action sheet. */
async function pressAndPick(h: Harness, index: number, label: string): Promise<void> {
  h.actionSheetPicks.push(label)
  await h.longPress(blockNodes(h)[index])
}

async function openExcerpts(h: Harness): Promise<void> {
  await tapTab(h, '/pages/favourites/index')
  await h.tap(find(h.root(), withText('seg__item', zh.keptTab)))
}

const excerptRows = (h: Harness) =>
  findByClass(seen(h), 'ex').map((el) => ({
    text: visibleText(findByClass(el, 'ex__text')[0]),
    note: findByClass(el, 'ex__note').map(visibleText)[0] ?? null,
    source: visibleText(findByClass(el, 'ex__source')[0]),
    when: visibleText(findByClass(el, 'ex__when')[0]),
    changed: findByClass(el, 'ex__changed').length > 0,
  }))

let h: Harness

beforeAll(() => {
  // The fixture must hold what these tests press: an answer, a quote after it, an unmistakable passage.
  expect([answerAt > 0, distinctAt >= 0, body.some((b, i) => i > answerAt && b.type === 'quote')]).toEqual([
    true,
    true,
    true,
  ])
})

beforeEach(async () => {
  h = fixtureApp()
  await h.launch()
})

afterEach(() => {
  expect(h.errors).toEqual([])
  expect(sameTextBothWays(h)).toBe(true)
})

describe('keeping a passage in the reader', () => {
  test('a long press offers 摘录, 摘录并写想法, 复制 and 生成卡片', async () => {
    await openReader(h)
    await h.longPress(blockNodes(h)[answerAt])
    expect(h.actionSheets).toEqual([
      [excerptText.keep, excerptText.keepWithNote, excerptText.copy, excerptText.card],
    ])
    // Dismissed: nothing kept, nothing said.
    expect(stored(h)).toEqual([])
    expect(h.toasts).toEqual([])
  })

  test('opened from Moments (single-page mode, storage apart), nothing is offered to keep; text stays selectable', async () => {
    const moments = fixtureApp({ scene: 1154 })
    await moments.launch(`/pages/reader/index?id=${entry.id}`)
    await moments.advance(100)
    await moments.longPress(blockNodes(moments)[answerAt])
    expect(moments.actionSheets).toEqual([])
    const texts = findAll(
      blockNodes(moments)[answerAt],
      (n) => moments.tagOf(n) === 'text' && !/__mark$/.test(String(n.cl ?? '')),
    )
    expect(texts.length).toBeGreaterThan(0)
    expect(texts.every((n) => moments.attr(n, 'user-select') === true)).toBe(true)
    expect(moments.errors).toEqual([])
  })

  test('headings, images and dividers offer nothing', async () => {
    await openReader(h)
    const others = blockNodes(h).filter((n) => !classesOf(n).some((c) => KEEPABLE.includes(c)))
    expect(others.length).toBeGreaterThan(0)
    for (const node of others) await h.longPress(node)
    expect(h.actionSheets).toEqual([])
  })

  test('摘录 keeps it with one setData of at most 1 KB, underlines it, and it is listed after a relaunch', async () => {
    await openReader(h)
    const mark = h.setDataLog.length
    await pressAndPick(h, answerAt, excerptText.keep)
    const sent = h.setDataLog.slice(mark)
    expect(sent).toHaveLength(1)
    expect(sent[0].bytes).toBeLessThanOrEqual(1024)
    expect(h.toasts).toEqual([excerptText.kept])
    expect(keptTexts(h)).toEqual([expect.stringContaining(answer)])
    expect(stored(h)).toEqual([
      expect.objectContaining({
        id: entry.id,
        block: answerAt,
        text: answer,
        fingerprint: expect.any(String),
      }),
    ])
    expect(stored(h)[0].snapshot).toMatchObject({
      number: entry.number,
      title: entry.title,
      intervieweeName: entry.interviewee.name,
    })

    const again = fixtureApp({ storage: h.storage })
    await again.launch()
    await openExcerpts(again)
    const rows = excerptRows(again)
    expect(rows).toHaveLength(1)
    expect(answer.startsWith(rows[0].text.replace(/…$/, ''))).toBe(true)
    expect(rows[0].source).toBe(`— ${entry.interviewee.name} · 第 ${entry.number} 期《${entry.title}》`)
    expect(rows[0].when).toMatch(/^摘录于 \d{4}-\d\d-\d\d \d\d:\d\d$/)
    expect(rows[0].note).toBeNull()
    expect(again.errors).toEqual([])
  })

  test('pressed again, a kept passage offers 取消摘录, which removes it with one small setData', async () => {
    await openReader(h)
    await pressAndPick(h, answerAt, excerptText.keep)
    const mark = h.setDataLog.length
    await pressAndPick(h, answerAt, excerptText.unkeep)
    expect(h.actionSheets[1]).toEqual([
      excerptText.unkeep,
      excerptText.writeNote,
      excerptText.copy,
      excerptText.card,
    ])
    const sent = h.setDataLog.slice(mark)
    expect(sent).toHaveLength(1)
    expect(sent[0].bytes).toBeLessThanOrEqual(1024)
    expect(keptTexts(h)).toEqual([])
    expect(stored(h)).toEqual([])
    expect(h.toasts).toEqual([excerptText.kept, excerptText.unkept])
  })

  test('取消摘录 on a passage with a note asks first, and keeps it when the reader says no', async () => {
    const careful = fixtureApp({ modalAnswer: 'cancel' })
    await careful.launch()
    await openReader(careful)
    await pressAndPick(careful, answerAt, excerptText.keepWithNote)
    await careful.input(find(careful.root(), byClass('note__box')), '记一笔')
    await careful.tap(find(careful.root(), byClass('note__save')))
    await pressAndPick(careful, answerAt, excerptText.unkeep)
    expect(careful.modals.map((m) => m.content)).toEqual([excerptText.unkeepWithNote])
    expect(stored(careful)).toEqual([expect.objectContaining({ note: '记一笔' })])
    expect(careful.errors).toEqual([])
  })

  test('复制 copies the whole passage', async () => {
    await openReader(h)
    await pressAndPick(h, answerAt, excerptText.copy)
    expect(h.clipboard).toEqual([answer])
    expect(h.toasts).toEqual([excerptText.copied])
  })

  test('生成卡片 opens the quote card of that passage', async () => {
    await openReader(h)
    await pressAndPick(h, answerAt, excerptText.card)
    expect(h.current().route).toBe('pages/reader/card/index')
    const squash = (value: string) => value.replace(/\s+/g, '')
    expect(h.canvases).toHaveLength(1)
    expect(squash(h.canvases[0].texts.join(''))).toContain(squash(answer).slice(0, 30))
    expect(h.canvases[0].texts).toContain(entry.interviewee.name)
  })

  test('a full storage says the excerpt is not saved yet, and the reader still sees it kept', async () => {
    await openReader(h)
    h.storageFault = 'quota'
    await pressAndPick(h, answerAt, excerptText.keep)
    expect(h.toasts).toEqual([excerptText.notSaved])
    expect(keptTexts(h)).toHaveLength(1)
  })
})

describe('notes', () => {
  test('摘录并写想法 keeps the passage, opens the editor, and the note shows in the list', async () => {
    await openReader(h)
    await pressAndPick(h, answerAt, excerptText.keepWithNote)
    expect(h.current().route).toBe('pages/reader/note/index')
    expect(visibleText(findByClass(seen(h), 'note__passage')[0])).toBe(answer)
    await h.input(find(h.root(), byClass('note__box')), '想到了父亲在车间的样子')
    expect(visibleText(findByClass(seen(h), 'note__count')[0])).toBe('11/500')
    await h.tap(find(h.root(), byClass('note__save')))
    expect(h.current().route).toBe('pages/reader/index')
    expect(h.toasts).toEqual([excerptText.kept, excerptText.noteSaved])
    await openExcerpts(h)
    expect(excerptRows(h)[0].note).toBe(`${zh.noteLabel}想到了父亲在车间的样子`)
  })

  test('the note is edited from the list, and an empty note clears it', async () => {
    await openReader(h)
    await pressAndPick(h, answerAt, excerptText.keepWithNote)
    await h.input(find(h.root(), byClass('note__box')), '第一稿')
    await h.tap(find(h.root(), byClass('note__save')))
    await openExcerpts(h)
    await h.tap(find(h.root(), withText('ex__edit', zh.editNote)))
    expect(h.current().route).toBe('pages/reader/note/index')
    expect(attr(findByClass(seen(h), 'note__box')[0], 'value')).toBe('第一稿')
    await h.input(find(h.root(), byClass('note__box')), '改过的想法')
    await h.tap(find(h.root(), byClass('note__save')))
    expect(h.current().route).toBe('pages/favourites/index')
    expect(excerptRows(h)[0].note).toBe(`${zh.noteLabel}改过的想法`)
    expect(stored(h)[0].note).toBe('改过的想法')

    await h.tap(find(h.root(), withText('ex__edit', zh.editNote)))
    await h.input(find(h.root(), byClass('note__box')), '   ')
    await h.tap(find(h.root(), byClass('note__save')))
    expect(excerptRows(h)[0].note).toBeNull()
    expect(find(h.root(), byClass('ex__edit')).cn?.length).toBeGreaterThan(0)
    expect(stored(h)[0]).not.toHaveProperty('note')
  })

  test.each([
    ['cancel', 'stays with the draft', 'pages/reader/note/index'],
    ['confirm', 'leaves, and nothing is saved', 'pages/reader/index'],
  ] as const)(
    'the back button over an unsaved draft asks first; the reader who %ss %s',
    async (answer, _what, route) => {
      const app = fixtureApp({ modalAnswer: answer })
      await app.launch()
      await openReader(app)
      await pressAndPick(app, answerAt, excerptText.keepWithNote)
      // Nothing typed yet: the back button just goes back.
      await app.input(find(app.root(), byClass('note__box')), '还没写完')
      await app.pressBack()
      expect(app.modals.map((m) => m.content)).toEqual([excerptText.leaveDraft])
      expect(app.current().route).toBe(route)
      expect(stored(app)[0]).not.toHaveProperty('note')
      expect(app.errors).toEqual([])
    },
  )

  test('an untouched or saved note leaves without a question', async () => {
    await openReader(h)
    await pressAndPick(h, answerAt, excerptText.keepWithNote)
    await h.pressBack()
    expect(h.current().route).toBe('pages/reader/index')
    await pressAndPick(h, answerAt, excerptText.writeNote)
    await h.input(find(h.root(), byClass('note__box')), '写好了')
    await h.tap(find(h.root(), byClass('note__save')))
    expect(h.modals).toEqual([])
    expect(h.current().route).toBe('pages/reader/index')
  })

  test('the editor stops at 500 characters', async () => {
    await openReader(h)
    await pressAndPick(h, answerAt, excerptText.keepWithNote)
    expect(attr(findByClass(seen(h), 'note__box')[0], 'maxlength')).toBe(500)
  })

  test('an editor opened for an excerpt that no longer exists says so', async () => {
    h.navigate('navigateTo', '/pages/reader/note/index?key=gone~00000000-1')
    await h.settle()
    expect(visibleText(findByClass(seen(h), 'state__title')[0])).toBe(excerptText.excerptMissing)
  })
})

describe('the excerpt list', () => {
  async function keepTwo() {
    await openReader(h)
    const second = body.findIndex((b, i) => i > answerAt && b.type === 'quote')
    await pressAndPick(h, answerAt, excerptText.keep)
    await h.advance(60_000)
    await pressAndPick(h, second, excerptText.keep)
    return textOf(body[second])
  }

  test('newest first, with the count on the segment', async () => {
    const later = await keepTwo()
    await openExcerpts(h)
    expect(excerptRows(h).map((r) => r.text.replace(/…$/, ''))).toEqual([
      expect.stringMatching(new RegExp(`^${later.slice(0, 10)}`)),
      expect.stringMatching(new RegExp(`^${answer.slice(0, 10)}`)),
    ])
    expect(findByClass(seen(h), 'seg__item').map(visibleText)).toEqual([zh.tabFavourites, `${zh.keptTab} 2`])
  })

  test('delete with undo: the excerpt comes back as it was; without undo it stays gone', async () => {
    await keepTwo()
    await openExcerpts(h)
    const before = stored(h)
    await h.tap(find(h.root(), byClass('ex__remove')))
    expect(excerptRows(h)).toHaveLength(1)
    expect(visibleText(findByClass(seen(h), 'undo-bar')[0])).toContain(zh.excerptRemoved)
    await h.tap(find(h.root(), byClass('undo-bar__action')))
    expect(excerptRows(h)).toHaveLength(2)
    expect([...stored(h)].sort((a, b) => Number(a.savedAt) - Number(b.savedAt))).toEqual(before)
    await h.tap(find(h.root(), byClass('ex__remove')))
    await h.advance(6000)
    expect(findByClass(seen(h), 'undo-bar')).toEqual([])
    expect(stored(h)).toHaveLength(1)
  })

  test('tapping an excerpt opens the reader at that passage, marked for a moment', async () => {
    await openReader(h)
    await pressAndPick(h, answerAt, excerptText.keep)
    await openExcerpts(h)
    await h.tap(find(h.root(), byClass('ex__text')))
    await h.advance(100)
    expect(h.current().route).toBe('pages/reader/index')
    const marked = blockElements(h).filter((el) => classesOfElement(el).includes('b--hit'))
    expect(marked.map(visibleText)).toEqual([expect.stringContaining(answer)])
    expect(marked[0].attr.id).toBe(`b-${answerAt}`)
    expect(h.scrolledToSelectors).toContain(`#b-${answerAt}`)
    await h.advance(FOUND_MS)
    expect(findByClass(seen(h), 'b--hit')).toEqual([])
  })

  test('with none kept, the list says how to keep one', async () => {
    await openExcerpts(h)
    expect(visibleText(findByClass(seen(h), 'state')[0])).toContain(zh.excerptsEmptyTitle)
  })

  test('a corrupt excerpt record is set aside: the list starts empty, favourites are untouched', async () => {
    const broken = fixtureApp({ storage: new Map([[KEY, '{"v":1,"data":[{"key":']]) })
    await broken.launch()
    await openExcerpts(broken)
    expect(visibleText(findByClass(seen(broken), 'state')[0])).toContain(zh.excerptsEmptyTitle)
    expect(broken.storage.get(`${KEY}.unreadable`)).toBe('{"v":1,"data":[{"key":')
    expect(broken.errors).toEqual([])
  })
})

/**
 * On the build with a content URL: editors change an installment after a passage was kept from it.
 * The excerpt follows its passage, or says the original has changed, and is never lost.
 */
describe('when editors change the installment', () => {
  const edited = (change: (blocks: Block[]) => Block[]): Installment[] =>
    bundledBodies().map((b) => (b.id === entry.id ? { ...b, body: change([...b.body]) } : b))

  async function keptOnFirstEdition(): Promise<Harness> {
    const app = await launchedRemote(host(publish(bundledBodies())))
    await openReader(app)
    await pressAndPick(app, distinctAt, excerptText.keep)
    expect(stored(app)).toHaveLength(1)
    return app
  }

  test('a block inserted before it: the excerpt opens at its passage, one block down', async () => {
    const first = await keptOnFirstEdition()
    const inserted: Block = { type: 'paragraph', text: '编者按：本篇在发布后补充了一段说明。' }
    const app = await launchedRemote(host(publish(edited((blocks) => [inserted, ...blocks]))), first)
    await openExcerpts(app)
    await app.tap(find(app.root(), byClass('ex__text')))
    await app.advance(100)
    const marked = blockElements(app).filter((el) => classesOfElement(el).includes('b--hit'))
    expect(marked.map((el) => el.attr.id)).toEqual([`b-${distinctAt + 1}`])
    expect(visibleText(marked[0])).toContain(distinct)
    expect(keptTexts(app)).toEqual([expect.stringContaining(distinct)])
    expect(stored(app)[0]).toMatchObject({ block: distinctAt + 1, text: distinct })
    expect(app.errors).toEqual([])
  })

  test('its block removed: the list shows the kept text marked 原文已更新, and the reader says so', async () => {
    const first = await keptOnFirstEdition()
    const app = await launchedRemote(
      host(publish(edited((blocks) => blocks.filter((_, i) => i !== distinctAt)))),
      first,
    )
    await openExcerpts(app)
    await app.tap(find(app.root(), byClass('ex__text')))
    await app.advance(100)
    expect(app.toasts).toContain(excerptText.passageGone)
    expect(findByClass(seen(app), 'b--hit')).toEqual([])
    expect(keptTexts(app)).toEqual([])
    app.back()
    await app.settle()
    const rows = excerptRows(app)
    expect(rows).toHaveLength(1)
    expect(rows[0].changed).toBe(true)
    expect(visibleText(findByClass(seen(app), 'ex__changed')[0])).toBe(zh.passageChanged)
    expect(distinct.startsWith(rows[0].text.replace(/…$/, ''))).toBe(true)
    expect(stored(app)[0]).toMatchObject({ text: distinct, gone: true })
    expect(app.errors).toEqual([])
  })
})
