/**
 * The editors' preview, without a browser: each rebuild reads again only the files that changed and
 * gives the edition a full build gives (manifest and search file consistent); problems keep the last
 * good edition; the watcher turns a burst of saves into one rebuild, and handles renames and deletes;
 * the server serves the app with its client script, the content, and the build's state.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { buildContent } from '../../scripts/content/build'
import { startPreview } from '../../scripts/content/preview'
import { previewEditions } from '../../scripts/content/preview-edition'
import { watchFolder, type Change } from '../../scripts/content/preview-watch'
import { folderReader, verifyContent } from '../../scripts/content/verify'
import { fixtureId, fixtureSource, fixtureTranslation, writeFixtureSources } from '../fixtures/series'

const COUNT = 8
let src: string

beforeEach(() => {
  src = mkdtempSync(path.join(tmpdir(), 'lre-preview-'))
  writeFixtureSources(src, COUNT)
})
afterEach(() => rmSync(src, { recursive: true, force: true }))

const file = (number: number) => path.join(src, `${fixtureId(number)}.md`)
const retitle = (number: number, title: string) =>
  writeFileSync(file(number), fixtureSource(number).replace(/^title: .*$/m, `title: ${title}`))

/** Writes an edition's files into a folder, to check it as the CLI's validate does. */
async function problemsOf(files: ReadonlyMap<string, Buffer>): Promise<string[]> {
  const out = mkdtempSync(path.join(tmpdir(), 'lre-preview-out-'))
  try {
    for (const [rel, bytes] of files) {
      mkdirSync(path.dirname(path.join(out, rel)), { recursive: true })
      writeFileSync(path.join(out, rel), bytes)
    }
    return (await verifyContent(folderReader(out))).problems
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

describe('rebuilds', () => {
  test('the first reads every file; after one save, only that file is read again', async () => {
    const editions = previewEditions(src)
    const first = await editions.rebuild()
    expect(first.built).toHaveLength(COUNT)
    retitle(3, '改过的标题（虚构）')
    const second = await editions.rebuild()
    expect(second.built).toEqual([`${fixtureId(3)}.md`])
    expect(second.changed).toEqual([fixtureId(3)])
    expect(second.edition?.manifest.installments.find((e) => e.id === fixtureId(3))?.title).toBe(
      '改过的标题（虚构）',
    )
  })

  test('the edition is the one a full build gives, and validates: manifest and search file agree', async () => {
    const editions = previewEditions(src)
    await editions.rebuild()
    retitle(5, '又一个标题（虚构）')
    const rebuilt = await editions.rebuild()
    const full = await buildContent(src)
    if (full.kind !== 'ok') throw new Error(full.problems.join('\n'))
    expect(rebuilt.edition?.manifest).toEqual(full.output.manifest)
    expect([...(rebuilt.edition?.files.keys() ?? [])].sort()).toEqual([...full.output.files.keys()].sort())
    expect(await problemsOf(rebuilt.edition?.files ?? new Map())).toEqual([])
  })

  test('a save with problems lists them as the CLI does and keeps the last good edition; the fix clears them', async () => {
    const editions = previewEditions(src)
    const good = await editions.rebuild()
    writeFileSync(file(2), fixtureSource(2).replace(/^number: .*$/m, 'number: many'))
    const bad = await editions.rebuild()
    expect(bad.problems).toEqual([expect.stringMatching(new RegExp(`^${fixtureId(2)}\\.md:\\d+: number`))])
    expect(bad.edition).toBe(good.edition)
    writeFileSync(file(2), fixtureSource(2))
    const fixed = await editions.rebuild()
    expect(fixed.problems).toEqual([])
    expect(fixed.changed).toEqual([])
  })

  test('a file deleted or renamed is handled: the edition follows the folder', async () => {
    const editions = previewEditions(src)
    await editions.rebuild()
    unlinkSync(file(7))
    const deleted = await editions.rebuild()
    expect(deleted.edition?.manifest.installments.map((e) => e.id)).not.toContain(fixtureId(7))
    renameSync(file(6), path.join(src, 'renamed.md'))
    const renamed = await editions.rebuild()
    expect(renamed.problems).toEqual([])
    expect(renamed.built).toEqual(['renamed.md'])
    expect(renamed.edition?.manifest.installments.map((e) => e.id)).toContain(fixtureId(6))
  })

  test('a file that cannot be read (a folder named like one) is a problem of that build, not a crash', async () => {
    const editions = previewEditions(src)
    const good = await editions.rebuild()
    mkdirSync(path.join(src, 'zz-draft.md'))
    const bad = await editions.rebuild()
    expect(bad.problems).toEqual([expect.stringContaining('EISDIR')])
    expect(bad.edition).toBe(good.edition)
  })

  test('a picture changed: every file is read again, since any may name it', async () => {
    const editions = previewEditions(src)
    await editions.rebuild()
    const again = await editions.rebuild(true)
    expect(again.built).toHaveLength(COUNT)
  })
})

describe('the watcher', () => {
  /** The changes heard, and a promise for the next. */
  function listen(dir: string, quietMs = 300) {
    const heard: Change[] = []
    let next: (() => void) | null = null
    const watcher = watchFolder(
      dir,
      (change) => {
        heard.push(change)
        next?.()
      },
      quietMs,
    )
    const nextChange = () => new Promise<void>((resolve) => (next = resolve))
    return { heard, watcher, nextChange }
  }

  test.each<[string, () => void, Partial<Change>]>([
    [
      'a burst of saves is one change',
      () => {
        for (let i = 0; i < 5; i++) retitle(1, `第 ${i} 次（虚构）`)
        retitle(2, '另一篇（虚构）')
      },
      { picturesChanged: false },
    ],
    ['a file deleted', () => unlinkSync(file(4)), { picturesChanged: false }],
    [
      'an English body saved: Markdown, so only its installment is read again',
      () => writeFileSync(path.join(src, `${fixtureId(4)}.en.md`), fixtureTranslation(4)),
      { picturesChanged: false },
    ],
    ['a file renamed', () => renameSync(file(4), path.join(src, 'later.md')), { picturesChanged: false }],
    [
      'a folder of pictures renamed',
      () => renameSync(path.join(src, 'media'), path.join(src, 'pictures')),
      { picturesChanged: true },
    ],
    [
      'a picture saved',
      () => writeFileSync(path.join(src, 'media', 'new.png'), Buffer.from([0x89])),
      { picturesChanged: true },
    ],
  ])('%s', async (_name, act, expected) => {
    const { heard, watcher, nextChange } = listen(src)
    try {
      const changed = nextChange()
      act()
      await changed
      expect(heard).toHaveLength(1)
      expect(heard[0]).toMatchObject(expected)
      expect(heard[0].files.length).toBeGreaterThan(0)
    } finally {
      watcher.close()
    }
  })
})

describe('the server', () => {
  const appDir = () => {
    const dir = path.join(src, '..', `${path.basename(src)}-app`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'index.html'), '<html><body><div id="app"></div></body></html>')
    return dir
  }

  test('serves the app with its client script, the content, and the state; closes with a stream open', async () => {
    const app = appDir()
    const preview = await startPreview({ src, appDir: app, port: 0, watch: false })
    try {
      const html = await (await fetch(`${preview.url}/`)).text()
      expect(html).toContain('<script src="/__preview/client.js"></script></body>')
      const manifest = (await (await fetch(`${preview.url}/content/manifest.json`)).json()) as {
        installments: unknown[]
      }
      expect(manifest.installments).toHaveLength(COUNT)
      expect((await fetch(`${preview.url}/content/nothing.json`)).status).toBe(404)
      writeFileSync(file(1), '---\ntitle: [\n---\n')
      await preview.rebuild()
      const state = (await (await fetch(`${preview.url}/__preview/state`)).json()) as { problems: string[] }
      expect(state.problems[0]).toMatch(new RegExp(`^${fixtureId(1)}\\.md:\\d+: `))
      // An open event stream must not keep the server from closing.
      const stream = await fetch(`${preview.url}/__preview/events`)
      expect(stream.headers.get('content-type')).toBe('text/event-stream')
    } finally {
      await preview.close()
      rmSync(app, { recursive: true, force: true })
    }
  })
})
