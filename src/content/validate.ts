import type { ZodError, ZodType } from 'zod'

import {
  installmentSchema,
  manifestSchema,
  type Installment,
  type Manifest,
  type ManifestEntry,
} from './schema'

export type Validation<T> = { kind: 'ok'; value: T } | { kind: 'bad-data'; problems: string[] }

/** `installments[3].interviewee.group` — the path readers of an error list can find in the JSON. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`
    return out ? `${out}.${key}` : key
  }, '')
}

export function formatIssues(error: ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`)
}

function parseWith<T>(schema: ZodType<T>, data: unknown): Validation<T> {
  const result = schema.safeParse(data)
  if (result.success) return { kind: 'ok', value: result.data }
  return { kind: 'bad-data', problems: formatIssues(result.error) }
}

function duplicates<T>(values: readonly T[]): T[] {
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

/** Schema plus the rules a schema cannot state: ids and numbers unique, each path its own. */
export function validateManifest(data: unknown): Validation<Manifest> {
  const parsed = parseWith(manifestSchema, data)
  if (parsed.kind !== 'ok') return parsed
  const entries = parsed.value.installments
  const problems = [
    ...duplicates(entries.map((e) => e.id)).map((id) => `installments: duplicate id "${id}"`),
    ...duplicates(entries.map((e) => e.number)).map((n) => `installments: duplicate number ${n}`),
    ...entries.flatMap((e, i) => {
      const problem = pathProblem(e)
      return problem ? [`installments[${i}].path: ${problem}`] : []
    }),
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
