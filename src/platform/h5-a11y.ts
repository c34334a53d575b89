/**
 * Browser-only accessibility repair. Taro's H5 pages are scrolling containers that a keyboard cannot
 * reach; making each page focusable lets keyboard users scroll it (axe: scrollable-region-focusable).
 * WeChat has no such container, so this runs only in the H5 build.
 */
export function makePagesKeyboardScrollable(): void {
  if (
    process.env.TARO_ENV !== 'h5' ||
    typeof document === 'undefined' ||
    typeof MutationObserver === 'undefined'
  )
    return
  const mark = () =>
    document
      .querySelectorAll<HTMLElement>('.taro_page:not([tabindex])')
      .forEach((page) => page.setAttribute('tabindex', '0'))
  new MutationObserver(mark).observe(document.body, { childList: true, subtree: true })
  mark()
}
