/**
 * Part of the composition root, imported only by the reader's package (the reader, its note and card
 * pages, and search): the whole bundled manifest and the bodies travel there, the bodies packed, and
 * are handed to the repository when that package loads. Each body is unpacked the first time it is read.
 */
import { packedBodies } from '@/content/bundled/bodies'
import { bundledManifest } from '@/content/bundled/full'
import { unpackBody } from '@/content/packed'

import { repository } from './root'

const unpacked = new Map<string, unknown>()

/** A body the package carries, unpacked once; undefined when it carries none. */
export function bundledBodyOf(id: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(packedBodies, id)) return undefined
  if (!unpacked.has(id)) unpacked.set(id, unpackBody(packedBodies[id]))
  return unpacked.get(id)
}

repository.provideBundledManifest(bundledManifest)
repository.provideBundledBodies(bundledBodyOf)
