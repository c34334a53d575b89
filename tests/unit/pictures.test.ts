/**
 * Picture variants, through the builder editors use: sizes (never enlarged), formats, stripped
 * metadata with EXIF orientation honoured, content-addressed names, placeholders, limits, and what
 * the contract records. Every picture is made here with sharp.
 */
import { mkdtempSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import sharp from 'sharp'

import { buildContent, type BuildOutput } from '../../scripts/content/build'
import { sha256Of } from '../../scripts/content/hash'
import type { Block, Installment, ManifestEntry } from '@/content/schema'
import { validateInstallment, validateManifest } from '@/content/validate'
import { drawing, noise, photo, photoWithGps, solid } from './support/pictures'

const SERIES = '---\ntitle: 系列\ntagline: 一句话\n---\n\n介绍。\n'
const installment = (cover: string | null, body: string) =>
  `---\nid: one\nnumber: 1\ntitle: 标题\ninterviewee:\n  name: 某人\n  role: 工程师\n  group: engineer\npublishedAt: 2026-01-05\nsummary: 摘要\ntags: []\n${cover ? `cover: ${cover}\n` : ''}---\n\n${body}\n`

// Making pictures takes a moment: a few builds here encode 4000×3000 originals.
jest.setTimeout(60_000)

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lre-pictures-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function write(files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), content)
  }
}

/** Builds one installment whose cover and only body picture is `picture`. */
async function buildWith(picture: Buffer, name = 'media/pic'): Promise<BuildOutput> {
  write({ 'series.md': SERIES, 'one.md': installment(name, `![图](${name})`), [name]: picture })
  const result = await buildContent(dir)
  if (result.kind !== 'ok') throw new Error(result.problems.join('\n'))
  return result.output
}

function parts(output: BuildOutput): {
  entry: ManifestEntry
  body: Installment
  image: Block & { type: 'image' }
} {
  const entry = output.manifest.installments[0]
  const body = JSON.parse(output.files.get(entry.path)!.toString()) as Installment
  const image = body.body.find((b): b is Block & { type: 'image' } => b.type === 'image')
  if (!image) throw new Error('no image block')
  return { entry, body, image }
}

async function size(output: BuildOutput, rel: string | undefined): Promise<[number, number] | null> {
  if (!rel) return null
  const bytes = output.files.get(rel)
  if (!bytes) throw new Error(`${rel} is named but not published`)
  const meta = await sharp(bytes).metadata()
  return [meta.width ?? 0, meta.height ?? 0]
}

type Sizes = {
  reader: [number, number]
  large: [number, number] | null
  thumb: [number, number]
  share: [number, number] | null
}

describe('variant sizes: at most 1080 / 2160 / 480 wide, share exactly 5:4, never enlarged', () => {
  test.each<[string, () => Promise<Buffer>, Sizes]>([
    [
      'a 4000×3000 camera photo',
      () => photo(4000, 3000),
      { reader: [1080, 810], large: [2160, 1620], thumb: [480, 360], share: [750, 600] },
    ],
    [
      'a 1280×960 photo: large is the original size',
      () => photo(1280, 960),
      { reader: [1080, 810], large: [1280, 960], thumb: [480, 360], share: [750, 600] },
    ],
    [
      'an 800×600 photo: no large variant, nothing enlarged',
      () => photo(800, 600),
      { reader: [800, 600], large: null, thumb: [480, 360], share: [750, 600] },
    ],
    [
      'a 300×200 photo: every variant at most its own size',
      () => photo(300, 200),
      { reader: [300, 200], large: null, thumb: [300, 200], share: [250, 200] },
    ],
    [
      'a tall 1200×3000 photo',
      () => photo(1200, 3000),
      { reader: [1080, 2700], large: [1200, 3000], thumb: [480, 1200], share: [750, 600] },
    ],
    [
      'a wide 3000×600 panorama',
      () => photo(3000, 600),
      { reader: [1080, 216], large: [2160, 432], thumb: [480, 96], share: [750, 600] },
    ],
    [
      'a 1600×1200 photo stored turned (EXIF orientation 6): sized upright',
      () => photoWithGps(1600, 1200, 6),
      { reader: [1080, 1440], large: [1200, 1600], thumb: [480, 640], share: [750, 600] },
    ],
    [
      'a 4×3 icon: too small for a 5:4 share picture',
      () => solid(4, 3, { r: 10, g: 20, b: 30 }),
      { reader: [4, 3], large: null, thumb: [4, 3], share: null },
    ],
  ])('%s', async (_what, make, expected) => {
    const output = await buildWith(await make())
    const { entry, image } = parts(output)
    const actual: Sizes = {
      reader: (await size(output, image.src))!,
      large: await size(output, image.large),
      thumb: (await size(output, entry.coverImage?.thumb))!,
      share: await size(output, entry.coverImage?.share),
    }
    expect(actual).toEqual(expected)
    // The contract's width and height are the reader variant's, in the block and for the cover.
    expect([image.width, image.height]).toEqual(expected.reader)
    expect([entry.coverImage?.width, entry.coverImage?.height]).toEqual(expected.reader)
    expect(entry.cover).toBe(image.src)
  })
})

describe('formats: photos are progressive JPEGs, drawings stay crisp palette PNGs', () => {
  type Expect = { format: 'jpeg' | 'png'; progressive?: boolean; palette?: boolean; alpha?: boolean }
  test.each<[string, () => Promise<Buffer>, Expect]>([
    ['a JPEG photo', () => photo(1280, 960), { format: 'jpeg', progressive: true }],
    [
      'a photo saved as PNG (many colours, over 64 KB)',
      () => noise(900, 600, { format: 'png' }),
      { format: 'jpeg', progressive: true },
    ],
    ['a WebP photo', () => noise(900, 600, { format: 'webp' }), { format: 'jpeg', progressive: true }],
    [
      'a large PNG of three flat colours',
      () => drawing(1200, 800),
      { format: 'png', palette: true, alpha: false },
    ],
    [
      'a PNG with transparency',
      () => solid(600, 400, { r: 200, g: 30, b: 30, alpha: 0.5 }),
      { format: 'png', palette: true, alpha: true },
    ],
    ['a GIF', () => solid(120, 90, { r: 0, g: 128, b: 0 }, 'gif'), { format: 'png', palette: true }],
  ])('%s', async (_what, make, expected) => {
    const output = await buildWith(await make())
    const { entry, image } = parts(output)
    for (const rel of [image.src, image.large, entry.coverImage?.thumb]) {
      if (!rel) continue
      const meta = await sharp(output.files.get(rel)).metadata()
      expect(rel).toMatch(expected.format === 'jpeg' ? /\.jpg$/ : /\.png$/)
      expect(meta.format).toBe(expected.format)
      if (expected.progressive !== undefined) expect(meta.isProgressive).toBe(expected.progressive)
      if (expected.palette !== undefined) expect(meta.isPalette).toBe(expected.palette)
      if (expected.alpha !== undefined) expect(meta.hasAlpha).toBe(expected.alpha)
    }
    // A chat card has no transparency.
    const share = await sharp(output.files.get(entry.coverImage!.share!)).stats()
    expect(share.isOpaque).toBe(true)
  })
})

describe('metadata', () => {
  test('EXIF, GPS and every other metadata block are stripped from every variant', async () => {
    const original = await photoWithGps(2400, 1800)
    const before = await sharp(original).metadata()
    // The original does carry them, so the test can fail.
    expect(before.exif?.toString('latin1')).toContain('TestCam')
    const output = await buildWith(original)
    const media = [...output.files].filter(([rel]) => rel.startsWith('media/'))
    expect(media).toHaveLength(4)
    for (const [rel, bytes] of media) {
      const meta = await sharp(bytes).metadata()
      expect([rel, meta.exif, meta.xmp, meta.iptc, meta.icc, meta.orientation]).toEqual([
        rel,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
      ])
      expect(bytes.includes(Buffer.from('TestCam'))).toBe(false)
      expect(bytes.includes(Buffer.from('Exif\0'))).toBe(false)
    }
  })

  test('a picture stored turned is published upright (its top row stays on top)', async () => {
    // Stored 200×100 with red on the left, blue on the right; orientation 6 turns it a quarter
    // clockwise, so upright it is 100×200 with red on top.
    const halves = new Uint8Array(200 * 100 * 3)
    for (let i = 0; i < 200 * 100; i++) halves.set(i % 200 < 100 ? [255, 0, 0] : [0, 0, 255], i * 3)
    const turned = await sharp(Buffer.from(halves.buffer), { raw: { width: 200, height: 100, channels: 3 } })
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer()
    const output = await buildWith(turned, 'media/turned.jpg')
    const { image } = parts(output)
    expect([image.width, image.height]).toEqual([100, 200])
    const { data } = await sharp(output.files.get(image.src)).raw().toBuffer({ resolveWithObject: true })
    const top = [...data.subarray((10 * 100 + 50) * 3, (10 * 100 + 50) * 3 + 3)]
    const bottom = [...data.subarray((190 * 100 + 50) * 3, (190 * 100 + 50) * 3 + 3)]
    expect(top[0]).toBeGreaterThan(200)
    expect(top[2]).toBeLessThan(60)
    expect(bottom[2]).toBeGreaterThan(200)
    expect(bottom[0]).toBeLessThan(60)
  })
})

describe('names and determinism', () => {
  test('every variant is named media/<16 hex of the sha256 of its own bytes>.<ext>', async () => {
    const output = await buildWith(await photo(2400, 1800))
    const media = [...output.files].filter(([rel]) => rel.startsWith('media/'))
    expect(media.length).toBeGreaterThan(0)
    for (const [rel, bytes] of media)
      expect(rel).toMatch(new RegExp(`^media/${sha256Of(bytes).slice(0, 16)}\\.(jpg|png)$`))
  })

  test('two builds of the same sources give the same files, byte for byte, under the same names', async () => {
    write({
      'series.md': SERIES,
      'one.md': installment('media/a.jpg', '![一](media/a.jpg)\n\n![二](media/b.png)\n\n![三](media/c.jpg)'),
      'media/a.jpg': await photo(2400, 1600, 3),
      'media/b.png': await drawing(1400, 900),
      'media/c.jpg': await photoWithGps(1600, 1200, 8),
    })
    const first = await buildContent(dir)
    const second = await buildContent(dir)
    if (first.kind !== 'ok' || second.kind !== 'ok') throw new Error('build failed')
    expect([...second.output.files.keys()]).toEqual([...first.output.files.keys()])
    for (const [rel, bytes] of first.output.files)
      expect([rel, second.output.files.get(rel)?.equals(bytes)]).toEqual([rel, true])
  })

  test('one original used as cover, twice in the body and under another file name is published once', async () => {
    const picture = await photo(1600, 1200, 5)
    write({
      'series.md': SERIES,
      'one.md': installment(
        'media/a.jpg',
        '![一](media/a.jpg)\n\n![二](media/a.jpg)\n\n![三](media/copy.jpg)',
      ),
      'media/a.jpg': picture,
      'media/copy.jpg': picture,
    })
    const result = await buildContent(dir)
    if (result.kind !== 'ok') throw new Error(result.problems.join('\n'))
    const { entry, body } = parts(result.output)
    const images = body.body.filter((b): b is Block & { type: 'image' } => b.type === 'image')
    expect(new Set(images.map((i) => i.src)).size).toBe(1)
    expect(new Set(images.map((i) => i.large)).size).toBe(1)
    // reader, large, thumb, share: one file each.
    expect([...result.output.files.keys()].filter((rel) => rel.startsWith('media/'))).toHaveLength(4)
    expect(entry.cover).toBe(images[0].src)
  })
})

describe('the placeholder: the picture’s average colour, #rrggbb', () => {
  const close = (hex: string, rgb: [number, number, number], tolerance = 6) =>
    [1, 3, 5].every((at, i) => Math.abs(parseInt(hex.slice(at, at + 2), 16) - rgb[i]) <= tolerance)

  test.each<[string, () => Promise<Buffer>, [number, number, number]]>([
    ['solid red', () => solid(640, 480, { r: 255, g: 0, b: 0 }), [255, 0, 0]],
    ['solid red, as a JPEG', () => solid(640, 480, { r: 255, g: 0, b: 0 }, 'jpeg'), [255, 0, 0]],
    ['a slate blue', () => solid(2000, 1000, { r: 0x33, g: 0x66, b: 0xcc }), [0x33, 0x66, 0xcc]],
    ['transparent: over white', () => solid(300, 300, { r: 0, g: 0, b: 0, alpha: 0 }), [255, 255, 255]],
    [
      'half black, half white: grey',
      () =>
        sharp({ create: { width: 200, height: 100, channels: 3, background: '#ffffff' } })
          .composite([
            {
              input: { create: { width: 100, height: 100, channels: 3, background: '#000000' } },
              left: 0,
              top: 0,
            },
          ])
          .png()
          .toBuffer(),
      [128, 128, 128],
    ],
  ])('%s', async (_what, make, rgb) => {
    const output = await buildWith(await make())
    const { entry, image } = parts(output)
    expect(image.placeholder).toMatch(/^#[0-9a-f]{6}$/)
    expect([image.placeholder, close(image.placeholder!, rgb)]).toEqual([image.placeholder, true])
    expect(entry.coverImage?.placeholder).toBe(image.placeholder)
  })
})

describe('what the contract records validates, and the app reads it', () => {
  test('manifest and body carry cover, coverImage, placeholder and large, and pass the schema', async () => {
    const output = await buildWith(await photo(2400, 1800))
    const { entry, body, image } = parts(output)
    expect(validateManifest(JSON.parse(output.files.get('manifest.json')!.toString())).kind).toBe('ok')
    expect(validateInstallment(body).kind).toBe('ok')
    expect(entry.coverImage).toEqual({
      width: 1080,
      height: 810,
      placeholder: expect.stringMatching(/^#[0-9a-f]{6}$/),
      thumb: expect.stringMatching(/^media\/[a-f0-9]{16}\.jpg$/),
      share: expect.stringMatching(/^media\/[a-f0-9]{16}\.jpg$/),
    })
    expect(body.coverImage).toEqual(entry.coverImage)
    expect(image).toEqual({
      type: 'image',
      src: expect.stringMatching(/^media\/[a-f0-9]{16}\.jpg$/),
      width: 1080,
      height: 810,
      placeholder: entry.coverImage?.placeholder,
      large: expect.stringMatching(/^media\/[a-f0-9]{16}\.jpg$/),
      caption: '图',
    })
  })

  test('a photo of about 1280 px lands within the published budgets (reader ≤ 250 KB, thumb ≤ 40 KB)', async () => {
    const output = await buildWith(await photo(1280, 960, 11))
    const { entry, image } = parts(output)
    const kb = (rel: string | undefined) =>
      Math.ceil((output.files.get(rel ?? '')?.length ?? Infinity) / 1024)
    expect(kb(image.src)).toBeLessThanOrEqual(250)
    expect(kb(entry.coverImage?.thumb)).toBeLessThanOrEqual(40)
    expect(kb(entry.coverImage?.share)).toBeLessThanOrEqual(120)
    expect(kb(image.large)).toBeLessThanOrEqual(900)
  })
})

describe('problems, as file:line naming the picture, and nothing written', () => {
  test.each<[string, () => Promise<Record<string, Buffer>>, string, RegExp]>([
    [
      'a picture whose reader variant is over its limit even at quality 60',
      async () => ({ 'media/noise.jpg': await noise(1080, 1000, { blur: 0 }) }),
      '![图](media/noise.jpg)',
      // 1000 px tall at 1080 wide is taller than 4:3, so the limit is 250 KB × 1000 / 810.
      /^one\.md:14: image "media\/noise\.jpg" makes a reader variant \(1080×1000\) of \d+ KB even at quality 60, over its 308 KB limit; crop it or simplify it$/,
    ],
    [
      'a TIFF',
      async () => ({ 'media/scan.tif': await solid(20, 20, { r: 1, g: 2, b: 3 }, 'tiff') }),
      '![图](media/scan.tif)',
      /^one\.md:14: image "media\/scan\.tif" must be PNG, JPEG, WebP or GIF \(it is tiff\)$/,
    ],
    [
      'bytes that are no picture',
      async () => ({ 'media/fake.png': Buffer.from('<html>not an image</html>') }),
      '![图](media/fake.png)',
      /^one\.md:14: image "media\/fake\.png" is not a readable image$/,
    ],
  ])('%s', async (_what, files, body, problem) => {
    write({ 'series.md': SERIES, 'one.md': installment(null, body), ...(await files()) })
    const result = await buildContent(dir)
    expect(result.kind === 'error' && result.problems).toEqual([expect.stringMatching(problem)])
  })

  test('an original over 40 MB is refused before it is read', async () => {
    write({ 'series.md': SERIES, 'one.md': installment(null, '![图](media/huge.jpg)'), 'media/huge.jpg': '' })
    truncateSync(path.join(dir, 'media/huge.jpg'), 41 * 1024 * 1024)
    expect(await buildContent(dir)).toEqual({
      kind: 'error',
      problems: ['one.md:14: image "media/huge.jpg" is 41 MB; an original may be at most 40 MB'],
    })
  })

  test('a cover that cannot be published is reported at its front-matter line', async () => {
    write({
      'series.md': SERIES,
      'one.md': installment('media/fake.png', '正文'),
      'media/fake.png': Buffer.from('not a picture'),
    })
    expect(await buildContent(dir)).toEqual({
      kind: 'error',
      problems: ['one.md:12: cover "media/fake.png" is not a readable image'],
    })
  })
})
