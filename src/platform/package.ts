/**
 * WeChat's 分包异步化 (base library 2.11.2): `require.async` reads a module from another package,
 * downloading that package first if it must. Webpack cannot load across packages, so this reaches
 * WeChat's own `require` (`__non_webpack_require__` is webpack's name for it), as the file this code
 * was built into sees it: a main-package file at the package root, so paths are written from the root.
 */
export type NativeRequire = { async?: (path: string) => Promise<unknown> }

declare global {
  const __non_webpack_require__: NativeRequire | undefined
}

/** Whether this WeChat can read a module from another package. */
export function canRequireAcrossPackages(): boolean {
  return (
    typeof __non_webpack_require__ !== 'undefined' && typeof __non_webpack_require__?.async === 'function'
  )
}

/** A module another package carries; rejects where WeChat lacks require.async or cannot fetch it. */
export function fromPackage(load: () => Promise<unknown>): Promise<unknown> {
  if (!canRequireAcrossPackages()) return Promise.reject(new Error('require.async is not available'))
  try {
    return load()
  } catch (error) {
    return Promise.reject(error)
  }
}
