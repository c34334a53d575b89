import { z } from 'zod'

/**
 * The content contract (schemaVersion 1), shared by the app and the content CLI.
 * Types are inferred from these schemas so the two can never drift apart.
 *
 * Objects are not strict: within schemaVersion 1 the app drops fields it does not know, so a new
 * optional field published tomorrow never makes installed copies refuse today's content. The CLI
 * keeps its own strict front-matter schema, so editors' typos are still caught at the source.
 */
export const SCHEMA_VERSION = 1

const nonEmpty = z.string().trim().min(1, 'must not be empty')

export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits and dashes')
  .max(80, 'must be at most 80 characters')

export const httpsUrlSchema = z.string().regex(/^https:\/\/[^\s/$.?#][^\s]*$/i, 'must be an https URL')

/** A content-relative media file, named by its hash by the CLI: `media/<hex>.<ext>`. */
export const mediaPathSchema = z
  .string()
  .regex(/^media\/[a-f0-9]{8,64}\.(png|jpe?g|webp|gif)$/, 'must be media/<hash>.<png|jpg|webp|gif>')

export const imageSrcSchema = z
  .string()
  .refine(
    (src) => httpsUrlSchema.safeParse(src).success || mediaPathSchema.safeParse(src).success,
    'must be an https URL or a media/<hash>.<ext> path',
  )

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a real calendar date')

export const groupSchema = z.enum(['scientist', 'entrepreneur', 'engineer', 'worker'])

export const runSchema = z.object({
  text: z.string().min(1, 'must not be empty'),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
})

/** Inline text: a plain string, or runs that carry bold / italic. Never HTML. */
export const inlineSchema = z.union([nonEmpty, z.array(runSchema).min(1, 'must have a run')])

export const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text: inlineSchema }),
  z.object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text: nonEmpty }),
  z.object({ type: z.literal('question'), text: inlineSchema }),
  z.object({ type: z.literal('answer'), text: inlineSchema }),
  z.object({ type: z.literal('quote'), text: inlineSchema, cite: nonEmpty.optional() }),
  z.object({
    type: z.literal('image'),
    src: imageSrcSchema,
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    caption: z.string().optional(),
  }),
  z.object({ type: z.literal('divider') }),
])

export const intervieweeSchema = z.object({
  name: nonEmpty,
  role: nonEmpty,
  group: groupSchema,
  organization: nonEmpty.optional(),
})

/** Where an installment was first published: its official-account article. */
export const sourceSchema = z.object({
  url: httpsUrlSchema,
  account: nonEmpty.optional(),
})

/** The column's official account; `username` is its original ID, which opens its profile. */
export const officialAccountSchema = z.object({
  name: nonEmpty,
  username: z
    .string()
    .regex(/^gh_[a-f0-9]{12}$/, "must be the account's original ID: gh_ and 12 hex digits")
    .optional(),
})

const metaShape = {
  id: idSchema,
  number: z.number().int().min(1).max(999),
  title: nonEmpty,
  interviewee: intervieweeSchema,
  publishedAt: isoDateSchema,
  summary: nonEmpty,
  cover: imageSrcSchema.optional(),
  tags: z.array(nonEmpty),
  readingMinutes: z.number().int().positive(),
  sample: z.boolean().optional(),
  source: sourceSchema.optional(),
}

export const manifestEntrySchema = z.object({
  ...metaShape,
  // Named by content (`<id>.<first 12 hex of sha256>.json`) so a CDN can cache it forever; the plain
  // `<id>.json` of earlier builds stays readable.
  path: z
    .string()
    .regex(
      /^installments\/[a-z0-9-]+(?:\.[a-f0-9]{12})?\.json$/,
      'must be installments/<id>.<12 hex>.json (or installments/<id>.json)',
    ),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be 64 lowercase hex digits'),
})

export const seriesSchema = z.object({
  title: nonEmpty,
  tagline: nonEmpty,
  intro: z.array(blockSchema).min(1, 'must have at least one block'),
  officialAccount: officialAccountSchema.optional(),
})

export const manifestSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  contentVersion: nonEmpty,
  series: seriesSchema,
  installments: z.array(manifestEntrySchema),
})

export const installmentSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  ...metaShape,
  body: z.array(blockSchema).min(1, 'must have at least one block'),
})

export type Group = z.infer<typeof groupSchema>
export type Run = z.infer<typeof runSchema>
export type Inline = z.infer<typeof inlineSchema>
export type Block = z.infer<typeof blockSchema>
export type Interviewee = z.infer<typeof intervieweeSchema>
export type ManifestEntry = z.infer<typeof manifestEntrySchema>
export type Series = z.infer<typeof seriesSchema>
export type Source = z.infer<typeof sourceSchema>
export type OfficialAccount = z.infer<typeof officialAccountSchema>
export type Manifest = z.infer<typeof manifestSchema>
export type Installment = z.infer<typeof installmentSchema>

export const GROUPS: readonly Group[] = groupSchema.options

/** How a list can be ordered: newest first, or in series order. Remembered by the library. */
export const orderSchema = z.enum(['newest', 'series'])
export type Order = z.infer<typeof orderSchema>
