/**
 * WCAG colour arithmetic for what the browser computed: relative luminance and contrast ratio, so a
 * test can say "readable" as WCAG 2 does (4.5:1 for text, 3:1 for icons).
 */
export type Rgb = readonly [number, number, number]

/** A computed colour (`rgb(38, 35, 33)`, `rgba(…)`) or a hex colour (`#262321`) as 0–255 channels. */
export function parseColour(colour: string): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour.trim())
  if (hex) {
    const n = parseInt(hex[1], 16)
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
  }
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(colour.trim())
  if (!rgb) throw new Error(`not a colour: ${colour}`)
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])]
}

export function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}
