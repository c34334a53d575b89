import type { Installment, Manifest, ManifestEntry } from './schema'
import { validateInstallment, validateManifest } from './validate'

export type ContentSource = { kind: 'bundled' } | { kind: 'remote'; base: string }

export type Catalog =
  { status: 'ready'; manifest: Manifest; source: ContentSource } | { status: 'error'; problems: string[] }

export type InstallmentResult =
  { kind: 'ok'; installment: Installment } | { kind: 'not-found' } | { kind: 'bad-data'; problems: string[] }

export type RefreshResult = { kind: 'ok'; catalog: Catalog } | { kind: 'bad-data'; problems: string[] }

export type BundledContent = { manifest: unknown; bodies: Readonly<Record<string, unknown>> }

export type Repository = {
  catalog: () => Catalog
  entry: (id: string) => ManifestEntry | null
  installment: (id: string) => Promise<InstallmentResult>
  refresh: () => Promise<RefreshResult>
  subscribe: (listener: () => void) => () => void
}

/**
 * The only door to content. Pages ask it for the catalog and for bodies; they never know whether
 * content came bundled or from the network. Everything is validated here, once, at the boundary.
 */
export function createRepository(bundled: BundledContent): Repository {
  let catalog: Catalog | null = null
  const listeners = new Set<() => void>()
  const bodies = new Map<string, Installment>()

  const loadBundled = (): Catalog => {
    const result = validateManifest(bundled.manifest)
    return result.kind === 'ok'
      ? { status: 'ready', manifest: result.value, source: { kind: 'bundled' } }
      : { status: 'error', problems: result.problems }
  }

  const current = (): Catalog => {
    if (!catalog) catalog = loadBundled()
    return catalog
  }

  const entry = (id: string): ManifestEntry | null => {
    const c = current()
    return c.status === 'ready' ? (c.manifest.installments.find((e) => e.id === id) ?? null) : null
  }

  return {
    catalog: current,
    entry,
    async installment(id) {
      const meta = entry(id)
      if (!meta) return { kind: 'not-found' }
      const cached = bodies.get(id)
      if (cached) return { kind: 'ok', installment: cached }
      const raw = bundled.bodies[id]
      if (raw === undefined) return { kind: 'not-found' }
      const result = validateInstallment(raw)
      if (result.kind !== 'ok') return result
      if (result.value.id !== id) return { kind: 'bad-data', problems: [`id: expected "${id}"`] }
      bodies.set(id, result.value)
      return { kind: 'ok', installment: result.value }
    },
    async refresh() {
      // Bundled content is the only source until a content URL is configured; reloading it is
      // what pull-to-refresh means here.
      catalog = loadBundled()
      listeners.forEach((listener) => listener())
      return catalog.status === 'ready'
        ? { kind: 'ok', catalog }
        : { kind: 'bad-data', problems: catalog.problems }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
