/**
 * Times the content build for a generated series: `npx tsx scripts/bench-content.ts [count] [chars]`
 * (default 100 installments of 6,000 characters). Wall time is noisy on a shared machine, so this is
 * reported, never asserted; it prints the median of 5 builds.
 *
 * `npx tsx scripts/bench-content.ts --photos N` times the pictures instead: N photo-like JPEGs of
 * 1280×960 (made with sharp), five to an installment, the first also its cover; median of 3 builds.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'

import sharp from 'sharp'

import { buildContent } from './content/build'
import { PICTURE_CONCURRENCY } from './content/pictures'

const SENTENCE = '这是用于计时的虚构访谈内容，讲述稀土行业里一段平凡而踏实的工作经历。'

function source(n: number, chars: number): string {
  const answers = Math.round(chars / 300)
  const body = Array.from({ length: answers }, (_, a) => {
    const text = SENTENCE.repeat(Math.ceil(300 / SENTENCE.length)).slice(0, 300)
    return `${a % 6 === 0 ? `## 第 ${a / 6 + 1} 部分\n\n` : ''}问：第 ${a + 1} 个问题？\n\n答：${text}**重点**。\n`
  }).join('\n')
  return `---
id: bench-${n}
number: ${n}
title: 计时样例第 ${n} 期
interviewee:
  name: 计时人物 ${n}（虚构）
  role: 工程师
  group: engineer
publishedAt: 2026-01-01
summary: 用于计时的生成样例。
tags: [计时]
sample: true
---

${body}
> 一句引文。
> — 计时人物 ${n}（虚构）

---
`
}

/** A busy photo: colour noise at half size, blurred and scaled up (about 270 KB as a JPEG). */
async function photo(width: number, height: number): Promise<Buffer> {
  const noise = await sharp({
    create: {
      width: width / 2,
      height: height / 2,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 74 },
    },
  })
    .blur(1.4)
    .png()
    .toBuffer()
  return sharp(noise).resize(width, height, { fit: 'fill' }).jpeg({ quality: 92 }).toBuffer()
}

async function benchPhotos(count: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lre-bench-photos-'))
  try {
    mkdirSync(path.join(dir, 'media'))
    writeFileSync(path.join(dir, 'series.md'), '---\ntitle: 计时\ntagline: 计时用\n---\n\n介绍。\n')
    let sourceBytes = 0
    for (let p = 0; p < count; p++) {
      const bytes = await photo(1280, 960)
      sourceBytes += bytes.length
      writeFileSync(path.join(dir, 'media', `p${p}.jpg`), bytes)
    }
    for (let n = 1; n <= Math.ceil(count / 5); n++) {
      const photos = Array.from({ length: 5 }, (_, i) => (n - 1) * 5 + i).filter((p) => p < count)
      const body = photos.map((p) => `答：第 ${p} 张。\n\n![照片 ${p}](media/p${p}.jpg)\n`).join('\n')
      const front = source(n, 300).replace('sample: true\n', `sample: true\ncover: media/p${photos[0]}.jpg\n`)
      writeFileSync(path.join(dir, `${n}.md`), front.replace(/\n---\n\n[\s\S]*$/, `\n---\n\n${body}`))
    }
    const times: number[] = []
    let media: Buffer[] = []
    for (let run = 0; run < 3; run++) {
      const started = process.hrtime.bigint()
      const result = await buildContent(dir)
      times.push(Number(process.hrtime.bigint() - started) / 1e6)
      if (result.kind === 'error') throw new Error(result.problems.join('\n'))
      media = [...result.output.files].filter(([rel]) => rel.startsWith('media/')).map(([, b]) => b)
    }
    times.sort((a, b) => a - b)
    console.table({
      photos: count,
      cores: availableParallelism(),
      picturesAtATime: PICTURE_CONCURRENCY,
      sourceKB: Math.round(sourceBytes / 1024),
      variants: media.length,
      variantsKB: Math.round(media.reduce((sum, b) => sum + b.length, 0) / 1024),
      medianMs: Math.round(times[1]),
      minMs: Math.round(times[0]),
      maxMs: Math.round(times[2]),
      msPerPhoto: Math.round(times[1] / count),
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main() {
  if (process.argv[2] === '--photos') return benchPhotos(Number(process.argv[3] ?? 50))
  const count = Number(process.argv[2] ?? 100)
  const chars = Number(process.argv[3] ?? 6000)
  const dir = mkdtempSync(path.join(tmpdir(), 'lre-bench-'))
  try {
    writeFileSync(path.join(dir, 'series.md'), '---\ntitle: 计时\ntagline: 计时用\n---\n\n介绍。\n')
    for (let n = 1; n <= count; n++) writeFileSync(path.join(dir, `${n}.md`), source(n, chars))
    const times: number[] = []
    let bytes = 0
    for (let run = 0; run < 5; run++) {
      const started = process.hrtime.bigint()
      const result = await buildContent(dir)
      times.push(Number(process.hrtime.bigint() - started) / 1e6)
      if (result.kind === 'error') throw new Error(result.problems.join('\n'))
      bytes = [...result.output.files.values()].reduce((sum, b) => sum + b.length, 0)
    }
    times.sort((a, b) => a - b)
    console.table({
      installments: count,
      charactersEach: chars,
      outputBytes: bytes,
      medianMs: Math.round(times[2]),
      minMs: Math.round(times[0]),
      maxMs: Math.round(times[4]),
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
