/**
 * The DOM event the preview server's injected script dispatches on `window` for each new edition it
 * has built (scripts/content/preview.ts). Only the editors' preview build listens for it.
 */
export const PREVIEW_EVENT = 'lre-preview'

/** Calls `listener` on each new edition; the returned function stops listening. */
export function onPreviewEdition(listener: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined
  const heard = () => listener()
  window.addEventListener(PREVIEW_EVENT, heard)
  return () => window.removeEventListener(PREVIEW_EVENT, heard)
}
