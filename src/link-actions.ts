import type { OfficialAccount, Source } from '@/content/schema'
import { text } from '@/i18n/zh'
import { openAccountProfile, openArticle, type LinkOutcome } from '@/platform/official-account'
import { toast } from '@/platform/ui'

/** Says what happened when WeChat could not open the page itself; an opened page speaks for itself. */
function tell(outcome: LinkOutcome, copied: string): LinkOutcome {
  if (outcome === 'copied') toast(copied)
  else if (outcome === 'failed') toast(text.linkFailed)
  return outcome
}

export async function openOriginalAndTell(source: Source): Promise<LinkOutcome> {
  return tell(await openArticle(source.url), text.originalCopied)
}

export async function followAccountAndTell(account: OfficialAccount): Promise<LinkOutcome> {
  return tell(await openAccountProfile(account), text.accountNameCopied(account.name))
}
