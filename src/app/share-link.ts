import type { ContentLang } from '@/content/english'
import type { ManifestEntry } from '@/content/schema'
import { shareText } from '@/i18n/share'
import { readerUrl } from '@/platform/navigation'
import { pageLink, shareLink, type ShareOutcome } from '@/platform/share-link'
import { toast } from '@/platform/ui'

import { shareTitle } from './share'

/**
 * The browser's 分享 (WeChat has its own share button): the installment's title and address to the
 * system share sheet, or to the clipboard, and says so when it was copied or could not be shared. A
 * shared link or a cancelled sheet speaks for itself. Call it inside the tap, unawaited work first:
 * the sheet and the copy need the tap's activation.
 */
export async function shareInstallmentAndTell(
  entry: ManifestEntry,
  lang?: ContentLang,
): Promise<ShareOutcome> {
  const outcome = await shareLink({ title: shareTitle(entry, lang), url: pageLink(readerUrl(entry.id)) })
  if (outcome === 'copied') toast(shareText.linkCopied)
  else if (outcome === 'failed') toast(shareText.shareFailed)
  return outcome
}
