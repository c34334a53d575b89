import type { RemoteSource } from '@/content/remote'

/**
 * The browser build's remote source, loaded on first use: its HTTP client (with Taro's fetch,
 * AbortController and JSONP polyfills) and sha256 are not on the list's first screen, which shows
 * what the device has; the launch refresh fetches them behind it. A failed load is "offline", never a
 * throw, and the next refresh tries again.
 */
export function remoteSource(base: string): RemoteSource {
  let loading: Promise<RemoteSource> | null = null
  const load = () =>
    (loading ??= import('@/content/remote').then(
      (module) => module.createRemoteSource(base),
      (error: unknown) => {
        loading = null
        throw error
      },
    ))
  const offline = { kind: 'offline' } as const
  return {
    base,
    manifest: (etag) =>
      load().then(
        (source) => source.manifest(etag),
        () => offline,
      ),
    body: (entry) =>
      load().then(
        (source) => source.body(entry),
        () => offline,
      ),
    searchIndex: (ref) =>
      load().then(
        (source) => source.searchIndex(ref),
        () => offline,
      ),
  }
}
