import { createRemoteSource, type RemoteSource } from '@/content/remote'

/**
 * The source for the build's content URL. The mini program has no import(), so it bundles the source;
 * the browser build loads it on first use instead (remote-source.h5.ts, picked by Taro for H5).
 */
export const remoteSource = (base: string): RemoteSource => createRemoteSource(base)
