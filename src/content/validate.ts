import type { ZodError, ZodType } from 'zod'

import { installmentSchema, manifestSchema, type Installment, type Manifest } from './schema'

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

/** Schema plus the rules a schema cannot state: ids and numbers unique across the series. */
export function validateManifest(data: unknown): Validation<Manifest> {
  const parsed = parseWith(manifestSchema, data)
  if (parsed.kind !== 'ok') return parsed
  const entries = parsed.value.installments
  const problems = [
    ...duplicates(entries.map((e) => e.id)).map((id) => `installments: duplicate id "${id}"`),
    ...duplicates(entries.map((e) => e.number)).map((n) => `installments: duplicate number ${n}`),
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
