/**
 * The column at the size of the book (`npm run fixtures:real`: 100 interviews of 3,000–9,000
 * characters, 500 photos of 1280 px), bundled with the editors' own builder and built into
 * dist/weapp-real (`npm run build:weapp:real`): WeChat would accept the packages, no photo travels in
 * them, every interview opens and is searched with no network, and online every photo comes from the
 * content host at a phone's size, in a box kept for it in the tree WeChat's compiler renders.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'

import { packageProblems, packageSizes } from '../../scripts/packages'
import type { Installment, Manifest } from '@/content/schema'

import { REAL_SIZE_COUNT, REAL_SIZE_MEDIA, realSizePhrase } from '../fixtures/real-size'
import { byClass, findAll, Harness } from './harness'
import { chip, resultTitles, seen, readerTitle, readerText, sameTextBothWays } from './screens'
import { attr, findByClass, findOneByClass } from './wxml'

const ROOT = path.resolve(__dirname, '..', '..')
const DIST = path.join(ROOT, 'dist', 'weapp-real')
/** The same column built with a content URL (`npm run build:weapp:real:remote`). */
const REMOTE_DIST = path.join(ROOT, 'dist', 'weapp-real-remote')
const PUBLISHED = path.join(ROOT, 'dist', 'real-published')
const KiB = 1024
const MiB = 1024 * KiB

if (!existsSync(path.join(DIST, 'app.json')))
  throw new Error(
    'run `npm run fixtures:real && npm run build:weapp:real && npm run build:weapp:real:remote` first',
  )

const manifest = JSON.parse(readFileSync(path.join(PUBLISHED, 'manifest.json'), 'utf8')) as Manifest
const body = (id: string) => {
  const entry = manifest.installments.find((e) => e.id === id)!
  return JSON.parse(readFileSync(path.join(PUBLISHED, entry.path), 'utf8')) as Installment
}
const newestFirst = [...manifest.installments].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full) : [full]
  })
}

/** The published file a host address names, for its pixels and bytes. */
const published = (url: string) => {
  expect(url.startsWith(`${REAL_SIZE_MEDIA}/media/`)).toBe(true)
  return path.join(PUBLISHED, url.slice(REAL_SIZE_MEDIA.length + 1))
}

describe('the packages, against WeChat’s limits and our budgets', () => {
  const sizes = new Map(packageSizes(DIST).map((s) => [s.name, s.bytes]))

  test('it is the book’s size: 100 interviews, 3,000–9,000 characters, about 500 photos', () => {
    expect(manifest.installments).toHaveLength(REAL_SIZE_COUNT)
    const photos = readdirSync(path.join(ROOT, 'dist', 'real-content', 'media'))
    expect(photos.length).toBeGreaterThanOrEqual(500)
  })

  test('WeChat would accept the upload: every package ≤ 2 MiB, all ≤ 30 MiB, a page preloads ≤ 2 MiB', () => {
    expect(packageProblems(DIST)).toEqual([])
  })

  test('the main package carries the first screen only: ≤ 420 KiB at 100 installments', () => {
    expect(sizes.get('main')).toBeLessThanOrEqual(420 * KiB)
  })

  // The file cache (its verified index, the migration of what older builds kept in storage, the sweep)
  // is some 10 KB of the remote source's part.
  test('with a content URL (the remote source and its file cache in the main package too), ≤ 430 KiB', () => {
    const remote = new Map(packageSizes(REMOTE_DIST).map((s) => [s.name, s.bytes]))
    expect(remote.get('main')).toBeLessThanOrEqual(430 * KiB)
    expect(packageProblems(REMOTE_DIST)).toEqual([])
  })

  test('the reader’s package, with the whole column’s text, keeps 100 KB of margin under 2 MiB', () => {
    expect(sizes.get('pages/reader/')).toBeLessThanOrEqual(2 * MiB - 100 * 1000)
  })

  test('no photo travels in any package: no JPEG, and what pictures there are stay small', () => {
    const all = files(DIST).map((f) => path.relative(DIST, f))
    expect(all.filter((f) => /\.(jpe?g|webp)$/i.test(f))).toEqual([])
    const pictures = all.filter((f) => /\.(png|gif)$/i.test(f) && !f.startsWith('assets/'))
    const bytes = pictures.map((f) => statSync(path.join(DIST, f)).size)
    expect(bytes.filter((b) => b > 30 * KiB)).toEqual([])
    expect(bytes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(150 * KiB)
  })
})

describe('offline, with no network at all', () => {
  let h: Harness
  beforeEach(async () => {
    h = new Harness({ dist: DIST })
    await h.launch()
  })
  afterEach(() => expect(h.errors).toEqual([]))

  test('every one of the 100 interviews opens, to its last words', async () => {
    const failed: string[] = []
    for (const entry of manifest.installments) {
      h.navigate('redirectTo', `/pages/reader/index?id=${entry.id}`)
      // Long bodies arrive in stages, one a frame: let the virtual clock run them all.
      await h.advance(2000)
      const words = realSizePhrase(entry.number)
      if (readerTitle(h) !== entry.title || !readerText(h).includes(words)) failed.push(entry.id)
    }
    expect(failed).toEqual([])
  }, 120_000)

  test('a phrase deep in the oldest interview is found, and only there', async () => {
    const oldest = newestFirst[newestFirst.length - 1]
    h.navigate(
      'navigateTo',
      `/pages/reader/search/index?q=${encodeURIComponent(realSizePhrase(oldest.number))}`,
    )
    await h.settle()
    expect(resultTitles(h)).toEqual([oldest.title])
  })

  test('the list pages through all 100, the rest of the manifest read from the reader’s package', async () => {
    expect(findAll(h.root(), byClass('cd'))).toHaveLength(20)
    for (let page = 0; page < 5; page++) {
      await h.trigger('onReachBottom')
      await h.settle()
    }
    expect(findAll(h.root(), byClass('cd'))).toHaveLength(REAL_SIZE_COUNT)
    expect(sameTextBothWays(h)).toBe(true)
  })

  test('the list’s first setData stays ≤ 40 KB with the thumbnails', () => {
    const first = h.setDataLog[0]
    expect(first.bytes).toBeLessThanOrEqual(40 * KiB)
    expect(findAll(h.root(), byClass('cd-pi')).length).toBe(20)
  })
})

test('a phone that never downloaded the reader’s package: the list keeps its first screen, calmly', async () => {
  const h = new Harness({ dist: DIST, packages: 'unreachable' })
  await h.launch()
  await h.trigger('onReachBottom')
  await h.settle()
  expect(findAll(h.root(), byClass('cd'))).toHaveLength(20)
  expect(h.errors).toEqual([])
  expect(h.toasts).toEqual([])
})

test('before the rest of the column is read, a group filter waits rather than show a gappy or empty page', async () => {
  const h = new Harness({ dist: DIST, packages: 'unreachable' })
  await h.launch()
  await h.tap(chip(h, '科学家'))
  await h.settle()
  expect(findAll(h.root(), byClass('state--loading'))).toHaveLength(1)
  expect(findAll(h.root(), byClass('state--empty'))).toEqual([])
  expect(findAll(h.root(), byClass('cd'))).toEqual([])
  expect(h.errors).toEqual([])
})

describe('online, every photo from the content host at a phone’s size', () => {
  test('list thumbnails: ≤ 480 px wide and ≤ 40 KB, over their placeholder colour', async () => {
    const h = new Harness({ dist: DIST })
    await h.launch()
    const thumbs = findByClass(seen(h), 'cd-pi')
    expect(thumbs).toHaveLength(20)
    for (const thumb of thumbs) {
      const file = published(String(attr(thumb, 'src')))
      const { width } = await sharp(file).metadata()
      expect([width! <= 480, statSync(file).size <= 40 * KiB]).toEqual([true, true])
    }
    const boxes = findByClass(seen(h), 'cd-p')
    expect(boxes.every((box) => /background-color:\s*#[0-9a-f]{6}/.test(String(attr(box, 'style'))))).toBe(
      true,
    )
  })

  test('reader photos: ≤ 1080 px and ≤ 250 KB, each in a box reserved from its size before it arrives', async () => {
    const h = new Harness({ dist: DIST })
    const entry = newestFirst[0]
    await h.launch(`/pages/reader/index?id=${entry.id}`)
    await h.advance(2000)
    const images = body(entry.id).body.filter((b) => b.type === 'image')
    expect(images.length).toBeGreaterThanOrEqual(5)
    const boxes = findByClass(seen(h), 'b-img__pic')
    expect(boxes).toHaveLength(images.length)
    for (const [i, box] of boxes.entries()) {
      const image = images[i]
      if (image.type !== 'image') throw new Error('not an image')
      const reserved = /padding-bottom:\s*([\d.]+)%/.exec(String(attr(box, 'style')))
      expect(Number(reserved?.[1])).toBeCloseTo((image.height / image.width) * 100, 2)
      const file = published(String(attr(findOneByClass(box, 'pic__img'), 'src')))
      const { width, height } = await sharp(file).metadata()
      expect([width, height]).toEqual([image.width, image.height])
      expect([width! <= 1080, statSync(file).size <= 250 * KiB]).toEqual([true, true])
    }
    // A tap previews every picture of the interview at its full-screen variant, from the host.
    await h.tap(findAll(h.root(), byClass('pic__img'))[0])
    const large = images.map((b) => (b.type === 'image' ? `${REAL_SIZE_MEDIA}/${b.large ?? b.src}` : ''))
    expect(images.every((b) => b.type === 'image' && b.large)).toBe(true)
    expect(h.previews).toEqual([{ urls: large, current: large[0] }])
    const { width } = await sharp(published(large[0])).metadata()
    expect(width).toBeGreaterThan(1080)
    expect(width).toBeLessThanOrEqual(2160)
  })
})
