/**
 * Draws the tabBar icons and the sample illustrations as PNGs, so no binary art is hand-made.
 * Shapes are inside-tests sampled 4×4 per pixel for smooth edges. Run: `npm run images`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { PNG } from 'pngjs'

type Rgb = readonly [number, number, number]
type Shape = { inside: (x: number, y: number) => boolean; color: Rgb; alpha?: number }

const ROOT = path.resolve(__dirname, '..')
export const TAB_ICON_DIR = path.join(ROOT, 'src', 'assets', 'tab')
export const SAMPLE_MEDIA_DIR = path.join(ROOT, 'content', 'media')

const INK: Rgb = [0x76, 0x76, 0x76]
const BRAND: Rgb = [0x9c, 0x3d, 0x1c]

function render(width: number, height: number, background: Rgb | null, shapes: Shape[]): Buffer {
  const png = new PNG({ width, height, colorType: background ? 2 : 6 })
  const samples = 4
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let [r, g, b] = background ?? [0, 0, 0]
      let a = background ? 1 : 0
      for (const shape of shapes) {
        let hits = 0
        for (let sy = 0; sy < samples; sy++)
          for (let sx = 0; sx < samples; sx++)
            if (shape.inside(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples)) hits++
        const cover = (hits / (samples * samples)) * (shape.alpha ?? 1)
        if (cover === 0) continue
        const outA = cover + a * (1 - cover)
        r = (shape.color[0] * cover + r * a * (1 - cover)) / outA
        g = (shape.color[1] * cover + g * a * (1 - cover)) / outA
        b = (shape.color[2] * cover + b * a * (1 - cover)) / outA
        a = outA
      }
      const i = (y * width + x) * 4
      png.data[i] = Math.round(r)
      png.data[i + 1] = Math.round(g)
      png.data[i + 2] = Math.round(b)
      png.data[i + 3] = Math.round(a * 255)
    }
  }
  return PNG.sync.write(png, { colorType: background ? 2 : 6, deflateLevel: 9 })
}

const rect = (x0: number, y0: number, x1: number, y1: number, color: Rgb, alpha?: number): Shape => ({
  inside: (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1,
  color,
  alpha,
})
const circle = (cx: number, cy: number, r: number, color: Rgb, alpha?: number): Shape => ({
  inside: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
  color,
  alpha,
})
/** A polygon by the even-odd rule. */
const polygon = (points: ReadonlyArray<readonly [number, number]>, color: Rgb, alpha?: number): Shape => ({
  inside: (x, y) => {
    let inside = false
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]
      const [xj, yj] = points[j]
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
    return inside
  },
  color,
  alpha,
})

/** The installments tab: an open book's lines. */
function listIcon(color: Rgb): Buffer {
  return render(81, 81, null, [
    ...[20, 36, 52].flatMap((y) => [circle(17, y + 3, 4.5, color), rect(28, y, 68, y + 6, color)]),
  ])
}

/** The favourites tab: a bookmark ribbon. */
function bookmarkIcon(color: Rgb): Buffer {
  return render(81, 81, null, [
    polygon(
      [
        [22, 12],
        [59, 12],
        [59, 70],
        [40.5, 55],
        [22, 70],
      ],
      color,
    ),
  ])
}

/** The fifteen lanthanides as a row of tiles over an ore-coloured ground. */
function lanthanideRow(): Buffer {
  const tiles = Array.from({ length: 15 }, (_, i) => {
    const x = 20 + i * 40
    const shade: Rgb = [150 + ((i * 6) % 80), 70 + ((i * 11) % 90), 40 + ((i * 7) % 60)]
    return rect(x, 150, x + 34, 206, shade)
  })
  return render(640, 360, [0xf4, 0xee, 0xe6], [rect(0, 260, 640, 360, [0xd9, 0xc7, 0xb0]), ...tiles])
}

/**
 * An open-pit mine in cross-section: benches stepping down from the rim to the pit floor through
 * layered ground, a haul truck on a bench, a few shrubs on the surface and the sun above.
 */
function mineTerraces(): Buffer {
  const sky: Rgb = [0xe8, 0xf0, 0xf5]
  const rim = 120 // the ground surface
  const rise = 42 // height of one bench face
  const run = 22 // horizontal extent of one bench face
  const berm = 30 // width of the flat bench between faces
  const levels = 4
  // The left wall, from the rim down to the floor; the right wall mirrors it.
  const left: Array<readonly [number, number]> = [[48, rim]]
  for (let i = 0, x = 48, y = rim; i < levels; i++) {
    x += run
    y += rise
    left.push([x, y])
    if (i < levels - 1) {
      x += berm
      left.push([x, y])
    }
  }
  const right = left.map(([x, y]) => [640 - x, y] as const).reverse()
  const floor = left[left.length - 1][1]
  // A light edge on every bench and on the floor, so the steps read at a glance.
  const edges = left.slice(1).flatMap(([x, y], i, all) => {
    const next = all[i + 1]
    if (!next || next[1] !== y) return []
    return [
      rect(x, y, next[0], y + 3, [0xd8, 0xc4, 0xa2]),
      rect(640 - next[0], y, 640 - x, y + 3, [0xd8, 0xc4, 0xa2]),
    ]
  })
  const truckY = left[2][1] // on the first bench of the left wall
  const truckX = left[1][0] + 4
  const truck = [
    rect(truckX, truckY - 13, truckX + 15, truckY - 4, [0xe0, 0xa1, 0x2b]),
    rect(truckX + 15, truckY - 11, truckX + 22, truckY - 4, [0x5b, 0x6b, 0x78]),
    circle(truckX + 5, truckY - 3, 3, [0x33, 0x33, 0x33]),
    circle(truckX + 18, truckY - 3, 3, [0x33, 0x33, 0x33]),
  ]
  const shrubs = [14, 30, 606, 622].map((x) => circle(x, rim - 5, 7, [0x6b, 0x8f, 0x4e]))
  return render(640, 360, sky, [
    circle(540, 62, 34, [0xf2, 0xb1, 0x4c]),
    rect(0, rim, 640, rim + 14, [0x7a, 0x62, 0x48]),
    rect(0, rim + 14, 640, rim + 90, [0x9a, 0x80, 0x62]),
    rect(0, rim + 90, 640, 360, [0x85, 0x5c, 0x4a]),
    polygon([...left, ...right], sky),
    rect(left[left.length - 1][0], floor, right[0][0], floor + 3, [0xd8, 0xc4, 0xa2]),
    ...edges,
    ...truck,
    ...shrubs,
  ])
}

/** A separation cascade: a line of mixer-settler tanks with coloured phases. */
function extractionCascade(): Buffer {
  const tanks = Array.from({ length: 8 }, (_, i) => {
    const x = 30 + i * 74
    return [
      rect(x, 120, x + 60, 250, [0x5b, 0x6b, 0x78]),
      rect(x + 4, 124, x + 56, 180, [0xe9, 0xd8, 0x8a]),
      rect(x + 4, 180, x + 56, 246, [0x9f, 0xc5, 0xd8 - i * 6]),
    ]
  }).flat()
  return render(640, 360, [0xfa, 0xfa, 0xf7], [rect(20, 250, 620, 262, [0x3c, 0x46, 0x50]), ...tanks])
}

export function tabIcons(): Record<string, Buffer> {
  return {
    'list.png': listIcon(INK),
    'list-active.png': listIcon(BRAND),
    'favourites.png': bookmarkIcon(INK),
    'favourites-active.png': bookmarkIcon(BRAND),
  }
}

export function sampleImages(): Record<string, Buffer> {
  return {
    'lanthanide-row.png': lanthanideRow(),
    'mine-terraces.png': mineTerraces(),
    'extraction-cascade.png': extractionCascade(),
  }
}

function writeAll(dir: string, files: Record<string, Buffer>): void {
  mkdirSync(dir, { recursive: true })
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), bytes)
    console.log(`${path.relative(ROOT, path.join(dir, name))}: ${bytes.length} bytes`)
  }
}

if (require.main === module) {
  writeAll(TAB_ICON_DIR, tabIcons())
  writeAll(SAMPLE_MEDIA_DIR, sampleImages())
}
