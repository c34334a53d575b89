/**
 * WeChat's 分包异步化 (base library 2.11.2): `require.async` reads a module from another package,
 * downloading that package first if it must. Webpack cannot load across packages, so this reaches
 * WeChat's own `require`, as the file this code was built into sees it: a main-package file at the
 * package root, so a path is written from the root (`pages/reader/rest.js`).
 */
type NativeRequire = { async?: (path: string) => Promise<unknown> }

declare const __non_webpack_require__: NativeRequire | undefined

/** The module's exports; rejects where WeChat lacks require.async or cannot fetch the package. */
export function requireFromPackage(pathFromRoot: string): Promise<unknown> {
  const native = typeof __non_webpack_require__ === 'undefined' ? undefined : __non_webpack_require__
  if (!native || typeof native.async !== 'function')
    return Promise.reject(new Error('require.async is not available'))
  return native.async(`./${pathFromRoot}`)
}
