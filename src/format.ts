/** `2026-10-16` → `2026年10月16日`. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A saved-at time in the reader's local time, to the minute. */
export function formatDateTime(epochMs: number): string {
  const t = new Date(epochMs)
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}`
}

export function percent(ratio: number): number {
  return Math.round(Math.min(1, Math.max(0, ratio)) * 100)
}
