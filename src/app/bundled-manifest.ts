/**
 * Part of the composition root: where the whole bundled manifest is read from. In WeChat it rides in
 * the reader's package as a plain file (config/index.ts copies it there) that the main package reads
 * with require.async; the browser build loads it as a chunk (bundled-manifest.h5.ts).
 */
import { requireFromPackage } from '@/platform/package'

export const BUNDLED_MANIFEST_FILE = 'pages/reader/rest.js'

export const loadBundledManifest = (): Promise<unknown> => requireFromPackage(BUNDLED_MANIFEST_FILE)
