/**
 * The preview's editions: the folder built with the editors' own builder, again after each save, with
 * pictures made once per original and an installment rebuilt only when its file changed. The last good
 * edition stays while a save has problems, so the preview never goes blank under an editor.
 */
import type { Manifest } from '../../src/content/schema'
import { buildContent, type SourceCache } from './build'
import { pictureMaker } from './pictures'

export type Edition = { manifest: Manifest; files: ReadonlyMap<string, Buffer> }

export type Rebuilt = {
  /** The edition served now: this build's when it was good, else the last good one (or none yet). */
  edition: Edition | null
  /** This build's problems, as the CLI prints them (`file:line: message`); empty when it was good. */
  problems: string[]
  /** Installments whose body changed since the last good edition (new ones included), by id. */
  changed: string[]
  /** Installment files this build read and built again (the others came from the last build). */
  built: string[]
  ms: number
}

export type Editions = {
  /** Builds the folder again; `picturesChanged` when a picture changed, so every file is read anew. */
  rebuild: (picturesChanged?: boolean) => Promise<Rebuilt>
  current: () => Edition | null
}

function changedIds(before: Manifest | null, after: Manifest): string[] {
  const old = new Map(before?.installments.map((e) => [e.id, e.sha256]) ?? [])
  return after.installments.filter((e) => old.get(e.id) !== e.sha256).map((e) => e.id)
}

export function previewEditions(srcDir: string): Editions {
  const pictures = pictureMaker()
  const sources: SourceCache = new Map()
  let current: Edition | null = null
  // One build at a time: a save during a build waits for it, then builds what is on disk then.
  let running: Promise<unknown> = Promise.resolve()

  const rebuildNow = async (picturesChanged: boolean): Promise<Rebuilt> => {
    const started = performance.now()
    if (picturesChanged) sources.clear()
    const built: string[] = []
    // A file gone between the listing and its read (a delete, a rename, an editor's save) is a problem
    // of this build, never the end of the preview: the next save builds again.
    const result = await buildContent(srcDir, {
      pictures,
      sources,
      onBuilt: (name) => built.push(name),
    }).catch((error: unknown) => ({
      kind: 'error' as const,
      problems: [`${srcDir}: ${(error as Error).message}`],
    }))
    const ms = Math.round(performance.now() - started)
    if (result.kind === 'error')
      return { edition: current, problems: result.problems, changed: [], built, ms }
    const changed = changedIds(current?.manifest ?? null, result.output.manifest)
    current = { manifest: result.output.manifest, files: result.output.files }
    return { edition: current, problems: [], changed, built, ms }
  }

  return {
    rebuild(picturesChanged = false) {
      const next = running.then(() => rebuildNow(picturesChanged))
      running = next.catch(() => undefined)
      return next
    },
    current: () => current,
  }
}
