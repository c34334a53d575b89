/**
 * The launch's steps, one at a time in Node, for a series of `count` installments as the CLI publishes
 * it: what a launch did before (read, validate and sort the whole saved manifest before the first
 * render) and what it does now (read and validate the saved first screen; the whole manifest after the
 * first render). Node's JIT is warm here and the app's is not, so these are smaller than on the bundle;
 * they show how each step grows with the series. Reported, never asserted.
 */
import { publishInstallments } from '../../scripts/content/build'
import { headOf, validateHead } from '../../src/content/head'
import { queryEntries } from '../../src/content/query'
import type { Manifest } from '../../src/content/schema'
import { validateManifest } from '../../src/content/validate'
import { fixture } from '../fixtures/built'
import { generateSeries } from '../fixtures/generate'

const now = () => performance.now()

function time(run: () => unknown): number {
  const started = now()
  run()
  return now() - started
}

/** The cache stores each record as JSON text: a launch pays for parsing it back. */
const stored = (record: unknown) =>
  JSON.stringify({ base: 'https://cdn.example.com/lre', etag: null, ...(record as object) })

export function launchPhases(count: number): Record<string, number> {
  const { manifest: published } = publishInstallments(fixture.series, generateSeries(count, 200))
  const manifest = published as Manifest
  const head = headOf(manifest)
  const [manifestText, headText] = [stored({ manifest }), stored({ head })]
  const newest = { group: 'all', search: '', order: 'newest' } as const
  return {
    'first screen: read the saved head': time(() => JSON.parse(headText)),
    'first screen: validate the head': time(() => validateHead(head)),
    'first screen: sort the head': time(() => queryEntries(head.manifest.installments, newest)),
    'after it: read the saved manifest': time(() => JSON.parse(manifestText)),
    'after it: validate the manifest': time(() => validateManifest(manifest)),
    'after it: sort the manifest': time(() => queryEntries(manifest.installments, newest)),
  }
}
