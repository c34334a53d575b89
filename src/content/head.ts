import { PAGE_SIZE, queryEntries } from './query'
import type { Manifest, Order } from './schema'
import { validateManifest, type Validation } from './validate'

/** The whole series' counts, which the first screen shows before the rest of the manifest is read. */
export type SeriesCounts = { total: number; samples: number }

/**
 * The first screen of a manifest: its series and the first page of the list in each order, with the
 * counts of the whole series. Kept beside the full manifest so that a launch reads and validates a few
 * dozen entries whatever the series' size; the rest is read after the first render.
 */
export type Head = { manifest: Manifest; counts: SeriesCounts }

const ORDERS: readonly Order[] = ['newest', 'series']

export function headOf(manifest: Manifest): Head {
  const shown = new Set(
    ORDERS.flatMap((order) =>
      queryEntries(manifest.installments, { group: 'all', order }).slice(0, PAGE_SIZE),
    ),
  )
  const first = { ...manifest, installments: manifest.installments.filter((e) => shown.has(e)) }
  // Which search file, without its parts: their list grows with the series, and a launch needs none.
  if (manifest.search) {
    const { parts: _parts, ...whole } = manifest.search
    first.search = whole
  }
  return {
    manifest: first,
    counts: {
      total: manifest.installments.length,
      samples: manifest.installments.filter((e) => e.sample).length,
    },
  }
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0

/** A saved head is data from storage like any other: checked before it is shown. */
export function validateHead(data: unknown): Validation<Head> {
  const { manifest, counts } = (data && typeof data === 'object' ? data : {}) as Partial<
    Record<string, unknown>
  >
  const valid = validateManifest(manifest)
  if (valid.kind !== 'ok') return valid
  const { total, samples } = (counts && typeof counts === 'object' ? counts : {}) as Partial<SeriesCounts>
  const shown = valid.value.installments.length
  if (!isCount(total) || !isCount(samples) || total < shown || samples > total)
    return { kind: 'bad-data', problems: ['counts: must be whole numbers that cover the entries shown'] }
  return { kind: 'ok', value: { manifest: valid.value, counts: { total, samples } } }
}
