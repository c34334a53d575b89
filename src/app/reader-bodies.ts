/**
 * Part of the composition root, imported only by the reader page: the bundled bodies travel in the
 * reader's subpackage, and are handed to the repository when that package loads.
 */
import { bundledBodies } from '@/content/bundled/bodies'

import { repository } from './root'

repository.provideBundledBodies(bundledBodies)
