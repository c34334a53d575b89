import { requestText, type RawAttempt } from '@/platform/request'

import { joinUrl } from './url'
import { sha256Hex } from './hash'
import { classifyAttempt, isProblem, parseJson, type Problem } from './problem'
import { createLimiter, DEFAULT_RETRY, sleep, withRetry, type RetryPolicy, type Sleep } from './retry'
import {
  SCHEMA_VERSION,
  type Installment,
  type Manifest,
  type ManifestEntry,
  type SearchPartRef,
  type SearchRef,
} from './schema'
import { validateBodyOf, validateManifest } from './validate'

/** WeChat's default is 60 s; a reader should learn much sooner that the network is not there. */
export const REQUEST_TIMEOUT_MS = 8000
export const MAX_IN_FLIGHT = 4
/**
 * The search file's parts go two at a time on a line of their own: a body the reader taps while an
 * edition's twenty parts download is not queued behind them (WeChat allows ten requests at once).
 */
export const SEARCH_IN_FLIGHT = 2
/** A large file (the search file) gets more time: as if it came at 50 KB/s, on top of the usual wait. */
export const timeoutFor = (bytes = 0) => REQUEST_TIMEOUT_MS + Math.round(bytes / 50)

export type ManifestFetch =
  { kind: 'ok'; manifest: Manifest; etag: string | null } | { kind: 'not-modified' } | Problem
/** A body, and its text as published: the cache keeps those bytes, whose sha256 the manifest gives. */
export type BodyFetch = { kind: 'ok'; installment: Installment; text: string } | Problem
/**
 * The search file or one part of it, as published (bytes checked), and its text; the search page
 * validates it, off the main package.
 */
export type SearchFetch = { kind: 'ok'; index: unknown; text: string } | Problem

export type RemoteDeps = {
  request?: (url: string, headers: Record<string, string>, timeoutMs?: number) => Promise<RawAttempt>
  retry?: RetryPolicy
  wait?: Sleep
}

/** The contract's version check comes before the schema: a newer document is not "bad", just not ours. */
function checkVersion(value: unknown): Problem | null {
  const version =
    value && typeof value === 'object' ? (value as { schemaVersion?: unknown }).schemaVersion : undefined
  if (typeof version === 'number' && version !== SCHEMA_VERSION)
    return { kind: 'unsupported-version', version }
  return null
}

/** Reads content published under `base`, trusting nothing: status, JSON, version, schema, hashes. */
export function createRemoteSource(base: string, deps: RemoteDeps = {}) {
  const request =
    deps.request ??
    ((url: string, headers: Record<string, string>, timeoutMs = REQUEST_TIMEOUT_MS) =>
      requestText({ url, headers, timeoutMs }))
  const limit = createLimiter(MAX_IN_FLIGHT)
  const limitSearch = createLimiter(SEARCH_IN_FLIGHT)
  const get = (url: string, headers: Record<string, string> = {}, timeoutMs?: number, line = limit) =>
    withRetry(
      () => line(() => request(url, headers, timeoutMs)).then(classifyAttempt),
      deps.retry ?? DEFAULT_RETRY,
      deps.wait ?? sleep,
    )

  /** A content-addressed file: fetched, its bytes hashed against the manifest, parsed, version-checked. */
  const verified = async (
    file: { path: string; sha256: string },
    timeoutMs?: number,
    line = limit,
  ): Promise<{ kind: 'json'; value: unknown; text: string } | Problem> => {
    const { result } = await get(joinUrl(base, file.path), {}, timeoutMs, line)
    if (isProblem(result)) return result
    if (result.kind === 'not-modified') return { kind: 'bad-data', problems: ['(root): unexpected 304'] }
    if (sha256Hex(result.text) !== file.sha256) return { kind: 'integrity' }
    const parsed = parseJson(result.text)
    if (isProblem(parsed)) return parsed
    return checkVersion(parsed.value) ?? { ...parsed, text: result.text }
  }

  return {
    base,

    async manifest(etag: string | null): Promise<ManifestFetch> {
      const { result } = await get(joinUrl(base, 'manifest.json'), etag ? { 'If-None-Match': etag } : {})
      if (isProblem(result) || result.kind === 'not-modified') return result
      const parsed = parseJson(result.text)
      if (isProblem(parsed)) return parsed
      const unsupported = checkVersion(parsed.value)
      if (unsupported) return unsupported
      const valid = validateManifest(parsed.value)
      return valid.kind === 'ok' ? { kind: 'ok', manifest: valid.value, etag: result.etag } : valid
    },

    async body(entry: ManifestEntry): Promise<BodyFetch> {
      const checked = await verified(entry)
      if (isProblem(checked)) return checked
      const valid = validateBodyOf(entry.id, checked.value)
      return valid.kind === 'ok' ? { kind: 'ok', installment: valid.value, text: checked.text } : valid
    },

    /**
     * The full-text search file or one of its parts, checked like a body: its bytes against the
     * manifest's sha256.
     */
    searchIndex(ref: SearchRef | SearchPartRef): Promise<SearchFetch> {
      // A promise chain, not async: the mini program's build turns each async function into a state
      // machine, and this one is in the main package.
      return verified(ref, timeoutFor(ref.bytes), limitSearch).then((checked) =>
        isProblem(checked) ? checked : { kind: 'ok', index: checked.value, text: checked.text },
      )
    },
  }
}

export type RemoteSource = ReturnType<typeof createRemoteSource>
