import manifest from '../../src/content/bundled/manifest.json'
import { formatPath, validateInstallment, validateManifest } from '@/content/validate'

const entry = manifest.installments[0]
const validInstallment = {
  schemaVersion: 1,
  id: 'sample-one',
  number: 1,
  title: '标题',
  interviewee: { name: '某人（虚构）', role: '工程师', group: 'engineer' },
  publishedAt: '2026-01-05',
  summary: '摘要',
  tags: [],
  readingMinutes: 3,
  body: [
    { type: 'paragraph', text: '一段话' },
    {
      type: 'paragraph',
      text: [
        { text: '粗', bold: true },
        { text: '斜', italic: true },
      ],
    },
    { type: 'heading', level: 2, text: '小标题' },
    { type: 'question', text: '问题' },
    { type: 'answer', text: '回答' },
    { type: 'quote', text: '引文', cite: '出处' },
    { type: 'image', src: 'media/0123456789abcdef.png', width: 640, height: 360, caption: '图' },
    { type: 'image', src: 'https://cdn.example.com/a.jpg', width: 10, height: 10 },
    { type: 'divider' },
  ],
}

const withBody = (body: unknown[]) => ({ ...validInstallment, body })

describe('installment documents', () => {
  test('a document with every block type is valid', () => {
    expect(validateInstallment(validInstallment)).toEqual({ kind: 'ok', value: validInstallment })
  })

  test.each([
    ['no body', { ...validInstallment, body: [] }, 'body: must have at least one block'],
    [
      'an unknown block type',
      withBody([{ type: 'html', text: '<b>x</b>' }]),
      'body[0].type: Invalid discriminator value',
    ],
    [
      'an http image',
      withBody([{ type: 'image', src: 'http://x.example/a.png', width: 1, height: 1 }]),
      'body[0].src: must be an https URL or a media/<hash>.<ext> path',
    ],
    [
      'an image with no size',
      withBody([{ type: 'image', src: 'media/0123456789abcdef.png' }]),
      'body[0].width: Required',
    ],
    [
      'a heading of level 1',
      withBody([{ type: 'heading', level: 1, text: 'x' }]),
      'body[0].level: Invalid input',
    ],
    ['an empty paragraph', withBody([{ type: 'paragraph', text: '  ' }]), 'body[0].text: must not be empty'],
    [
      'a source that is not https',
      { ...validInstallment, source: { url: 'http://mp.weixin.qq.com/s/abc' } },
      'source.url: must be an https URL',
    ],
    [
      'a source with no address',
      { ...validInstallment, source: { account: '北方稀土' } },
      'source.url: Required',
    ],
    [
      'an unknown group',
      { ...validInstallment, interviewee: { ...validInstallment.interviewee, group: 'poet' } },
      'interviewee.group: Invalid enum value',
    ],
    ['a bad id', { ...validInstallment, id: 'Not Kebab' }, 'id: must be kebab-case'],
    [
      'a number over 999',
      { ...validInstallment, number: 1000 },
      'number: Number must be less than or equal to 999',
    ],
    ['a bad date', { ...validInstallment, publishedAt: '2026-02-30x' }, 'publishedAt: must be an ISO date'],
    [
      'an impossible date',
      { ...validInstallment, publishedAt: '2026-13-40' },
      'publishedAt: must be a real calendar date',
    ],
    [
      'another schema version',
      { ...validInstallment, schemaVersion: 2 },
      'schemaVersion: Invalid literal value, expected 1',
    ],
  ])('%s is reported with its path', (_what, doc, problem) => {
    const result = validateInstallment(doc)
    expect(result.kind).toBe('bad-data')
    if (result.kind === 'bad-data') expect(result.problems.join('\n')).toContain(problem)
  })

  test('every problem is reported, not just the first', () => {
    const result = validateInstallment({ ...validInstallment, id: 'X', number: 0, title: '' })
    expect(result.kind === 'bad-data' && result.problems.map((p) => p.split(':')[0])).toEqual([
      'id',
      'number',
      'title',
    ])
  })
})

describe('a contract that can grow (schemaVersion 1)', () => {
  // What tomorrow's editors might publish: fields this build has never heard of, at every level.
  const fromTheFuture = {
    ...validInstallment,
    audio: { src: 'https://cdn.example.com/a.mp3' },
    interviewee: { ...validInstallment.interviewee, pronouns: 'ta' },
    source: { url: 'https://mp.weixin.qq.com/s/abc', account: '北方稀土', readCount: 1024 },
    body: [{ type: 'paragraph', text: [{ text: '下划线', underline: true }], align: 'center' }],
  }

  test('an installment with unknown fields is accepted, and the unknown fields are dropped', () => {
    expect(validateInstallment(fromTheFuture)).toEqual({
      kind: 'ok',
      value: {
        ...validInstallment,
        source: { url: 'https://mp.weixin.qq.com/s/abc', account: '北方稀土' },
        body: [{ type: 'paragraph', text: [{ text: '下划线' }] }],
      },
    })
  })

  test('a manifest with unknown fields is accepted', () => {
    const result = validateManifest({
      ...manifest,
      publisher: 'cdn',
      series: { ...manifest.series, officialAccount: { name: '北方稀土', username: 'gh_0123456789ab' } },
      installments: manifest.installments.map((e) => ({ ...e, views: 1 })),
    })
    expect(result.kind).toBe('ok')
    if (result.kind === 'ok') {
      expect(result.value.series.officialAccount).toEqual({ name: '北方稀土', username: 'gh_0123456789ab' })
      expect(Object.keys(result.value)).not.toContain('publisher')
      expect(Object.keys(result.value.installments[0])).not.toContain('views')
    }
  })

  test.each([
    [{ name: '' }, 'series.officialAccount.name: must not be empty'],
    [
      { name: '北方稀土', username: 'northern-rare-earth' },
      "series.officialAccount.username: must be the account's original ID",
    ],
  ])('officialAccount %j is refused with its path', (officialAccount, problem) => {
    const result = validateManifest({ ...manifest, series: { ...manifest.series, officialAccount } })
    expect(result.kind === 'bad-data' && result.problems.join('\n')).toContain(problem)
  })

  test('a schemaVersion 2 manifest is not taken for version 1', () => {
    const result = validateManifest({ ...manifest, schemaVersion: 2 })
    expect(result.kind === 'bad-data' && result.problems).toEqual([
      'schemaVersion: Invalid literal value, expected 1',
    ])
  })
})

describe('picture fields: optional, so documents without them still validate', () => {
  const picture = { type: 'image', src: 'media/0123456789abcdef.jpg', width: 1080, height: 810 }
  const coverImage = {
    width: 1080,
    height: 810,
    placeholder: '#a0b1c2',
    thumb: 'media/1123456789abcdef.jpg',
    share: 'media/2123456789abcdef.jpg',
  }

  test.each([
    ['an image block without placeholder or large (as built before)', withBody([picture])],
    [
      'an image block with both',
      withBody([{ ...picture, placeholder: '#a0b1c2', large: 'media/ab12cd34.jpg' }]),
    ],
    ['an uppercase placeholder', withBody([{ ...picture, placeholder: '#A0B1C2' }])],
    ['a remote large variant', withBody([{ ...picture, large: 'https://cdn.example.com/big.jpg' }])],
    ['a cover without coverImage (as built before)', { ...validInstallment, cover: picture.src }],
    ['a cover with coverImage', { ...validInstallment, cover: picture.src, coverImage }],
    ['coverImage with its size only', { ...validInstallment, coverImage: { width: 4, height: 3 } }],
  ])('%s is valid and kept as it is', (_what, doc) => {
    expect(validateInstallment(doc)).toEqual({ kind: 'ok', value: doc })
  })

  test.each([
    [
      'a colour name',
      withBody([{ ...picture, placeholder: 'red' }]),
      'body[0].placeholder: must be a colour',
    ],
    [
      'a short colour',
      withBody([{ ...picture, placeholder: '#f00' }]),
      'body[0].placeholder: must be a colour',
    ],
    [
      'an http large variant',
      withBody([{ ...picture, large: 'http://cdn.example.com/big.jpg' }]),
      'body[0].large: must be an https URL or a media/<hash>.<ext> path',
    ],
    [
      'a thumbnail outside media/',
      { ...validInstallment, coverImage: { ...coverImage, thumb: '../thumb.jpg' } },
      'coverImage.thumb: must be an https URL or a media/<hash>.<ext> path',
    ],
    [
      'a coverImage with no size',
      { ...validInstallment, coverImage: { share: coverImage.share } },
      'coverImage.width: Required',
    ],
    [
      'a coverImage of width 0',
      { ...validInstallment, coverImage: { ...coverImage, width: 0 } },
      'coverImage.width: Number must be greater than 0',
    ],
  ])('%s is refused with its path', (_what, doc, problem) => {
    const result = validateInstallment(doc)
    expect(result.kind === 'bad-data' && result.problems.join('\n')).toContain(problem)
  })

  test.each([
    ['no media address (as built before)', undefined, 'ok'],
    ['an https media address', 'https://cdn.example.com/lre', 'ok'],
    ['an http media address', 'http://cdn.example.com/lre', 'series.media: must be an https URL'],
  ])('a series with %s', (_what, media, expected) => {
    const result = validateManifest({ ...manifest, series: { ...manifest.series, media } })
    if (expected === 'ok') expect(result.kind === 'ok' && result.value.series.media).toBe(media)
    else expect(result.kind === 'bad-data' && result.problems).toEqual([expected])
  })

  test('a manifest entry carries coverImage, and one without it is still valid', () => {
    const withCover = { ...manifest, installments: [{ ...entry, cover: picture.src, coverImage }] }
    const result = validateManifest(withCover)
    expect(result.kind === 'ok' && result.value.installments[0].coverImage).toEqual(coverImage)
    const { coverImage: _dropped, ...without } = { ...entry, coverImage }
    expect(validateManifest({ ...manifest, installments: [without] }).kind).toBe('ok')
  })
})

describe('manifest documents', () => {
  test('bodies are named by content, and the plain <id>.json of earlier builds is still read', () => {
    expect(entry.path).toBe(`installments/${entry.id}.${entry.sha256.slice(0, 12)}.json`)
    const plain = { ...manifest, installments: [{ ...entry, path: `installments/${entry.id}.json` }] }
    expect(validateManifest(plain).kind).toBe('ok')
  })

  test('the bundled manifest is valid', () => {
    expect(validateManifest(manifest).kind).toBe('ok')
  })

  test.each([
    [
      'a duplicate id',
      { ...manifest, installments: [entry, { ...entry, number: 500 }] },
      `installments: duplicate id "${entry.id}"`,
    ],
    [
      'a duplicate number',
      {
        ...manifest,
        installments: [entry, { ...entry, id: 'other-id', path: 'installments/other-id.json' }],
      },
      `installments: duplicate number ${entry.number}`,
    ],
    [
      'a bad hash',
      { ...manifest, installments: [{ ...entry, sha256: 'abc' }] },
      'installments[0].sha256: must be 64 lowercase hex digits',
    ],
    [
      'a path outside installments/',
      { ...manifest, installments: [{ ...entry, path: '../secret.json' }] },
      'installments[0].path: must be installments/<id>.<12 hex>.json (or installments/<id>.json)',
    ],
    [
      "another installment's file",
      { ...manifest, installments: [{ ...entry, path: 'installments/someone-else.json' }] },
      `installments[0].path: must name the installment's own id "${entry.id}"`,
    ],
    [
      'a content-addressed name whose hash is not the sha256',
      { ...manifest, installments: [{ ...entry, path: `installments/${entry.id}.0123456789ab.json` }] },
      'installments[0].path: names a hash other than its sha256',
    ],
    [
      'no series intro',
      { ...manifest, series: { ...manifest.series, intro: [] } },
      'series.intro: must have at least one block',
    ],
    ['JSON null', null, '(root): Expected object, received null'],
  ])('%s is reported', (_what, doc, problem) => {
    const result = validateManifest(doc)
    expect(result.kind === 'bad-data' && result.problems).toEqual(
      expect.arrayContaining([expect.stringContaining(problem)]),
    )
  })
})

test.each([
  [['installments', 3, 'interviewee', 'group'], 'installments[3].interviewee.group'],
  [[0, 'text'], '[0].text'],
  [[], ''],
])('formatPath(%j) is %s', (segments, expected) => {
  expect(formatPath(segments)).toBe(expected)
})
