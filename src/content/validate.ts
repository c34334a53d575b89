import type * as v from 'valibot'
import { safeParse } from 'valibot'

import { alignmentProblems } from './align'

import {
  installmentSchema,
  manifestSchema,
  type Installment,
  type Manifest,
  type ManifestEntry,
  type SearchRef,
} from './schema'

export type Validation<T> = { kind: 'ok'; value: T } | { kind: 'bad-data'; problems: string[] }

/** One problem found by a schema: where it is and what is wrong, in words. */
export type Issue = { path: Array<string | number>; message: string }
export type Checked<T> = { ok: true; value: T } | { ok: false; issues: Issue[] }
export type Schema<T> = v.GenericSchema<unknown, T>

/** `installments[3].interviewee.group` — the path readers of an error list can find in the JSON. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`
    return out ? `${out}.${String(key)}` : String(key)
  }, '')
}

const typeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isNaN(value) ? 'nan' : typeof value
/** valibot's `("a" | "b")` in zod 3's words: `'a' | 'b'`. */
const quoted = (expected: string | null) =>
  String(expected)
    .replace(/^\((.*)\)$/, '$1')
    .replace(/"/g, "'")
/** A strict object's unknown key: reported at the object, as zod did. */
const isUnknownKey = (issue: v.BaseIssue<unknown>) =>
  issue.type === 'strict_object' && issue.expected === 'never'

/**
 * Words for the problems a schema states no message of its own for: the wording zod 3 used, so
 * error lists read as they always have ("Required", "Expected string, received number").
 */
function messageOf(issue: v.BaseIssue<unknown>): string {
  const { input, type } = issue
  if (isUnknownKey(issue)) return `Unrecognized key(s) in object: '${String(input)}'`
  if (issue.kind === 'schema') {
    if (input === undefined) return 'Required'
    if (type === 'literal') return `Invalid literal value, expected ${issue.expected}`
    if (type === 'picklist')
      return `Invalid enum value. Expected ${quoted(issue.expected)}, received ${quoted(issue.received)}`
    if (type === 'variant') return `Invalid discriminator value. Expected ${quoted(issue.expected)}`
    if (type !== 'union') return `Expected ${type.replace('strict_', '')}, received ${typeOf(input)}`
  }
  if (type === 'integer') return 'Expected integer, received float'
  if (type === 'min_value') return `Number must be greater than or equal to ${issue.requirement}`
  if (type === 'max_value') return `Number must be less than or equal to ${issue.requirement}`
  if (type === 'gt_value') return `Number must be greater than ${issue.requirement}`
  return 'Invalid input'
}

/** Every problem a schema finds, with readable messages; never throws. */
export function check<T>(schema: Schema<T>, data: unknown): Checked<T> {
  const result = safeParse(schema, data, { message: messageOf })
  if (result.success) return { ok: true, value: result.output }
  return {
    ok: false,
    issues: result.issues.map((issue) => {
      const path = (issue.path ?? []).map((item) => item.key as string | number)
      return { path: isUnknownKey(issue) ? path.slice(0, -1) : path, message: issue.message }
    }),
  }
}

export function formatIssues(issues: readonly Issue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`)
}

export function parseWith<T>(schema: Schema<T>, data: unknown): Validation<T> {
  const result = check(schema, data)
  if (result.ok) return { kind: 'ok', value: result.value }
  return { kind: 'bad-data', problems: formatIssues(result.issues) }
}

export function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>()
  const repeated = new Set<T>()
  for (const value of values) (seen.has(value) ? repeated : seen).add(value)
  return [...repeated]
}

/** The file an entry names is its own: its id, and (when the name carries one) its hash. */
export function pathProblem(entry: Pick<ManifestEntry, 'id' | 'path' | 'sha256'>): string | null {
  const named = /^installments\/(.+?)(?:\.([a-f0-9]{12}))?\.json$/.exec(entry.path)
  if (!named || named[1] !== entry.id) return `must name the installment's own id "${entry.id}"`
  if (named[2] && !entry.sha256.startsWith(named[2])) return 'names a hash other than its sha256'
  return null
}

/** The search file a manifest names is the one its sha256 describes. */
export function searchPathProblem(search: SearchRef): string | null {
  const named = /^search\/index\.([a-f0-9]{12})\.json$/.exec(search.path)
  return named && search.sha256.startsWith(named[1]) ? null : 'names a hash other than its sha256'
}

/**
 * Schema plus the rules a schema cannot state: ids and numbers unique, each path its own (the search
 * file's too).
 */
export function validateManifest(data: unknown): Validation<Manifest> {
  const parsed = parseWith(manifestSchema, data)
  if (parsed.kind !== 'ok') return parsed
  const entries = parsed.value.installments
  const search = parsed.value.search && searchPathProblem(parsed.value.search)
  const problems = [
    ...duplicates(entries.map((e) => e.id)).map((id) => `installments: duplicate id "${id}"`),
    ...duplicates(entries.map((e) => e.number)).map((n) => `installments: duplicate number ${n}`),
    ...entries.flatMap((e, i) => {
      const problem = pathProblem(e)
      return problem ? [`installments[${i}].path: ${problem}`] : []
    }),
    ...(search ? [`search.path: ${search}`] : []),
  ]
  return problems.length ? { kind: 'bad-data', problems } : parsed
}

export function validateInstallment(data: unknown): Validation<Installment> {
  return parseWith(installmentSchema, data)
}

/** A body for a manifest entry: valid, and the body it claims to be (a swapped file is bad data). */
export function validateBodyOf(entryId: string, data: unknown): Validation<Installment> {
  const valid = validateInstallment(data)
  if (valid.kind !== 'ok' || valid.value.id === entryId) return valid
  return { kind: 'bad-data', problems: [`id: expected "${entryId}"`] }
}

/**
 * What a published installment's English must be beyond its schema: its tags the Chinese tags'
 * translations (as many, in the same order), and its body, when it has one, block for block with the
 * Chinese. The CLI refuses an installment with any of these (`validate`); the app keeps the
 * installment and drops only the misaligned body (see ./align).
 */
export function translationProblems(installment: Installment): string[] {
  const { en, tags, body } = installment
  if (!en) return []
  return [
    ...(en.tags && en.tags.length !== tags.length
      ? [`en.tags has ${en.tags.length} tag${en.tags.length === 1 ? '' : 's'}; tags has ${tags.length}`]
      : []),
    ...(en.body ? alignmentProblems(body, en.body) : []),
  ]
}
