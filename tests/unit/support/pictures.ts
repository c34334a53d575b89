/**
 * Pictures made at test time with sharp (no binary is committed): photo-like noise, flat drawings,
 * solid colours. Every one is the same bytes on every run, from its seed.
 */
import sharp from 'sharp'

export type Format = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff'

/** Pseudo-random bytes from a seed (a linear congruential generator): the same on every run. */
function noiseBytes(length: number, seed: number, levels = 256): Buffer {
  // A typed array of this realm: under jest, writing byte by byte into a Buffer is 40 times slower.
  const out = new Uint8Array(length)
  let state = seed >>> 0 || 1
  const step = 256 / levels
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    out[i] = Math.floor(((state >>> 16) & 0xff) / step) * step
  }
  return Buffer.from(out.buffer, out.byteOffset, out.length)
}

function encode(image: sharp.Sharp, format: Format): Promise<Buffer> {
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: 92 }).toBuffer()
    case 'png':
      return image.png().toBuffer()
    case 'webp':
      return image.webp({ quality: 90 }).toBuffer()
    case 'gif':
      return image.gif().toBuffer()
    case 'tiff':
      return image.tiff().toBuffer()
  }
}

/**
 * Colour noise, blurred by `blur` (0: none); unblurred, it is as hard to compress as a picture gets.
 */
export function noise(
  width: number,
  height: number,
  { seed = 1, blur = 1.5, format = 'jpeg' as Format, levels = 256 } = {},
): Promise<Buffer> {
  const raw = sharp(noiseBytes(width * height * 3, seed, levels), { raw: { width, height, channels: 3 } })
  return encode(blur > 0 ? raw.blur(blur) : raw, format)
}

/**
 * A photo: colour noise made at half size, blurred and scaled up, as a JPEG. A 1280×960 one is about
 * 270 KB and gives a 1080 px reader variant of about 120 KB and a thumbnail of 30 KB, like a busy
 * real photo (a 1278×720 close-up of a starfish: 117 KB and 32 KB).
 */
export async function photo(width: number, height: number, seed = 1): Promise<Buffer> {
  const half = await noise(Math.ceil(width / 2), Math.ceil(height / 2), { seed, blur: 1.4, format: 'png' })
  return sharp(half).resize(width, height, { fit: 'fill' }).jpeg({ quality: 92 }).toBuffer()
}

/** One colour all over; `alpha` below 1 makes it see-through. */
export function solid(
  width: number,
  height: number,
  colour: { r: number; g: number; b: number; alpha?: number },
  format: Format = 'png',
): Promise<Buffer> {
  const channels = colour.alpha === undefined ? 3 : 4
  return encode(sharp({ create: { width, height, channels, background: colour } }), format)
}

/**
 * A diagram: flat bands and blocks in three colours, drawn with no anti-aliasing, stored as an
 * uncompressed PNG, so it is large (over 64 KB) and only its few colours make it a diagram.
 */
export async function drawing(width: number, height: number): Promise<Buffer> {
  const raw = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const band = Math.floor((y * 6) / height)
      const block = x > width / 4 && x < width / 2 && y > height / 3 && y < (height * 2) / 3
      const line = y % Math.ceil(height / 6) < 3
      const colour = line ? [0x20, 0x30, 0x60] : block || band % 2 ? [0xd0, 0x60, 0x30] : [0xf4, 0xee, 0xe6]
      raw.set(colour, (y * width + x) * 3)
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer()
}

/** A photo carrying camera EXIF with a GPS position, and an orientation tag. */
export async function photoWithGps(width: number, height: number, orientation = 1): Promise<Buffer> {
  const base = await photo(width, height, 7)
  return sharp(base)
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'T-1', Copyright: 'Someone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '40/1 39/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '109/1 50/1 0/1',
      },
    })
    .withMetadata({ orientation })
    .jpeg({ quality: 92 })
    .toBuffer()
}
