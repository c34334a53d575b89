/**
 * Two languages on the compiled bundle, with what a reader sees taken from the tree WeChat's own WXML
 * compiler renders. The fixture column translates every other installment (nos. 1, 3, 5…), so each
 * run meets English content, Chinese content shown in English, and the interface in either language.
 */
import { plainText } from '@/content/inline'
import type { Block, Installment } from '@/content/schema'

import { fixtureBody, fixture } from '../fixtures/built'
import { isFixtureTranslated, nicknameSentenceEn } from '../fixtures/series'
import { bodyFile, bundledBodies, host, newInstallment, publish, REMOTE_DIST } from './content-server'
import { byClass, find, findAll, Harness, type TreeNode } from './harness'
import {
  fixtureApp,
  openCard,
  openSearch,
  readerTitle,
  sameTextBothWays,
  searchFor,
  seen,
  tapTab,
  untilSearchReady,
  withText,
} from './screens'
import { classesOfElement, findByClass, isElement, visibleText, type WxElement, type WxNode } from './wxml'

const CJK_CHARS = '\u3400-\u9fff\u3000-\u303f\uff00-\uffef'
/** Every Chinese character (and full-width mark) in a text; HAS_CJK: whether there is one. */
const CJK = new RegExp(`[${CJK_CHARS}]`, 'g')
const HAS_CJK = new RegExp(`[${CJK_CHARS}]`)
const LATIN_WORD = /[A-Za-z]{2,}/g
/** A language's own name reads the same in either interface. */
const OWN_NAMES = ['中文', 'English']

const translated = fixture.installments.find((e) => isFixtureTranslated(e.number))!
const untranslated = fixture.installments.find((e) => !isFixtureTranslated(e.number))!

const blockTexts = (blocks: readonly Block[] = []) =>
  blocks.flatMap((b) =>
    b.type === 'divider'
      ? []
      : b.type === 'image'
        ? [b.caption ?? '']
        : [plainText(b.text), ...('cite' in b && b.cite ? [b.cite] : [])],
  )

/** Every word the editors wrote, in both languages: content, never the interface's. */
const CONTENT: string[] = (() => {
  const { series } = fixture
  const words = [
    series.title,
    series.tagline,
    series.officialAccount?.name ?? '',
    fixture.contentVersion,
    ...blockTexts(series.intro),
    series.en?.title ?? '',
    series.en?.tagline ?? '',
    ...blockTexts(series.en?.intro),
  ]
  for (const e of fixture.installments) {
    const body: Installment = fixtureBody(e.id)
    const { interviewee, en } = e
    words.push(
      e.title,
      e.summary,
      interviewee.name,
      interviewee.role,
      interviewee.organization ?? '',
      ...e.tags,
    )
    words.push(en?.title ?? '', en?.summary ?? '', ...(en?.tags ?? []))
    words.push(en?.interviewee?.name ?? '', en?.interviewee?.role ?? '', en?.interviewee?.organization ?? '')
    words.push(...blockTexts(body.body), ...blockTexts(body.en?.body))
  }
  return [...new Set(words.filter((w) => w.length > 1))].sort((a, b) => b.length - a.length)
})()

/** Parts of a page that show a passage of content (cut to fit): their text is content throughout. */
const PASSAGES = ['blocks', 'sr-s', 'about__intro', 'ex__text']

function interfaceText(node: WxNode): string {
  if (!isElement(node)) return node
  if (classesOfElement(node).some((c) => PASSAGES.includes(c))) return ' '
  return node.children.map(interfaceText).join('')
}

/** Text without any content: what is left is the interface's own words. */
function withoutContent(text: string): string {
  let left = text
  for (const words of CONTENT) left = left.split(words).join(' ')
  for (const name of OWN_NAMES) left = left.split(name).join(' ')
  return left
}

const wordsOfInterface = (h: Harness) => withoutContent(interfaceText(seen(h)))

const chineseIn = (h: Harness) => wordsOfInterface(h).match(CJK) ?? []
const englishIn = (h: Harness) => wordsOfInterface(h).match(LATIN_WORD) ?? []

const englishApp = (options = {}) => fixtureApp({ language: 'en', ...options })

/** An app launched and settled on its list. */
async function launched(h: Harness): Promise<Harness> {
  await h.launch()
  await h.settle()
  return h
}

const choice = (h: Harness, label: string) => find(h.root(), withText('choice__item', label))
const twins = (h: Harness) => findByClass(seen(h), 'b--twin')
const bodyBlocks = (el: WxElement) =>
  findAllBlocks(findByClass(el, 'reader__body')[0]).map((b) => ({
    text: visibleText(b),
    twin: classesOfElement(b).includes('b--twin'),
  }))
function findAllBlocks(root: WxElement): WxElement[] {
  const found: WxElement[] = []
  const visit = (el: WxElement) => {
    const classes = classesOfElement(el)
    if (['b-p', 'b-q', 'b-a', 'b-quote', 'b-h', 'b-img__caption'].some((c) => classes.includes(c))) {
      found.push(el)
      return
    }
    for (const child of el.children) if (isElement(child)) visit(child)
  }
  visit(root)
  return found
}

type Lang = 'zh' | 'en'

/** Every page visitEveryPage checks, each with no word of the other language found on it. */
const NOTHING_ON_ANY_PAGE = {
  list: [],
  reader: [],
  favourites: [],
  excerpts: [],
  note: [],
  about: [],
  search: [],
}

/** Every page, with a favourite and an excerpt kept so their lists are not empty: `check` on each. */
async function visitEveryPage(h: Harness, lang: Lang, check: (page: string) => void): Promise<void> {
  check('list')
  await openCard(h, lang === 'en' ? translated.en!.title! : translated.title)
  check('reader')
  await h.tap(find(h.root(), byClass('fb')))
  h.actionSheetPicks.push(lang === 'en' ? 'Keep' : '摘录')
  const first = findAll(find(h.root(), byClass('reader__body')), byClass('b-a'))[0]
  await h.longPress(first)
  await h.settle()
  await h.pressBack()
  await tapTab(h, '/pages/favourites/index')
  check('favourites')
  await h.tap(find(h.root(), (n: TreeNode) => byClass('seg__item')(n) && !byClass('seg__item--on')(n)))
  check('excerpts')
  await h.tap(find(h.root(), byClass('ex__edit')))
  await h.settle()
  check('note')
  await h.pressBack()
  await tapTab(h, '/pages/index/index')
  await h.tap(find(h.root(), byClass('series__about')))
  await h.settle()
  check('about')
  await h.pressBack()
  await openSearch(h)
  await untilSearchReady(h)
  await searchFor(h, lang === 'en' ? 'the' : '的')
  if (findByClass(seen(h), 'sr').length === 0) throw new Error('the search found nothing to check')
  check('search')
}

describe('a reader whose WeChat is in English', () => {
  test('meets an English app: the tabBar, the title, and no Chinese word of the interface on any page', async () => {
    const h = await launched(englishApp())
    expect(h.tabLabels).toEqual(['Interviews', 'Saved'])
    expect(h.navigationTitles).toContain('Light of Rare Earth · 100 Interviews')
    const found: Record<string, string[]> = {}
    await visitEveryPage(h, 'en', (page) => {
      found[page] = chineseIn(h)
      expect(sameTextBothWays(h)).toBe(true)
    })
    expect(found).toEqual(NOTHING_ON_ANY_PAGE)
    expect(h.navigationTitles).toEqual(
      expect.arrayContaining(['Saved', 'About the column', 'Search', 'Note']),
    )
    // Every title the navigation bar was given: in English, but for an interview's own title.
    expect(h.navigationTitles.filter((title) => HAS_CJK.test(withoutContent(title)))).toEqual([])
    expect(h.errors).toEqual([])
  })

  test('sees English titles and people where they exist, and the Chinese marked “In Chinese” where not', async () => {
    const h = await launched(englishApp())
    const english = find(h.root(), withText('cd', translated.en!.title!))
    expect(JSON.stringify(english)).toContain(translated.en!.interviewee!.name)
    expect(findAll(english, byClass('cd-z'))).toEqual([])
    const chinese = find(h.root(), withText('cd', untranslated.title))
    expect(findAll(chinese, byClass('cd-z')).length).toBe(1)
    expect(JSON.stringify(chinese)).toContain('In Chinese')
    // One person's group beside the number, in the singular: "No. 3 · Scientist".
    const kickers = findByClass(seen(h), 'cd-n').map(visibleText)
    expect(
      kickers.every((k) =>
        /^(Sample|No\.) \d+ · (Scientist|Entrepreneur|Engineer|Frontline worker)$/.test(k),
      ),
    ).toBe(true)
  })

  test('reads a translated interview in English, with Q and A, and the reading choice offered', async () => {
    const h = await launched(englishApp())
    await openCard(h, translated.en!.title!)
    const body = fixtureBody(translated.id)
    expect(readerTitle(h)).toBe(translated.en!.title)
    const shown = bodyBlocks(seen(h)).map((b) => b.text)
    expect(shown).toEqual(expect.arrayContaining([`Q${plainText(firstOf(body.en!.body!, 'question'))}`]))
    expect(shown.join('')).not.toMatch(HAS_CJK)
    expect(findByClass(seen(h), 'choice__item').map(visibleText)).toEqual(['中文', 'English', 'Parallel'])
    expect(h.navigationTitles.at(-1)).toContain(translated.en!.title!)
  })

  test('gets an untranslated interview in Chinese, with a one-line note and no reading choice', async () => {
    const h = await launched(englishApp())
    await openCard(h, untranslated.title)
    expect(visibleText(findByClass(seen(h), 'reader__note')[0])).toBe(
      'This interview has no English translation yet; here it is in Chinese.',
    )
    expect(findByClass(seen(h), 'choice')).toEqual([])
    expect(visibleText(findByClass(seen(h), 'reader__body')[0])).toContain(
      plainText(firstOf(fixtureBody(untranslated.id).body, 'answer')),
    )
  })
})

describe('an interview that cannot be had, for a reader of English', () => {
  test('keeps its English title and person over the error, from the manifest', async () => {
    const extra: Installment = {
      ...newInstallment(90),
      en: {
        title: 'Separating the ore, added online',
        interviewee: { name: 'Han Zhiyuan (fictional)', role: 'Mineral processing engineer' },
      },
    }
    const files = publish([...bundledBodies(), extra])
    const unreachable = bodyFile(files, extra.id)
    const h = new Harness({
      dist: REMOTE_DIST,
      language: 'en',
      request: host(files, (file) => (file === unreachable ? { fail: 'offline' } : undefined)),
    })
    await h.launch()
    await h.advance(60_000)
    await openCard(h, 'Separating the ore, added online')
    await h.advance(60_000)
    expect(visibleText(findByClass(seen(h), 'state__title')[0])).toBe('This interview cannot open right now')
    expect(readerTitle(h)).toBe('Separating the ore, added online')
    expect(visibleText(findByClass(seen(h), 'reader__who')[0])).toContain('Han Zhiyuan (fictional)')
    expect(h.navigationTitles.at(-1)).toContain('Separating the ore, added online')
  })
})

const firstOf = (blocks: readonly Block[], type: 'question' | 'answer') => {
  const block = blocks.find((b) => b.type === type)
  if (!block || (block.type !== 'question' && block.type !== 'answer')) throw new Error(`no ${type}`)
  return block.text
}

describe('a reader whose WeChat is in Chinese', () => {
  test('meets a Chinese app: the tabBar as app.json says, and no English word of the interface', async () => {
    const h = await launched(fixtureApp())
    const found: Record<string, string[]> = {}
    await visitEveryPage(h, 'zh', (page) => {
      found[page] = englishIn(h)
    })
    expect(found).toEqual(NOTHING_ON_ANY_PAGE)
    expect(h.tabLabels).toEqual(['访谈', '收藏'])
  })
})

describe('the language on About', () => {
  async function chooseOnAbout(h: Harness, label: string): Promise<void> {
    await h.tap(find(h.root(), byClass('series__about')))
    await h.settle()
    await h.tap(choice(h, label))
    await h.settle()
  }

  test('English, chosen in a Chinese WeChat: every page at once, and again after a relaunch', async () => {
    const h = await launched(fixtureApp())
    await chooseOnAbout(h, 'English')
    expect(h.current().route).toBe('pages/about/index')
    expect(visibleText(findByClass(seen(h), 'about__section')[0])).toBe('Official account')
    await tapTab(h, '/pages/index/index')
    expect(h.tabLabels).toEqual(['Interviews', 'Saved'])
    expect(visibleText(findByClass(seen(h), 'series__about')[0])).toBe('About the column')

    const again = await launched(fixtureApp({ storage: h.storage, files: h.files }))
    expect(again.tabLabels).toEqual(['Interviews', 'Saved'])
    expect(chineseIn(again)).toEqual([])
  })

  test('“as WeChat” in an English WeChat after choosing Chinese: back to English', async () => {
    const h = await launched(englishApp())
    await chooseOnAbout(h, '中文')
    await tapTab(h, '/pages/index/index')
    expect(h.tabLabels).toEqual(['访谈', '收藏'])
    expect(englishIn(h)).toEqual([])
    await h.tap(find(h.root(), byClass('series__about')))
    await h.settle()
    await h.tap(choice(h, '跟随微信'))
    await h.settle()
    expect(visibleText(findByClass(seen(h), 'about__section')[0])).toBe('Official account')
  })

  test('the reader, opened before the switch, offers its long-press actions in the new language', async () => {
    const h = await launched(fixtureApp())
    await openCard(h, translated.title)
    await h.pressBack()
    await chooseOnAbout(h, 'English')
    await tapTab(h, '/pages/index/index')
    await openCard(h, translated.en!.title!)
    await h.longPress(findAll(find(h.root(), byClass('reader__body')), byClass('b-a'))[0])
    await h.settle()
    expect(h.actionSheets.at(-1)).toEqual(['Keep', 'Keep with a note', 'Copy', 'Make a card'])
  })

  test('a choice storage refuses still switches, and says it is not kept', async () => {
    const h = await launched(fixtureApp())
    h.storageFault = 'quota'
    await chooseOnAbout(h, 'English')
    expect(h.toasts).toContain('Language changed, but the setting is not yet saved on this phone')
    expect(visibleText(findByClass(seen(h), 'about__section')[0])).toBe('Official account')
  })
})

describe('parallel reading (对照)', () => {
  async function parallel(h: Harness): Promise<Installment> {
    await launched(h)
    await openCard(h, translated.title)
    await h.tap(choice(h, '对照'))
    await h.advance(5000)
    return fixtureBody(translated.id)
  }

  test('each Chinese block is followed by its English, block for block', async () => {
    const h = fixtureApp()
    const body = await parallel(h)
    // What each block shows: its marks (问 / Q), its text, a quote's cite, a picture's caption.
    const shown = (b: Block, lang: 'zh' | 'en'): string | null => {
      const [q, a] = lang === 'zh' ? ['问', '答'] : ['Q', 'A']
      switch (b.type) {
        case 'question':
          return `${q}${plainText(b.text)}`
        case 'answer':
          return `${a}${plainText(b.text)}`
        case 'paragraph':
          return plainText(b.text)
        case 'heading':
          return b.text
        case 'quote':
          return `${plainText(b.text)}${b.cite ? `— ${b.cite}` : ''}`
        case 'image':
          return b.caption ?? null
        case 'divider':
          return null
      }
    }
    const expected = body.body.flatMap((block, i) =>
      [
        { text: shown(block, 'zh'), twin: false },
        { text: shown(body.en!.body![i], 'en'), twin: true },
      ].filter((b): b is { text: string; twin: boolean } => b.text !== null),
    )
    expect(bodyBlocks(seen(h))).toEqual(expected)
    expect(twins(h).length).toBeGreaterThan(4)
    expect(sameTextBothWays(h)).toBe(true)
  })

  test('is remembered: the next launch opens a translated interview in parallel', async () => {
    const h = fixtureApp()
    await parallel(h)
    const again = await launched(fixtureApp({ storage: h.storage, files: h.files }))
    await openCard(again, translated.title)
    await again.advance(5000)
    expect(twins(again).length).toBeGreaterThan(4)
    expect(find(again.root(), withText('choice__item--on', '对照'))).toBeTruthy()
  })

  test('another reading keeps the place: no second “back where you left off”', async () => {
    const h = await launched(fixtureApp())
    await openCard(h, translated.title)
    await h.advance(5000)
    await h.scroll(900)
    await h.advance(2000)
    await h.pressBack()
    await openCard(h, translated.title)
    await h.advance(5000)
    const resumed = h.toasts.filter((t) => t === '已回到上次读到的位置').length
    expect(resumed).toBe(1)
    await h.tap(choice(h, '对照'))
    await h.advance(5000)
    await h.tap(choice(h, '中文'))
    await h.advance(5000)
    expect(h.toasts.filter((t) => t === '已回到上次读到的位置').length).toBe(resumed)
  })

  test('a passage found in the English, while reading Chinese, opens beside its Chinese, marked', async () => {
    const h = await launched(fixtureApp())
    await openSearch(h)
    await untilSearchReady(h)
    await searchFor(h, nicknameSentenceEn(translated.number))
    await h.tap(find(h.root(), withText('sr', translated.title)))
    await h.advance(100)
    const hit = findByClass(seen(h), 'b--hit')
    expect(hit.length).toBe(1)
    expect(classesOfElement(hit[0])).toContain('b--twin')
    expect(visibleText(hit[0])).toContain(nicknameSentenceEn(translated.number))
    expect(find(h.root(), withText('choice__item--on', '对照'))).toBeTruthy()
  })

  test('an excerpt of the English keeps the English, and shows as such on the favourites tab', async () => {
    const h = fixtureApp()
    const body = await parallel(h)
    const englishAnswer = plainText(firstOf(body.en!.body!, 'answer'))
    const twinAnswer = findAll(
      find(h.root(), byClass('reader__body')),
      (n) => byClass('b--twin')(n) && byClass('b-a')(n),
    )[0]
    h.actionSheetPicks.push('摘录')
    await h.longPress(twinAnswer)
    await h.settle()
    expect(findAll(find(h.root(), byClass('reader__body')), byClass('b--kept')).length).toBe(1)
    expect(JSON.stringify(find(h.root(), byClass('b--kept')))).toContain(englishAnswer.slice(0, 20))
    await h.pressBack()
    await tapTab(h, '/pages/favourites/index')
    await h.tap(find(h.root(), (n: TreeNode) => byClass('seg__item')(n) && !byClass('seg__item--on')(n)))
    expect(visibleText(findByClass(seen(h), 'ex__text')[0])).toBe(
      englishAnswer.length > 140 ? `${Array.from(englishAnswer).slice(0, 140).join('')}…` : englishAnswer,
    )
  })
})
