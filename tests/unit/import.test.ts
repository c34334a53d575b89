/**
 * `content import`: official-account article pages (sample fixtures in tests/fixtures/articles/, all
 * made up) → Markdown sources. Images and pages are served from a local server; the injected fetcher
 * routes https://mmbiz.qpic.cn/… and https://mp.weixin.qq.com/… to it. Each case expects either the
 * exact Markdown and warnings, or the exact problems and a content folder left exactly as it was.
 * UPDATE_EXPECTED=1 rewrites the *.expected.md files (review the diff).
 */
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { PNG } from 'pngjs'

import { buildContent } from '../../scripts/content/build'
import { main } from '../../scripts/content/cli'
import { parseArticle, type ImportedBlock } from '../../scripts/content/article'
import { importArticle, type Fetcher, type ImportOptions } from '../../scripts/content/import'
import { renderBody } from '../../scripts/content/to-markdown'
import { plainText } from '@/content/inline'
import type { Block } from '@/content/schema'
import { validateManifest } from '@/content/validate'

const FIXTURES = path.resolve(__dirname, '../fixtures/articles')
const fixture = (name: string) => path.join(FIXTURES, name)
const ELEVEN_MB = 11 * 1024 * 1024

/** A small PNG with a deterministic pattern; `noisy` makes it incompressible (and so large). */
function png(width: number, height: number, noisy = false): Buffer {
  const image = new PNG({ width, height })
  let seed = 42
  for (let i = 0; i < image.data.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    image.data[i] = noisy ? (seed >>> 16) & 0xff : (i * 7) & 0xff
  }
  return PNG.sync.write(image)
}

// The smallest valid GIF: 1×1, one colour.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64')

const IMAGES: Record<string, Buffer> = {
  '/mmbiz_png/sample/lab/640': png(64, 36),
  '/mmbiz_png/sample/qr/640': png(20, 20),
  '/mmbiz_gif/sample/dots/0': GIF,
  '/mmbiz_png/sample/big/640': png(300, 300, true),
  '/mmbiz_png/sample/not-an-image/640': Buffer.from('<html>not an image</html>'),
}

let server: Server
let base: string

function serve(url: string, res: import('node:http').ServerResponse): void {
  const { pathname } = new URL(url, 'http://x')
  const [, area, ...rest] = pathname.split('/')
  const tail = `/${rest.join('/')}`
  if (area === 'mmbiz' && IMAGES[tail]) return void res.end(IMAGES[tail])
  if (area === 'mp' && tail.startsWith('/s/') && existsSync(fixture(`${tail.slice(3)}.html`)))
    return void res.end(readFileSync(fixture(`${tail.slice(3)}.html`)))
  if (area === 'mp' && tail === '/huge-declared') {
    res.setHeader('content-length', String(ELEVEN_MB))
    return void res.end(Buffer.alloc(ELEVEN_MB, 0x20))
  }
  if (area === 'mp' && tail === '/huge-streamed') {
    const chunk = Buffer.alloc(1024 * 1024, 0x20)
    for (let i = 0; i < 11; i++) res.write(chunk)
    return void res.end()
  }
  if (area === 'mp' && tail === '/gbk-header') {
    res.setHeader('content-type', 'text/html; charset=GBK')
    return void res.end(readFileSync(fixture('named.html')))
  }
  res.statusCode = 404
  res.end('not found')
}

/** Routes the two WeChat hosts to the local server; every other host is unreachable. */
const fetcher: Fetcher = async (url) => {
  const u = new URL(url)
  const area = { 'mmbiz.qpic.cn': 'mmbiz', 'mp.weixin.qq.com': 'mp' }[u.hostname]
  if (!area) throw new Error(`getaddrinfo ENOTFOUND ${u.hostname}`)
  return fetch(`${base}/${area}${u.pathname}${u.search}`)
}

beforeAll(async () => {
  server = createServer((req, res) => serve(req.url ?? '/', res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lre-import-'))
})
afterEach(() => {
  // Pages that must not sit inside the content folder are written next to it.
  for (const extra of [dir, `${dir}-big.html`, `${dir}-gbk.html`])
    rmSync(extra, { recursive: true, force: true })
})

/** Every file and folder under `root` with a hash of its bytes: to prove nothing changed. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(root, { recursive: true }) as string[]) {
    const file = path.join(root, name)
    out[name] = statSync(file).isDirectory()
      ? 'dir'
      : createHash('sha256').update(readFileSync(file)).digest('hex')
  }
  return out
}

const sha8 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8)

type Ok = { md: string; file: string; warnings: string[]; todos: string[]; media: number }
type Failure = { problems: Array<string | RegExp> }
type Case = {
  what: string
  input: (d: string) => string
  options?: ImportOptions
  setup?: (d: string) => void
  expect: (input: string, d: string) => Ok | Failure
}

const INTERVIEW_WARNINGS = (input: string) =>
  [
    '30:9: warning: dropped empty section',
    '43:9: warning: dropped audio embed <mpvoice>',
    '46:9: warning: dropped video embed <iframe>',
    '50:19: warning: kept the text of a link, not its address https://example.com/more',
    '51:9: warning: dropped mini-program card <mp-miniprogram>',
    '52:9: warning: dropped follow/QR-code footer "长按识别二维码 · 关注样例稀土号" (1 image(s))',
    '53:9: warning: dropped script',
    '54:9: warning: dropped empty section',
  ].map((w) => `${input}:${w}`)

const INTERVIEW_TODOS = ['interviewee.name', 'interviewee.role', 'interviewee.group']

/** interview.html imported as no. 12, from a file or its address alike. */
const INTERVIEW_IMPORTED = (input: string) => ({
  md: 'interview.expected.md',
  file: '012-installment-12.md',
  warnings: INTERVIEW_WARNINGS(input),
  todos: INTERVIEW_TODOS,
  media: 2,
})
const NAMED_URL = 'https://mp.weixin.qq.com/s?__biz=SAMPLE==&mid=2000&idx=1&sn=def456&chksm=00'
const NAMED_FILE = `imported-2024-06-01-${sha8(NAMED_URL)}.md`

const CASES: Case[] = [
  {
    what: 'a saved page with every kind of block, --number',
    input: () => fixture('interview.html'),
    options: { number: 12 },
    expect: INTERVIEW_IMPORTED,
  },
  {
    what: 'the same article fetched from its https address',
    input: () => 'https://mp.weixin.qq.com/s/interview',
    options: { number: 12 },
    expect: INTERVIEW_IMPORTED,
  },
  {
    what: '--force overwrites an existing file',
    input: () => fixture('interview.html'),
    options: { number: 12, force: true },
    setup: (d) => writeFileSync(path.join(d, '012-installment-12.md'), 'old'),
    expect: INTERVIEW_IMPORTED,
  },
  {
    what: '--interviewer and --interviewee, no number, the date from #publish_time',
    input: () => fixture('named.html'),
    options: { interviewer: '小稀', interviewee: '许衡' },
    expect: (input) => ({
      md: 'named.expected.md',
      file: NAMED_FILE,
      warnings: [`${input}:16:7: warning: dropped follow/QR-code footer "点击上方蓝字关注我们"`],
      todos: ['id', 'number', 'interviewee.role', 'interviewee.group', 'summary'],
      media: 0,
    }),
  },
  {
    what: 'an image over 200 KB is no longer a warning: the builder publishes its variants, not it',
    input: () => fixture('big-image.html'),
    options: { number: 3, id: 'big-picture' },
    expect: () => ({
      md: 'big-image.expected.md',
      file: '003-big-picture.md',
      warnings: [],
      todos: ['interviewee.name', 'interviewee.role', 'interviewee.group', 'summary'],
      media: 1,
    }),
  },
  {
    what: 'a page that is not an article',
    input: () => fixture('not-article.html'),
    expect: (input) => ({ problems: [`${input}: not an official-account article (no #js_content)`] }),
  },
  {
    what: 'an empty article body',
    input: () => fixture('empty.html'),
    expect: (input) => ({ problems: [`${input}:5: the article body (#js_content) is empty`] }),
  },
  {
    what: 'images that cannot be used',
    input: () => fixture('bad-images.html'),
    expect: (input) => ({
      problems: [
        `${input}:9: image https://mmbiz.qpic.cn/mmbiz_png/sample/missing/640?wx_fmt=png could not be downloaded: HTTP 404`,
        `${input}:10: image https://mmbiz.qpic.cn/mmbiz_png/sample/not-an-image/640 is not a PNG, JPEG, WebP or GIF image`,
        `${input}:11: image https://unreachable.example.com/sample.png could not be downloaded: getaddrinfo ENOTFOUND unreachable.example.com`,
      ],
    }),
  },
  {
    what: "an http image address off WeChat's image host",
    input: () => fixture('http-image.html'),
    expect: (input) => ({
      problems: [`${input}:6: image "http://img.example.com/sample.png" is not an https URL`],
    }),
  },
  {
    what: 'a page over 10 MB',
    input: (d) => {
      const file = `${d}-big.html`
      writeFileSync(file, `<div id="js_content"><p>${'稀'.repeat(3.5 * 1024 * 1024)}</p></div>`)
      return file
    },
    expect: (input) => ({ problems: [`${input}: the page is 10.5 MB; the limit is 10.0 MB`] }),
  },
  {
    what: 'a page address over 10 MB by Content-Length',
    input: () => 'https://mp.weixin.qq.com/huge-declared',
    expect: (input) => ({ problems: [`${input}: the page is 11.0 MB; the limit is 10.0 MB`] }),
  },
  {
    what: 'a page address that streams past 10 MB',
    input: () => 'https://mp.weixin.qq.com/huge-streamed',
    expect: (input) => ({ problems: [`${input}: the page is over 10.0 MB; stopped reading`] }),
  },
  {
    what: 'a GBK page',
    input: (d) => {
      const file = `${d}-gbk.html`
      // "<div id=js_content><p>中文</p></div>" with 中文 in GBK.
      writeFileSync(
        file,
        Buffer.concat([
          Buffer.from('<div id="js_content"><p>'),
          Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
          Buffer.from('</p></div>'),
        ]),
      )
      return file
    },
    expect: (input) => ({
      problems: [`${input}: the page is not valid UTF-8 (a GBK page? save it again as UTF-8)`],
    }),
  },
  {
    what: 'a page that declares charset gbk',
    input: () => fixture('gbk-declared.html'),
    expect: (input) => ({ problems: [`${input}:3: the page declares charset gbk; only UTF-8 is read`] }),
  },
  {
    what: 'a page address sent as GBK',
    input: () => 'https://mp.weixin.qq.com/gbk-header',
    expect: (input) => ({ problems: [`${input}: the page is sent as GBK; only UTF-8 is read`] }),
  },
  {
    what: 'an http page address',
    input: () => 'http://mp.weixin.qq.com/s/interview',
    expect: (input) => ({ problems: [`${input}: the page address must be an https URL`] }),
  },
  {
    what: 'a page address that 404s',
    input: () => 'https://mp.weixin.qq.com/s/no-such-article',
    expect: (input) => ({ problems: [`${input}: could not download the page: HTTP 404`] }),
  },
  {
    what: 'a target file that exists, without --force',
    input: () => fixture('interview.html'),
    options: { number: 12 },
    setup: (d) => writeFileSync(path.join(d, '012-installment-12.md'), 'old'),
    expect: (_input, d) => ({
      problems: [`${path.join(d, '012-installment-12.md')}: already exists; --force overwrites it`],
    }),
  },
  {
    what: 'a write that fails removes what it wrote',
    input: () => fixture('interview.html'),
    options: { number: 12, force: true },
    setup: (d) => {
      mkdirSync(path.join(d, '012-installment-12.md'))
      writeFileSync(path.join(d, '012-installment-12.md', 'keep'), 'x')
    },
    expect: (_input, d) => ({
      problems: [new RegExp(`^${path.join(d, '012-installment-12.md')}: could not write: E`)],
    }),
  },
]

describe('import', () => {
  test.each(CASES.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    c.setup?.(dir)
    const input = c.input(dir)
    const before = snapshot(dir)
    const expected = c.expect(input, dir)
    const result = await importArticle(input, dir, { ...c.options, fetch: fetcher })
    if ('problems' in expected) {
      expect(result).toMatchObject({ kind: 'error' })
      if (result.kind !== 'error') return
      expect(result.problems).toEqual(
        expected.problems.map((p) => (typeof p === 'string' ? p : expect.stringMatching(p))),
      )
      expect(snapshot(dir)).toEqual(before)
      return
    }
    expect(result).toMatchObject({ kind: 'ok' })
    if (result.kind !== 'ok') return
    const file = path.join(dir, expected.file)
    const markdown = readFileSync(file, 'utf8')
    if (process.env.UPDATE_EXPECTED) writeFileSync(fixture(expected.md), markdown)
    expect(result.file).toBe(file)
    expect(result.warnings).toEqual(expected.warnings)
    expect(result.todos).toEqual(expected.todos)
    expect(result.media).toHaveLength(expected.media)
    for (const media of result.media) expect(existsSync(media)).toBe(true)
    expect(markdown).toBe(readFileSync(fixture(expected.md), 'utf8'))
  })

  test('the same page imports to the same bytes', async () => {
    const first = await importArticle(fixture('interview.html'), dir, { number: 12, fetch: fetcher })
    const again = mkdtempSync(path.join(tmpdir(), 'lre-import-again-'))
    try {
      const second = await importArticle(fixture('interview.html'), again, { number: 12, fetch: fetcher })
      expect(first.kind === 'ok' && second.kind === 'ok').toBe(true)
      expect(snapshot(again)).toEqual(snapshot(dir))
    } finally {
      rmSync(again, { recursive: true, force: true })
    }
  })
})

/** Fills every TODO the way an editor would: plain text replacement. */
function fillTodos(markdown: string): string {
  const values: Record<string, string> = {
    id: 'imported-sample',
    number: '42',
    name: '周砚秋（虚构）',
    role: '磁体工程师',
    group: 'engineer',
    summary: '一篇导入的样例文章。',
  }
  return markdown.replace(/^(\s*)(\w+): TODO\b.*$/gm, (_line, indent: string, key: string) => {
    if (!(key in values)) throw new Error(`no value to fill in for ${key}`)
    return `${indent}${key}: ${values[key]}`
  })
}

// Depends on the front-matter schema accepting `source: { url, account? }`; fails until it does.
describe('round trip', () => {
  test.each([
    ['interview.html', { number: 12 }],
    ['named.html', { interviewer: '小稀', interviewee: '许衡' }],
    ['big-image.html', { number: 3, id: 'big-picture' }],
  ] as const)('%s, its TODOs filled in, builds and validates', async (name, options) => {
    const result = await importArticle(fixture(name), dir, { ...options, fetch: fetcher })
    if (result.kind !== 'ok') throw new Error(result.problems.join('\n'))
    writeFileSync(result.file, fillTodos(readFileSync(result.file, 'utf8')))
    writeFileSync(path.join(dir, 'series.md'), '---\ntitle: 系列\ntagline: 一句话\n---\n\n介绍。\n')
    const built = await buildContent(dir)
    if (built.kind !== 'ok') throw new Error(built.problems.join('\n'))
    expect(validateManifest(built.output.manifest).kind).toBe('ok')
    expect(built.output.manifest.installments).toHaveLength(1)
  })
})

describe('the import command', () => {
  let out: string[]
  let err: string[]
  beforeEach(() => {
    out = []
    err = []
    jest.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
    jest.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')))
  })
  afterEach(() => jest.restoreAllMocks())

  test('--help', async () => {
    expect(await main(['import', '--help'])).toBe(0)
    expect(out[0]).toMatch(/^Usage: npm run content -- import <article\.html \| https-url> <srcDir>/)
  })

  test.each([
    [['import']],
    [['import', fixture('named.html')]],
    [['import', fixture('named.html'), 'no-such-folder']],
    [['import', 'no-such-page.html', '.']],
    [['import', fixture('named.html'), '.', '--number', 'twelve']],
    [['import', fixture('named.html'), '.', '--id', 'Not Kebab']],
  ])('usage errors exit 2: %j', async (args) => {
    expect(await main(args)).toBe(2)
    expect(err.join('\n')).toContain('Usage: npm run content -- import')
  })

  test('imports a page with no images: warnings on stderr; what it wrote and how to translate it on stdout', async () => {
    const input = fixture('named.html')
    expect(await main(['import', input, dir, '--interviewer', '小稀', '--interviewee', '许衡'])).toBe(0)
    const file = path.join(dir, NAMED_FILE)
    expect(err).toEqual([`${input}:16:7: warning: dropped follow/QR-code footer "点击上方蓝字关注我们"`])
    expect(out).toEqual([
      `imported ${file} (0 images); fill in: id, number, interviewee.role, interviewee.group, summary`,
      `to add an English translation: an en: block in the front matter of ${file} and ${file.replace(/\.md$/, '.en.md')} beside it, block for block with its body (see "Adding an English translation" in content/README.md)`,
    ])
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(fixture('named.expected.md'), 'utf8'))
  })

  test('--json, and a second run is refused with exit 1', async () => {
    const input = fixture('named.html')
    expect(await main(['import', input, dir, '--json', '--number', '5'])).toBe(0)
    const first = JSON.parse(out.join('\n'))
    expect(first).toEqual({
      ok: true,
      command: 'import',
      file: path.join(dir, '005-installment-5.md'),
      media: [],
      warnings: [`${input}:16:7: warning: dropped follow/QR-code footer "点击上方蓝字关注我们"`],
      todos: ['interviewee.name', 'interviewee.role', 'interviewee.group', 'summary'],
      problems: [],
    })
    out = []
    expect(await main(['import', input, dir, '--json', '--number', '5'])).toBe(1)
    expect(JSON.parse(out.join('\n'))).toMatchObject({
      ok: false,
      file: null,
      problems: [
        { file: path.join(dir, '005-installment-5.md'), message: 'already exists; --force overwrites it' },
      ],
    })
  })
})

describe('the Markdown writer', () => {
  test.each<[string, Block, string]>([
    [
      'bold that Markdown cannot close next to CJK punctuation gives the punctuation up',
      { type: 'paragraph', text: [{ text: '他说' }, { text: '“好。”', bold: true }, { text: '然后走了' }] },
      '他说“**好**。”然后走了',
    ],
    [
      'bold and italic nest',
      {
        type: 'paragraph',
        text: [
          { text: 'a' },
          { text: 'b', bold: true },
          { text: 'c', bold: true, italic: true },
          { text: 'd' },
        ],
      },
      'a**b*c***d',
    ],
    [
      'Markdown syntax in text is escaped',
      { type: 'paragraph', text: '1986. 年 * _ ` ~ | &amp; <b> #x' },
      '1986\\. 年 \\* \\_ \\` \\~ \\| \\&amp; \\<b\\> \\#x',
    ],
    ['a quote with its source', { type: 'quote', text: '一句话', cite: '某人' }, '> 一句话\n> — 某人'],
  ])('%s', (_what, block, markdown) => {
    const written = renderBody([block])
    expect(written.markdown).toBe(`${markdown}\n`)
    expect(written.problems).toEqual([])
  })
})

describe('how an article body maps onto blocks', () => {
  const page = (body: string) =>
    `<html><head><meta property="og:title" content="T"></head><body><div id="js_content">${body}</div></body></html>`

  /** A compact view of the blocks: `type: text`, images as `image: url | caption`. */
  function blocksOf(body: string, options: { interviewer?: string; interviewee?: string } = {}) {
    const parsed = parseArticle(page(body), { source: 'a.html', ...options })
    if (parsed.kind !== 'ok') throw new Error(parsed.problems.join('\n'))
    const view = (b: ImportedBlock) => {
      if (b.type === 'image') return `image: ${b.image.url} | ${b.image.caption}`
      if (b.type === 'divider') return 'divider'
      const text = plainText(b.text)
      return `${b.type}: ${text}`
    }
    return {
      blocks: parsed.article.blocks.map(view),
      warnings: parsed.warnings.map((w) => w.replace(/^a\.html:\d+:\d+: warning: /, '')),
    }
  }
  const IMG = (name: string) =>
    `<img data-src="https://mmbiz.qpic.cn/mmbiz_png/x/${name}/640" data-w="640" data-ratio="0.5">`
  const IMG_URL = (name: string) => `https://mmbiz.qpic.cn/mmbiz_png/x/${name}/640`

  test.each<[string, string, string[], string[]?]>([
    [
      'a question and its answer in one paragraph, split by a line break',
      '<p><strong>问：</strong>您好？<br>答：很好。</p>',
      ['question: 您好？', 'answer: 很好。'],
    ],
    [
      'numbered, full-width and lower-case labels',
      '<p>Q1：第一问？</p><p>A1：第一答。</p><p>Ｑ：第二问？</p><p>ａ：第二答。</p>',
      ['question: 第一问？', 'answer: 第一答。', 'question: 第二问？', 'answer: 第二答。'],
    ],
    [
      'a follow phrase someone says in the middle is kept',
      '<p>答：前文。</p><p>欢迎大家关注我们。</p><p>答：谢谢。</p>',
      ['answer: 前文。', 'paragraph: 欢迎大家关注我们。', 'answer: 谢谢。'],
    ],
    [
      'an answer that uses the words is speech, even at the end',
      '<p>答：前文。</p><p>答：欢迎年轻人关注我们这个行业。</p>',
      ['answer: 前文。', 'answer: 欢迎年轻人关注我们这个行业。'],
    ],
    [
      'a follow prompt at the end goes, with the QR code beside it',
      `<p>答：谢谢。</p><section><p>${IMG('qr')}</p><p>关注我们，了解更多</p></section>`,
      ['answer: 谢谢。'],
      ['dropped follow/QR-code footer "关注我们，了解更多" (1 image(s))'],
    ],
    [
      'a QR code beside (not inside) a closing follow prompt goes with it',
      `<p>答：谢谢。</p><p>${IMG('qr')}</p><p>关注我们，了解更多</p>`,
      ['answer: 谢谢。'],
      ['dropped QR-code image next to a follow footer', 'dropped follow/QR-code footer "关注我们，了解更多"'],
    ],
    [
      'a follow prompt at the start goes too',
      '<p>点击上方蓝字关注我们</p><p>答：正文。</p>',
      ['answer: 正文。'],
      ['dropped follow/QR-code footer "点击上方蓝字关注我们"'],
    ],
    [
      'a marked line under a picture is its caption',
      `<p>${IMG('a')}</p><p><span style="color:#888">▲ 车间一角</span></p><p>正文。</p>`,
      [`image: ${IMG_URL('a')} | 车间一角`, 'paragraph: 正文。'],
    ],
    [
      'a figcaption is the caption of its picture',
      `<figure>${IMG('b')}<figcaption>图1：萃取槽</figcaption></figure>`,
      [`image: ${IMG_URL('b')} | 图1：萃取槽`],
    ],
    [
      'a label alone, then a picture, still labels the text after it',
      `<p><strong>答：</strong></p><p>${IMG('c')}</p><p>这是回答。</p>`,
      [`image: ${IMG_URL('c')} | `, 'answer: 这是回答。'],
    ],
    [
      'a picture inside a heading is kept',
      `<h2>一、开篇${IMG('d')}</h2>`,
      ['heading: 一、开篇', `image: ${IMG_URL('d')} | `],
    ],
    [
      'a list becomes paragraphs, and says so',
      '<ul><li>第一条</li><li>第二条</li></ul>',
      ['paragraph: 第一条', 'paragraph: 第二条'],
      ['list turned into paragraphs: check its layout'],
    ],
  ])('%s', (_what, body, blocks, warnings = []) => {
    expect(blocksOf(body)).toEqual({ blocks, warnings })
  })

  test('a download that fails says why, not just "fetch failed"', async () => {
    const failing: Fetcher = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })
    }
    const result = await importArticle(fixture('interview.html'), dir, { number: 12, fetch: failing })
    expect(result.kind === 'error' && result.problems[0]).toMatch(/could not be downloaded: ECONNRESET$/)
    expect(readdirSync(dir)).toEqual([])
  })
})
