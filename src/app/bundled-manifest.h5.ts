/** The browser build's whole bundled manifest: a chunk of its own, loaded after the first screen. */
export const loadBundledManifest = (): Promise<unknown> =>
  import('@/content/bundled/full').then((module) => module.bundledManifest)
