import type { ManifestEntry } from './schema'

// Apart from query.ts (which the list uses, in the main package): only the reader's package needs it.
/** The installments before and after `id` in series order, for the reader's footer. */
export function neighbours(
  entries: readonly ManifestEntry[],
  id: string,
): { previous: ManifestEntry | null; next: ManifestEntry | null } {
  const ordered = [...entries].sort((a, b) => a.number - b.number)
  const index = ordered.findIndex((e) => e.id === id)
  if (index < 0) return { previous: null, next: null }
  return { previous: ordered[index - 1] ?? null, next: ordered[index + 1] ?? null }
}
