/**
 * Times the content build for a generated series: `npx tsx scripts/bench-content.ts [count] [chars]`
 * (default 100 installments of 6,000 characters). Wall time is noisy on a shared machine, so this is
 * reported, never asserted; it prints the median of 5 builds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { buildContent } from './content/build'

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

async function main() {
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
