/**
 * The column's text as the app ships it: packed bodies (deflate + base64, unpacked on the phone with
 * no atob) and the reader package's budget, which leaves the oldest installments out when the text
 * cannot fit, and says so.
 */
import { packBody, packText } from '../../scripts/content/bundle-text'
import { bytesOfBase64, unpackBody } from '@/content/packed'
import type { Manifest } from '@/content/schema'

describe('bytesOfBase64 reads what Node writes, and nothing else', () => {
  test.each([
    ['empty', ''],
    ['one byte (two pads)', 'a'],
    ['two bytes (one pad)', 'ab'],
    ['three bytes', 'abc'],
    ['every byte value', Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('latin1')],
    ['Chinese, 3 bytes a character', '稀土之光·百人访谈'],
  ])('%s', (_name, text) => {
    const bytes =
      Buffer.from(text, 'latin1').length === text.length ? Buffer.from(text, 'latin1') : Buffer.from(text)
    expect(Buffer.from(bytesOfBase64(bytes.toString('base64')) ?? [])).toEqual(bytes)
  })

  test.each([
    ['a length that is not a multiple of 4', 'abc'],
    ['a character outside the alphabet', 'ab-d'],
    ['padding in the middle', 'ab==abcd'],
  ])('%s is refused', (_name, text) => {
    expect(bytesOfBase64(text)).toBeNull()
  })
})

describe('unpackBody', () => {
  const body = {
    schemaVersion: 1,
    id: 'x',
    body: [{ type: 'paragraph', text: '萃取槽的液位要每小时记录一次。' }],
  }

  test('gives back the JSON value that was packed', () => {
    expect(unpackBody(packBody(JSON.stringify(body)))).toEqual(body)
  })

  test.each([
    ['not base64', '!!!!'],
    ['base64 of bytes that are not deflate', Buffer.from('plain words').toString('base64')],
    ['deflate of text that is not JSON', packBody('not json')],
    ['cut short', packBody(JSON.stringify(body)).slice(0, 24)],
  ])('%s: null (which fails validation), never a throw', (_name, packed) => {
    expect(unpackBody(packed)).toBeNull()
  })
})

describe('packText fits the text into the reader package’s budget, newest first', () => {
  const entry = (n: number) => ({
    id: `i-${n}`,
    number: n,
    publishedAt: `2026-01-${String(n).padStart(2, '0')}`,
    path: `installments/i-${n}.json`,
  })
  // Words that do not repeat, as real prose does not: deflate cannot make them vanish.
  const words = (n: number) =>
    Array.from({ length: 3000 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 7919 + n * 104729) % 20000)),
    ).join('')
  const manifest = { installments: [1, 2, 3, 4].map(entry) } as unknown as Manifest
  const file = (rel: string) => {
    const n = Number(rel.replace(/\D/g, ''))
    const body = {
      schemaVersion: 1,
      id: `i-${n}`,
      title: `第${n}篇`,
      interviewee: { name: '林远舟', role: '研究员', group: 'scientist' },
      tags: [],
      body: [{ type: 'answer', text: words(n) }],
    }
    return Buffer.from(JSON.stringify(body))
  }

  test('with room for all, all ride, and packing costs less than the JSON', () => {
    const packing = packText(manifest, file, 10_000_000)
    expect([...packing.packed.keys()]).toEqual(['i-4', 'i-3', 'i-2', 'i-1'])
    expect(packing.leftOut).toEqual([])
    expect(packing.bytes).toBeLessThan(packing.jsonBytes)
  })

  test('over the budget, the oldest are left out, and never one in the middle', () => {
    const all = packText(manifest, file, 10_000_000)
    const packing = packText(manifest, file, Math.floor(all.bytes * 0.6))
    expect([...packing.packed.keys()]).toEqual(['i-4', 'i-3'])
    expect(packing.leftOut.map((e) => e.number)).toEqual([2, 1])
    expect(packing.bytes).toBeLessThanOrEqual(all.bytes * 0.6)
  })

  test('a body the builder did not write stops the bundle with its path', () => {
    expect(() => packText(manifest, (rel) => (rel.includes('3') ? undefined : file(rel)))).toThrow(
      'installments/i-3.json',
    )
  })
})
