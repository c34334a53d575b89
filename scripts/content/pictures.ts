/**
 * Picture variants: what the builder publishes in place of an editor's original. Every variant is
 * re-encoded with sharp (EXIF orientation applied, then every metadata block dropped), never enlarged,
 * and named by its own content: `media/<16 hex of sha256>.<jpg|png>`. The same bytes in give the same
 * bytes and names out.
 *
 * - reader: at most 1080 px wide: the image block's `src`, the entry's `cover`;
 * - large: at most 2160 px wide, for the full-screen preview, only when the original is wider than
 *   the reader variant;
 * - thumb (covers only): at most 480 px wide, for the list cards;
 * - share (covers only): exactly 5:4, at most 750×600, cropped where sharp's attention strategy finds
 *   the subject, for chat share cards.
 *
 * Photos become progressive mozjpeg JPEGs. A diagram (a PNG, GIF or WebP with transparency, at most
 * 256 colours, or under 64 KB) stays a palette PNG, so lines and text stay crisp; if that PNG would
 * be over its variant's limit it is encoded as a photo instead. A JPEG over its limit is encoded
 * again at a lower quality, down to 60, and fails only if it is still over.
 */
import { availableParallelism } from 'node:os'

import sharp from 'sharp'

import { sha256Of } from './hash'

export type VariantKind = 'reader' | 'large' | 'thumb' | 'share'

type VariantSpec = {
  /** The widest it may be; share is also cropped to 5:4. */
  maxWidth: number
  /** The JPEG quality it is first encoded at. */
  quality: number
  /**
   * The most bytes it may take (after stepping quality down to MIN_QUALITY) when it is 4:3 or wider;
   * a taller picture holds more, so its limit grows with its height, up to TALL_LIMIT_FACTOR times.
   */
  maxBytes: number
}

export const KB = 1024

/**
 * Chosen on real photos (a 1278×720 textured close-up, a 2376×1408 street scene): at these qualities
 * a reader variant of a busy 1280 px photo is 50–120 KB and its thumbnail 14–32 KB; the limits leave
 * room for harder pictures before quality steps down.
 */
export const VARIANTS: Readonly<Record<VariantKind, VariantSpec>> = {
  reader: { maxWidth: 1080, quality: 80, maxBytes: 250 * KB },
  large: { maxWidth: 2160, quality: 80, maxBytes: 900 * KB },
  thumb: { maxWidth: 480, quality: 75, maxBytes: 40 * KB },
  share: { maxWidth: 750, quality: 75, maxBytes: 120 * KB },
}

/** Below this a JPEG is not encoded again: a variant still over its limit fails the build. */
export const MIN_QUALITY = 60
export const TALL_LIMIT_FACTOR = 4

/** A variant's byte limit at its size: its spec's, more for pictures taller than 4:3. */
export function limitOf(kind: VariantKind, width: number, height: number): number {
  const tallness = height / ((width * 3) / 4)
  return Math.round(VARIANTS[kind].maxBytes * Math.min(TALL_LIMIT_FACTOR, Math.max(1, tallness)))
}
const QUALITY_STEP = 10
/** A PNG under this many bytes is a diagram or an icon: it stays a (palette) PNG. */
const SMALL_PNG_BYTES = 64 * KB
const PALETTE_COLOURS = 256
/** The share card's shape: WeChat shows chat share pictures at 5:4. */
const SHARE_RATIO = { width: 5, height: 4 }

export type Variant = { path: string; width: number; height: number; bytes: Buffer }

/** A picture as the contract records it: reader (and large) variants and the average colour. */
export type Picture = { reader: Variant; large?: Variant; placeholder: string }
/** A cover also has a list thumbnail and, unless it is tinier than 5×4 px, a share picture. */
export type CoverPicture = Picture & { thumb: Variant; share?: Variant }

export type PictureProblem =
  | { kind: 'unreadable' }
  | { kind: 'unsupported'; format: string }
  | { kind: 'too-large'; variant: VariantKind; width: number; height: number; bytes: number; limit: number }

const FORMATS = new Set(['jpeg', 'png', 'webp', 'gif'])

type Source = {
  bytes: Buffer
  /** Size after EXIF orientation. */
  width: number
  height: number
  diagram: boolean
}

const isProblem = <T extends object>(value: T | PictureProblem): value is PictureProblem =>
  'kind' in value && typeof value.kind === 'string'

/** A pipeline on an original; a picture a browser would show (minor flaws and all) is read. */
const open = (bytes: Buffer) => sharp(bytes, { failOn: 'error' })

/** A fresh pipeline on the original, turned upright as its EXIF orientation says. */
const upright = (source: Source) => open(source.bytes).rotate()

async function readSource(bytes: Buffer): Promise<Source | PictureProblem> {
  let meta: sharp.Metadata
  try {
    meta = await open(bytes).metadata()
  } catch {
    return { kind: 'unreadable' }
  }
  if (!FORMATS.has(meta.format ?? '')) return { kind: 'unsupported', format: meta.format ?? 'unknown' }
  if (!meta.width || !meta.height) return { kind: 'unreadable' }
  // Orientations 5–8 turn the picture a quarter: its upright width is its stored height.
  const turned = (meta.orientation ?? 1) >= 5
  const width = turned ? meta.height : meta.width
  const height = turned ? meta.width : meta.height
  const source: Source = { bytes, width, height, diagram: false }
  try {
    source.diagram = meta.format !== 'jpeg' && (await looksLikeDiagram(source, meta))
  } catch {
    return { kind: 'unreadable' }
  }
  return source
}

/** Transparency, few colours or a small file: a drawing, which a JPEG would blur. */
async function looksLikeDiagram(source: Source, meta: sharp.Metadata): Promise<boolean> {
  if (source.bytes.length <= SMALL_PNG_BYTES) return true
  if (meta.hasAlpha && !(await open(source.bytes).stats()).isOpaque) return true
  const { data, info } = await open(source.bytes)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
  const colours = new Set<number>()
  for (let i = 0; i < data.length; i += info.channels) {
    colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])
    if (colours.size > PALETTE_COLOURS) return false
  }
  return true
}

type Encoding = { format: 'jpg' | 'png'; quality: number }

function encode(pipeline: sharp.Sharp, encoding: Encoding): sharp.Sharp {
  if (encoding.format === 'png')
    return pipeline.png({ palette: true, colours: PALETTE_COLOURS, compressionLevel: 9, effort: 7 })
  // Photos and flattened diagrams: JPEG has no alpha, so transparency becomes white.
  return pipeline
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .jpeg({ quality: encoding.quality, mozjpeg: true, progressive: true })
}

/** The encodings to try, best first, until one fits the variant's limit. */
function encodings(diagram: boolean, spec: VariantSpec): Encoding[] {
  const jpegs: Encoding[] = []
  for (let q = spec.quality; q >= MIN_QUALITY; q -= QUALITY_STEP) jpegs.push({ format: 'jpg', quality: q })
  return diagram ? [{ format: 'png', quality: 100 }, ...jpegs] : jpegs
}

async function makeVariant(
  source: Source,
  kind: VariantKind,
  shape: (pipeline: sharp.Sharp) => sharp.Sharp,
  diagram = source.diagram,
): Promise<Variant | PictureProblem> {
  const spec = VARIANTS[kind]
  let last: { bytes: Buffer; width: number; height: number } | null = null
  for (const encoding of encodings(diagram, spec)) {
    const { data, info } = await encode(shape(upright(source)), encoding).toBuffer({
      resolveWithObject: true,
    })
    last = { bytes: data, width: info.width, height: info.height }
    if (data.length <= limitOf(kind, info.width, info.height))
      return {
        path: `media/${sha256Of(data).slice(0, 16)}.${encoding.format}`,
        width: info.width,
        height: info.height,
        bytes: data,
      }
  }
  return {
    kind: 'too-large',
    variant: kind,
    width: last?.width ?? 0,
    height: last?.height ?? 0,
    bytes: last?.bytes.length ?? 0,
    limit: last ? limitOf(kind, last.width, last.height) : spec.maxBytes,
  }
}

const narrower = (maxWidth: number) => (pipeline: sharp.Sharp) =>
  pipeline.resize({ width: maxWidth, withoutEnlargement: true })

/** The largest 5:4 box inside the picture, at most the share variant's size: cropped, never enlarged. */
function shareSize(source: Source): { width: number; height: number } | null {
  const unit = Math.min(
    VARIANTS.share.maxWidth / SHARE_RATIO.width,
    Math.floor(source.width / SHARE_RATIO.width),
    Math.floor(source.height / SHARE_RATIO.height),
  )
  return unit >= 1 ? { width: unit * SHARE_RATIO.width, height: unit * SHARE_RATIO.height } : null
}

/** The average colour of the upright picture over white, as `#rrggbb` (from a 64 px copy of it). */
async function placeholderOf(source: Source): Promise<string> {
  const { data, info } = await upright(source)
    .resize({ width: 64, height: 64, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
  const sums = [0, 0, 0]
  for (let i = 0; i < data.length; i += info.channels) for (let c = 0; c < 3; c++) sums[c] += data[i + c]
  const pixels = data.length / info.channels
  return `#${sums
    .map((sum) =>
      Math.round(sum / pixels)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

async function picture(source: Source): Promise<Picture | PictureProblem> {
  const reader = await makeVariant(source, 'reader', narrower(VARIANTS.reader.maxWidth))
  if (isProblem(reader)) return reader
  const placeholder = await placeholderOf(source)
  if (source.width <= VARIANTS.reader.maxWidth) return { reader, placeholder }
  const large = await makeVariant(source, 'large', narrower(VARIANTS.large.maxWidth))
  if (isProblem(large)) return large
  return { reader, large, placeholder }
}

async function coverExtras(source: Source): Promise<Pick<CoverPicture, 'thumb' | 'share'> | PictureProblem> {
  const thumb = await makeVariant(source, 'thumb', narrower(VARIANTS.thumb.maxWidth))
  if (isProblem(thumb)) return thumb
  const size = shareSize(source)
  if (!size) return { thumb }
  const share = await makeVariant(
    source,
    'share',
    (pipeline) =>
      pipeline.resize({ ...size, fit: 'cover', position: sharp.strategy.attention }).flatten({
        background: '#ffffff',
      }),
    // A chat card has no transparency: a diagram's share picture is flattened, and may stay PNG.
    source.diagram,
  )
  if (isProblem(share)) return share
  return { thumb, share }
}

/** Runs at most `limit` tasks at a time, in the order they were asked for. */
function limiter(limit: number) {
  let running = 0
  const waiting: Array<() => void> = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    running++
    try {
      return await task()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}

export type PictureMaker = {
  /** Reader and large variants of one original, with its placeholder. */
  picture(read: () => Promise<Buffer>): Promise<Picture | PictureProblem>
  /** The same, plus the list thumbnail and the share picture. */
  cover(read: () => Promise<Buffer>): Promise<CoverPicture | PictureProblem>
}

/** Two pictures at a time on two cores, at most four: each one already keeps libvips' threads busy. */
export const PICTURE_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()))

/**
 * One build's picture maker: pictures are made `concurrency` at a time, and each original (by the
 * sha256 of its bytes) is made once, however many times and places it is used. Only results are
 * kept, never an original's bytes: 500 camera photos of 5 MB would not fit in memory.
 */
export function pictureMaker(concurrency = PICTURE_CONCURRENCY): PictureMaker {
  // sharp runs libvips on one thread on glibc Linux unless told otherwise (to spare a long-lived
  // server's memory); a build is short, so it may use every core.
  if (sharp.concurrency() < availableParallelism()) sharp.concurrency(availableParallelism())
  const run = limiter(concurrency)
  const pictures = new Map<string, Promise<Picture | PictureProblem>>()
  const extras = new Map<string, Promise<Pick<CoverPicture, 'thumb' | 'share'> | PictureProblem>>()

  /** The cached result for this original, or a new one made from it (read once for all that need it). */
  function once<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    let pending = cache.get(key)
    if (!pending) {
      pending = make()
      cache.set(key, pending)
    }
    return pending
  }

  async function made<T extends object>(
    bytes: Buffer,
    cache: Map<string, Promise<T | PictureProblem>>,
    make: (source: Source) => Promise<T | PictureProblem>,
  ): Promise<T | PictureProblem> {
    return once(cache, sha256Of(bytes), async () => {
      const source = await readSource(bytes)
      return isProblem(source) ? source : make(source)
    })
  }

  return {
    picture: (read) =>
      run(async () => {
        const bytes = await read()
        return made(bytes, pictures, picture)
      }),
    cover: (read) =>
      run(async () => {
        const bytes = await read()
        const [main, more] = await Promise.all([
          made(bytes, pictures, picture),
          made(bytes, extras, coverExtras),
        ])
        if (isProblem(main)) return main
        if (isProblem(more)) return more
        return { ...main, ...more }
      }),
  }
}

/** Why a picture could not be published, for `file:line: image "…" <reason>`. */
export function describeProblem(problem: PictureProblem): string {
  switch (problem.kind) {
    case 'unreadable':
      return 'is not a readable image'
    case 'unsupported':
      return `must be PNG, JPEG, WebP or GIF (it is ${problem.format})`
    case 'too-large':
      return `makes a ${problem.variant} variant (${problem.width}×${problem.height}) of ${Math.ceil(problem.bytes / KB)} KB even at quality ${MIN_QUALITY}, over its ${Math.floor(problem.limit / KB)} KB limit; crop it or simplify it`
  }
}
