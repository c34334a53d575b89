/** The browser's language. */
export function systemLocale(): string | null {
  try {
    return navigator.language || null
  } catch {
    return null
  }
}

/** `?lang=en` in the address (before or after the hash router's `#`): a link's explicit language. */
export function localeAsked(): string | null {
  try {
    const match = /[?&]lang=([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)?)/.exec(window.location.href)
    return match ? match[1] : null
  } catch {
    return null
  }
}

/**
 * The reader chose on About: the address's `lang=` goes (replaceState, no navigation), so a reload
 * keeps their choice rather than the link's.
 */
export function forgetAskedLocale(): void {
  try {
    const next = window.location.href.replace(/([?&])lang=[^&#]*(&?)/g, (_all, lead: string, tail: string) =>
      tail ? lead : '',
    )
    if (next !== window.location.href) window.history.replaceState(window.history.state, '', next)
  } catch {
    // No history to rewrite: the choice holds for this visit.
  }
}

/** `<html lang>`, so screen readers and hyphenation read the interface in its language. */
export function markDocumentLanguage(lang: string): void {
  try {
    document.documentElement.lang = lang
  } catch {
    // No document: nothing to mark.
  }
}
