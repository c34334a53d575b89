/**
 * The one place raw results of sharing or saving a card image become outcomes, as
 * content/problem.ts does for network errors. Pure: the same attempt always maps the same way.
 */

/** What happened to the reader's card, in the words the page answers with. */
export type ImageOutcome =
  'shared' | 'saved' | 'downloaded' | 'denied' | 'privacy-declined' | 'cancelled' | 'failed'

/** Which step the raw result came from: the privacy agreement, the share menu, the album, a download. */
export type ImageStep = 'privacy' | 'share-menu' | 'album' | 'browser-share' | 'download'

/** A platform call's raw result: done, or WeChat's (or the browser's) error message. */
export type ImageAttempt = { kind: 'ok' } | { kind: 'error'; errMsg: string }

const CANCELLED = /(?:^|[:\s])cancel(?:l?ed)?\b|AbortError/i
const DENIED = /auth deny|auth denied|authorize:fail|authorize no response|permission denied|NotAllowedError/i
/** WeChat's privacy agreement not agreed to (errno 104) — as the app asks before saving. */
const PRIVACY = /privacy permission is not authorized|privacy agreement/i

/** 'continue' only for an agreed privacy prompt: the step before saving, not an outcome. */
export function imageOutcome(step: ImageStep, attempt: ImageAttempt): ImageOutcome | 'continue' {
  if (attempt.kind === 'ok') return OK[step]
  const message = attempt.errMsg
  // Any refusal of the privacy prompt is a decline, whatever words the client uses.
  if (step === 'privacy' || PRIVACY.test(message)) return 'privacy-declined'
  if (CANCELLED.test(message)) return 'cancelled'
  if (DENIED.test(message)) return step === 'browser-share' ? 'failed' : 'denied'
  return 'failed'
}

const OK: Record<ImageStep, ImageOutcome | 'continue'> = {
  privacy: 'continue',
  'share-menu': 'shared',
  album: 'saved',
  'browser-share': 'shared',
  download: 'downloaded',
}
