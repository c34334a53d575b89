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

/** `<html lang>`, so screen readers and hyphenation read the interface in its language. */
export function markDocumentLanguage(lang: string): void {
  try {
    document.documentElement.lang = lang
  } catch {
    // No document: nothing to mark.
  }
}
