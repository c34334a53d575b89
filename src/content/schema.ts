import * as v from 'valibot'

/**
 * The content contract (schemaVersion 1), shared by the app and the content CLI.
 * Types are inferred from these schemas so the two can never drift apart.
 *
 * Objects are not strict: within schemaVersion 1 the app drops fields it does not know, so a new
 * optional field published tomorrow never makes installed copies refuse today's content. The CLI
 * keeps its own strict front-matter schema, so editors' typos are still caught at the source.
 *
 * Valibot: only the functions used are bundled, which keeps the mini program's main package small.
 */
export const SCHEMA_VERSION = 1

/** A language content is written in: the Chinese original, or its English translation. */
export type ContentLang = 'zh' | 'en'

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'))

export const idSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits and dashes'),
  v.maxLength(80, 'must be at most 80 characters'),
)

export const httpsUrlSchema = v.pipe(
  v.string(),
  v.regex(/^https:\/\/[^\s/$.?#][^\s]*$/i, 'must be an https URL'),
)

/** A content-relative media file, named by its hash by the CLI: `media/<hex>.<ext>`. */
export const mediaPathSchema = v.pipe(
  v.string(),
  v.regex(/^media\/[a-f0-9]{8,64}\.(png|jpe?g|webp|gif)$/, 'must be media/<hash>.<png|jpg|webp|gif>'),
)

export const imageSrcSchema = v.pipe(
  v.string(),
  v.check(
    (src) => v.is(httpsUrlSchema, src) || v.is(mediaPathSchema, src),
    'must be an https URL or a media/<hash>.<ext> path',
  ),
)

/**
 * A picture's average colour, `#rrggbb` (the builder writes lowercase hex): the box reserved for the
 * picture is painted with it until the picture arrives.
 */
export const placeholderSchema = v.pipe(
  v.string(),
  v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb'),
)

export const isoDateSchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)'),
  v.check((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a real calendar date'),
)

export const groupSchema = v.picklist(['scientist', 'entrepreneur', 'engineer', 'worker'])

export const sha256Schema = v.pipe(v.string(), v.regex(/^[a-f0-9]{64}$/, 'must be 64 lowercase hex digits'))

const positiveInt = v.pipe(v.number(), v.integer(), v.gtValue(0))

export const runSchema = v.object({
  text: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  bold: v.optional(v.boolean()),
  italic: v.optional(v.boolean()),
})

/** Inline text: a plain string, or runs that carry bold / italic. Never HTML. */
export const inlineSchema = v.union([nonEmpty, v.pipe(v.array(runSchema), v.minLength(1, 'must have a run'))])

export const blockSchema = v.variant('type', [
  v.object({ type: v.literal('paragraph'), text: inlineSchema }),
  v.object({ type: v.literal('heading'), level: v.union([v.literal(2), v.literal(3)]), text: nonEmpty }),
  v.object({ type: v.literal('question'), text: inlineSchema }),
  v.object({ type: v.literal('answer'), text: inlineSchema }),
  v.object({ type: v.literal('quote'), text: inlineSchema, cite: v.optional(nonEmpty) }),
  v.object({
    type: v.literal('image'),
    /** The reader variant, at most 1080 px wide; `width` and `height` are its own. */
    src: imageSrcSchema,
    width: positiveInt,
    height: positiveInt,
    caption: v.optional(v.string()),
    /** The picture's average colour, shown in its box until it arrives (or when it cannot). */
    placeholder: v.optional(placeholderSchema),
    /** The full-screen variant, at most 2160 px wide; absent when `src` is the picture whole. */
    large: v.optional(imageSrcSchema),
  }),
  v.object({ type: v.literal('divider') }),
])

export const intervieweeSchema = v.object({
  name: nonEmpty,
  role: nonEmpty,
  group: groupSchema,
  organization: v.optional(nonEmpty),
})

/** Where an installment was first published: its official-account article. */
export const sourceSchema = v.object({
  url: httpsUrlSchema,
  account: v.optional(nonEmpty),
})

/** The column's official account; `username` is its original ID, which opens its profile. */
export const officialAccountSchema = v.object({
  name: nonEmpty,
  username: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^gh_[a-f0-9]{12}$/, "must be the account's original ID: gh_ and 12 hex digits"),
    ),
  ),
})

/**
 * What the builder knows of a cover beyond `cover` (its reader variant, kept for apps that know only
 * that): the reader variant's size, its average colour, a list thumbnail at most 480 px wide and a
 * 5:4 picture for chat share cards.
 */
export const coverImageSchema = v.object({
  width: positiveInt,
  height: positiveInt,
  placeholder: v.optional(placeholderSchema),
  thumb: v.optional(imageSrcSchema),
  share: v.optional(imageSrcSchema),
})

/**
 * English for an installment's metadata (schemaVersion 1, optional). Each field stands alone: what is
 * absent is shown in Chinese. `tags` are the Chinese tags' translations in the same order, so a filter
 * chosen in one language is the same filter in the other.
 */
export const enIntervieweeSchema = v.object({
  name: nonEmpty,
  role: nonEmpty,
  organization: v.optional(nonEmpty),
})

const enMetaShape = {
  title: v.optional(nonEmpty),
  summary: v.optional(nonEmpty),
  interviewee: v.optional(enIntervieweeSchema),
  tags: v.optional(v.array(nonEmpty)),
}

/** A manifest entry's English: the metadata, and whether its installment file carries an English body. */
export const entryEnSchema = v.object({ ...enMetaShape, body: v.optional(v.boolean()) })

/**
 * An installment's English: the metadata, and its body block for block with the Chinese (same count,
 * same type at each index; the CLI refuses anything else). The body travels here, never in the manifest.
 */
export const installmentEnSchema = v.object({ ...enMetaShape, body: v.optional(v.array(blockSchema)) })

/** The series' English: its title, tagline and About text. */
export const seriesEnSchema = v.object({
  title: v.optional(nonEmpty),
  tagline: v.optional(nonEmpty),
  intro: v.optional(v.array(blockSchema)),
})

const metaShape = {
  id: idSchema,
  number: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999)),
  title: nonEmpty,
  interviewee: intervieweeSchema,
  publishedAt: isoDateSchema,
  summary: nonEmpty,
  cover: v.optional(imageSrcSchema),
  coverImage: v.optional(coverImageSchema),
  tags: v.array(nonEmpty),
  readingMinutes: positiveInt,
  sample: v.optional(v.boolean()),
  source: v.optional(sourceSchema),
}

export const manifestEntrySchema = v.object({
  ...metaShape,
  en: v.optional(entryEnSchema),
  // Named by content (`<id>.<first 12 hex of sha256>.json`) so a CDN can cache it forever; the plain
  // `<id>.json` of earlier builds stays readable. Builds before this one accept only the plain name,
  // so this is the one change within schemaVersion 1 that needs the app first (none was released).
  path: v.pipe(
    v.string(),
    v.regex(
      /^installments\/[a-z0-9-]+(?:\.[a-f0-9]{12})?\.json$/,
      'must be installments/<id>.<12 hex>.json (or installments/<id>.json)',
    ),
  ),
  sha256: sha256Schema,
})

/** The full-text search file a manifest names: content-addressed like a body, verified like one. */
export const searchRefSchema = v.object({
  path: v.pipe(
    v.string(),
    v.regex(/^search\/index\.[a-f0-9]{12}\.json$/, 'must be search/index.<12 hex>.json'),
  ),
  sha256: sha256Schema,
  /** Its size: the app downloads it ahead of a search only when the cache can keep it. */
  bytes: v.optional(positiveInt),
  /**
   * The same installments in parts of about a megabyte, in order (absent in manifests built before
   * parts). The app fetches these instead of the whole file: each is verified, kept and read back in
   * a short step, so a search file of any size is had without a long block of the phone's one thread.
   */
  parts: v.optional(
    v.pipe(
      v.array(
        v.object({
          path: v.pipe(
            v.string(),
            v.regex(/^search\/part\.[a-f0-9]{12}\.json$/, 'must be search/part.<12 hex>.json'),
          ),
          sha256: sha256Schema,
          bytes: positiveInt,
        }),
      ),
      v.minLength(1, 'must have at least one part'),
    ),
  ),
})

export const seriesSchema = v.object({
  title: nonEmpty,
  tagline: nonEmpty,
  intro: v.pipe(v.array(blockSchema), v.minLength(1, 'must have at least one block')),
  officialAccount: v.optional(officialAccountSchema),
  /**
   * The media address: an https base where this column's published `media/…` files can be fetched.
   * Bundled content carries only small pictures; the app finds the others here when it was built
   * with no content URL.
   */
  media: v.optional(httpsUrlSchema),
  en: v.optional(seriesEnSchema),
})

export const manifestSchema = v.object({
  schemaVersion: v.literal(SCHEMA_VERSION),
  contentVersion: nonEmpty,
  series: seriesSchema,
  installments: v.array(manifestEntrySchema),
  /** Absent in manifests built before full-text search: the app then searches titles, people and tags. */
  search: v.optional(searchRefSchema),
})

export const installmentSchema = v.object({
  schemaVersion: v.literal(SCHEMA_VERSION),
  ...metaShape,
  body: v.pipe(v.array(blockSchema), v.minLength(1, 'must have at least one block')),
  en: v.optional(installmentEnSchema),
})

export type Group = v.InferOutput<typeof groupSchema>
export type Run = v.InferOutput<typeof runSchema>
export type Inline = v.InferOutput<typeof inlineSchema>
export type Block = v.InferOutput<typeof blockSchema>
export type Interviewee = v.InferOutput<typeof intervieweeSchema>
export type ManifestEntry = v.InferOutput<typeof manifestEntrySchema>
export type Series = v.InferOutput<typeof seriesSchema>
export type Source = v.InferOutput<typeof sourceSchema>
export type OfficialAccount = v.InferOutput<typeof officialAccountSchema>
export type Manifest = v.InferOutput<typeof manifestSchema>
export type Installment = v.InferOutput<typeof installmentSchema>
export type SearchRef = v.InferOutput<typeof searchRefSchema>
export type SearchPartRef = NonNullable<SearchRef['parts']>[number]
export type CoverImage = v.InferOutput<typeof coverImageSchema>
export type EntryEn = v.InferOutput<typeof entryEnSchema>
export type InstallmentEn = v.InferOutput<typeof installmentEnSchema>
export type SeriesEn = v.InferOutput<typeof seriesEnSchema>

export const GROUPS: readonly Group[] = groupSchema.options

/** How a list can be ordered: newest first, or in series order. Remembered by the library. */
export const orderSchema = v.picklist(['newest', 'series'])
export type Order = v.InferOutput<typeof orderSchema>
