/**
 * Part of the composition root: where the whole bundled manifest is read from. In WeChat it rides in
 * the reader's package as a plain file (config/index.ts copies it there) that the main package reads
 * with require.async; the browser build loads it as a chunk (bundled-manifest.h5.ts).
 */
import { fromPackage } from '@/platform/package'

// The path is written out in full, with WeChat's own require, so that WeChat's code-quality check sees
// the file used (it reads literal require.async calls); the code runs from a root-level file.
export const loadBundledManifest = (): Promise<unknown> =>
  fromPackage(() => __non_webpack_require__!.async!('./pages/reader/rest.js'))
