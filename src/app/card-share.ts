/**
 * Part of the composition root, imported only by the card page: sharing and saving a card image, with
 * WeChat's privacy prompt and album permission handled, and every result an outcome, never a throw.
 */
import { imageOutcome, type ImageAttempt, type ImageOutcome, type ImageStep } from '@/card/outcome'
import { cardText } from '@/i18n/card'
import {
  agreePrivacy,
  albumPermission,
  canShareImage,
  openAlbumSettings,
  saveImage,
  SAVES_TO,
  shareImage,
  SHARES_WITH,
} from '@/platform/card-image'
import { ask, toast } from '@/platform/interaction'

/** An outcome of a step that ends the flow ('continue' belongs to the privacy prompt alone). */
const ended = (step: ImageStep, attempt: ImageAttempt): ImageOutcome => {
  const outcome = imageOutcome(step, attempt)
  return outcome === 'continue' ? 'failed' : outcome
}

/** Explains why the album is needed and offers WeChat's settings; true when the reader allowed it there. */
async function allowAlbum(): Promise<boolean> {
  const answer = await ask({
    content: cardText.albumDenied,
    confirmText: cardText.openSettings,
    cancelText: cardText.notNow,
  })
  return answer === 'confirm' && (await openAlbumSettings()) === 'granted'
}

/**
 * Saves the card: the privacy agreement first, then the album. A permission refused before is
 * explained before WeChat's settings are offered; one never asked is left to WeChat, which asks on
 * the first save; a refusal there is explained the same way.
 */
export async function saveCard(path: string): Promise<ImageOutcome> {
  const privacy = imageOutcome('privacy', await agreePrivacy())
  if (privacy !== 'continue') return privacy
  if ((await albumPermission()) === 'denied' && !(await allowAlbum())) return 'denied'
  const saved = ended(SAVES_TO, await saveImage(path))
  if (saved !== 'denied') return saved
  return (await allowAlbum()) ? ended(SAVES_TO, await saveImage(path)) : 'denied'
}

/** WeChat's share-image menu where the client has it (a browser's share sheet); else saving. */
export async function shareCard(path: string): Promise<ImageOutcome> {
  if (!canShareImage()) return saveCard(path)
  const outcome = ended(SHARES_WITH, await shareImage(path))
  // A menu that could not open (not a reader's cancel) still leaves the album.
  return outcome === 'failed' ? saveCard(path) : outcome
}

/** Says what happened, where there is something to say (a share or a cancel speaks for itself). */
export function tellOutcome(outcome: ImageOutcome): void {
  const words = cardText.outcome[outcome]
  if (words) toast(words)
}
