/**
 * What came of sharing a link in the browser, as a value the caller can speak about. Kept apart
 * from share-link.h5.ts so that it is pure and tested in Node.
 */
export type ShareOutcome = 'shared' | 'copied' | 'cancelled' | 'failed'

export type ShareLink = { title: string; url: string }

/** How the system share sheet ended: there was none, it shared, or it rejected with `error`. */
export type SheetEnd = { kind: 'missing' } | { kind: 'shared' } | { kind: 'rejected'; error: unknown }

/** The reader closed the sheet: a choice, not a failure, so nothing is said and nothing is copied. */
function isCancel(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError'
}

/**
 * Shared or cancelled as the sheet says; with no sheet, or one that failed, the link is copied
 * instead. `copy` is called before anything is awaited, so a missing sheet copies inside the tap
 * (iOS Safari copies only then).
 */
export async function shareOutcome(end: SheetEnd, copy: () => Promise<boolean>): Promise<ShareOutcome> {
  if (end.kind === 'shared') return 'shared'
  if (end.kind === 'rejected' && isCancel(end.error)) return 'cancelled'
  return (await copy()) ? 'copied' : 'failed'
}
