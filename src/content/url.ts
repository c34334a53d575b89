/** `base` + `/` + `path`, whatever slashes either brings: the one way a content address is made. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}
