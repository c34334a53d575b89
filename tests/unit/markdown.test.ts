import { parseBody, readingMinutes } from '../../scripts/content/markdown'

describe('Markdown body → blocks', () => {
  test.each([
    ['## 小标题', [{ type: 'heading', level: 2, text: '小标题' }]],
    ['### 更小', [{ type: 'heading', level: 3, text: '更小' }]],
    ['问：为什么？', [{ type: 'question', text: '为什么？' }]],
    ['Q: why?', [{ type: 'question', text: 'why?' }]],
    ['答：因为。', [{ type: 'answer', text: '因为。' }]],
    ['A: because.', [{ type: 'answer', text: 'because.' }]],
    ['普通段落', [{ type: 'paragraph', text: '普通段落' }]],
    [
      '有**粗体**和*斜体*',
      [
        {
          type: 'paragraph',
          text: [
            { text: '有' },
            { text: '粗体', bold: true },
            { text: '和' },
            { text: '斜体', italic: true },
          ],
        },
      ],
    ],
    ['答：**要点**在此', [{ type: 'answer', text: [{ text: '要点', bold: true }, { text: '在此' }] }]],
    ['> 一句话\n> — 某人', [{ type: 'quote', text: '一句话', cite: '某人' }]],
    ['> 一句话\n>\n> —— 某人', [{ type: 'quote', text: '一句话', cite: '某人' }]],
    ['> 只有引文', [{ type: 'quote', text: '只有引文' }]],
    ['---', [{ type: 'divider' }]],
    ['emoji 🎉 与全角标点：“好”！', [{ type: 'paragraph', text: 'emoji 🎉 与全角标点：“好”！' }]],
  ])('%j', (source, blocks) => {
    expect(parseBody(source, 0)).toEqual({ blocks, problems: [], lines: [1] })
  })

  test('an image alone in a paragraph is an image block waiting for its file', () => {
    expect(parseBody('![说明](media/a.png)', 0).blocks).toEqual([
      { type: 'pending-image', ref: { src: 'media/a.png', line: 1, title: null }, caption: '说明' },
    ])
  })

  test('each block has the line it starts on, counted from the top of its file', () => {
    const source =
      '## 小标题\n\n问：为什么？\n\n答：因为\n这样。\n\n![图](media/a.png)\n\n> 一句话\n> — 某人\n\n---\n'
    expect(parseBody(source, 14).lines).toEqual([15, 17, 19, 22, 24, 27])
  })

  test.each([
    ['<script>alert(1)</script>', 'raw HTML is not allowed: <script>alert(1)</script>'],
    ['文字<b>粗</b>', 'raw HTML is not allowed: <b>', 'raw HTML is not allowed: </b>'],
    ['- 列表', 'unsupported block syntax: bullet_list'],
    ['```\ncode\n```', 'unsupported block syntax: fence'],
    ['# 一级标题', 'only ## and ### headings are allowed, found #'],
    ['[链接](http://example.com)', 'link "http://example.com" must be an https URL'],
  ])('%j is an error with its line', (source, ...messages) => {
    expect(parseBody(`第一段\n\n${source}`, 10).problems).toEqual(
      messages.map((message) => ({ line: 13, message })),
    )
  })

  test('reading time is about 400 Chinese characters a minute, at least one', () => {
    expect(readingMinutes([{ type: 'paragraph', text: '字'.repeat(2000) }])).toBe(5)
    expect(readingMinutes([{ type: 'paragraph', text: '短' }])).toBe(1)
  })
})
