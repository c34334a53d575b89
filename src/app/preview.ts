/**
 * Part of the composition root, for the editors' preview build only (`build:h5:preview`): each new
 * edition the preview server builds refreshes the repository, and pages re-render from its catalog.
 * Callers guard with the literal `process.env.TARO_APP_PREVIEW`, so other builds drop all of this.
 */
import { onPreviewEdition } from '@/platform/preview'

import { repository } from './root'

/**
 * Refreshes for a new edition. A refresh already running may have read the manifest before the
 * edition was written, and a second call would only join it: so one more follows it.
 */
function refreshForEdition(): Promise<unknown> {
  const running = repository.status().kind === 'running'
  return repository.refresh().then((result) => (running ? repository.refresh() : result))
}

/** From now on, every edition the preview server announces is read at once. */
export function followPreviewEditions(): () => void {
  return onPreviewEdition(() => void refreshForEdition())
}

/**
 * Which edition of installment `id` the catalog names (its body's sha256): the reader reads the body
 * again when it changes. Undefined outside the preview, where a body never changes under the reader.
 */
export function editionOf(id: string): string | undefined {
  return process.env.TARO_APP_PREVIEW ? repository.entry(id)?.sha256 : undefined
}
