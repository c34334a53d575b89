import { useSyncExternalStore } from 'react'

import { bundledBodies, bundledManifest } from './bundled'
import { createRepository, type Catalog } from './repository'

/** The app's single content repository. */
export const repository = createRepository({ manifest: bundledManifest, bodies: bundledBodies })

export function useCatalog(): Catalog {
  return useSyncExternalStore(repository.subscribe, repository.catalog, repository.catalog)
}
