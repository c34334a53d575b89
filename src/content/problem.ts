import type { RawAttempt } from '@/platform/request'

/** Why remote content could not be used. Every failure is one of these values, never a throw. */
export type Problem =
  | { kind: 'offline' }
  | { kind: 'timeout' }
  | { kind: 'http-error'; status: number }
  | { kind: 'bad-data'; problems: string[] }
  | { kind: 'integrity' }
  | { kind: 'unsupported-version'; version: unknown }

export type Fetched = { kind: 'text'; text: string; etag: string | null } | { kind: 'not-modified' }

/** The largest manifest or body we accept; anything bigger is not content we published. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
/**
 * The largest search file the app downloads, by the size the manifest gives: what a document of
 * MAX_DOCUMENT_BYTES characters weighs in UTF-8 at most. A larger one would only be refused after it
 * came (roughly 300 interviews of 6,000 characters): search then covers titles and people.
 */
export const MAX_SEARCH_BYTES = 3 * MAX_DOCUMENT_BYTES

/**
 * The one place raw network outcomes become values. Pure: the same attempt always maps the same way.
 */
export function classifyAttempt(attempt: RawAttempt): Fetched | Problem {
  if (attempt.kind === 'error') {
    return /time ?out/i.test(attempt.message) ? { kind: 'timeout' } : { kind: 'offline' }
  }
  const { status, text, headers } = attempt
  if (status === 304) return { kind: 'not-modified' }
  if (status < 200 || status >= 300) return { kind: 'http-error', status }
  if (text.length > MAX_DOCUMENT_BYTES)
    return { kind: 'bad-data', problems: [`(root): larger than ${MAX_DOCUMENT_BYTES} bytes`] }
  return { kind: 'text', text, etag: headers.etag ?? null }
}

/** Parses JSON text; a parse failure is bad data with a readable reason. */
export function parseJson(text: string): { kind: 'json'; value: unknown } | Problem {
  if (text.trim() === '') return { kind: 'bad-data', problems: ['(root): empty body'] }
  try {
    return { kind: 'json', value: JSON.parse(text) }
  } catch {
    return {
      kind: 'bad-data',
      problems: [`(root): not JSON (starts with ${JSON.stringify(text.slice(0, 20))})`],
    }
  }
}

export function isProblem(value: { kind: string }): value is Problem {
  return ['offline', 'timeout', 'http-error', 'bad-data', 'integrity', 'unsupported-version'].includes(
    value.kind,
  )
}

/** Only a slow or failing server is worth asking again; a 404 or bad data will not change. */
export function isRetryable(problem: Problem): boolean {
  return problem.kind === 'timeout' || (problem.kind === 'http-error' && problem.status >= 500)
}
