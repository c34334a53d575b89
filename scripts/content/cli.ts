/**
 * The editors' content CLI. `npm run content -- <command>`; see `--help`.
 * Exit codes: 0 all good, 1 the content has problems (listed), 2 the command itself was wrong.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import matter from 'gray-matter'
import * as v from 'valibot'

import { idSchema } from '../../src/content/schema'
import { buildContent, SERIES_FILE, writeOutput, type BuildOutput } from './build'
import { prune, publishInto } from './editions'
import { importArticle, type Fetcher } from './import'
import { PREVIEW_PORT, startPreview, type Preview } from './preview'
import { searchSizeOf } from './search-index'
import { isTranslation, translationOf } from './translation'
import { folderReader, isDirectory, urlReader, verifyContent, verifyInstallmentFile } from './verify'

const HELP: Record<string, string> = {
  main: `Usage: npm run content -- <command> [options]

Commands:
  build <srcDir> <outDir>                 Markdown sources → validated JSON, all or nothing
  build <srcDir> --into <published>       add a new edition beside the published ones
  prune <published> --keep N              remove files that only older editions used
  validate <dir | https-url | file>       check built content the way the app does
  new <srcDir> --number N --title "…" [--en]
                                          scaffold a new installment with complete front matter
  import <article.html | https-url> <srcDir>
                                          an official-account article → a Markdown source to finish
  preview [<srcDir>] [--port N]           the reader in the browser, updated as you save

Options: --json (machine-readable result), --help (on any command).
The Markdown conventions are in content/README.md.`,
  build: `Usage: npm run content -- build <srcDir> <outDir> [--json]
       npm run content -- build <srcDir> --into <published> [--json]

Reads series.md and every other *.md in <srcDir> (a <name>.en.md is the English body of <name>.md,
block for block with it; see "Adding an English translation" in content/README.md), and writes manifest.json,
installments/<id>.<hash>.json, media/<hash>.<ext> (each picture's variants, made with sharp: reader
≤ 1080 px wide, large ≤ 2160 px, and for covers a thumbnail ≤ 480 px and a 5:4 share picture;
see "Pictures" in content/README.md) and search/index.<hash>.json (the full-text search
file: every block's text, and the pinyin of titles, people and tags): every name but manifest.json
changes when its bytes do, so a CDN may cache them forever. Every problem is listed as
file:line: message. Nothing is written unless the whole build is valid. The summary gives the search
file's size, gzipped, and as a ratio to the bodies' plain text.

With <outDir>, the folder is replaced whole. With --into, the new edition is added beside the ones
already published there: new files first, then editions.json (which files each edition uses), then
manifest.json last. Nothing the live manifest names is deleted. Upload in the same order.`,
  preview: `Usage: npm run content -- preview [<srcDir>] [--port N]

Serves the reader on http://localhost:N/ (default ${PREVIEW_PORT}) with the content of <srcDir> (default
content/), built with the same builder as \`build\`, in memory: nothing is written. Every save of a
Markdown file or a picture rebuilds only what changed, and every open page updates in place: the list,
or the interview being read, at its scroll position. A save with problems lists them over the page as
file:line: message (and here), and the last good edition stays readable under them until the next
good save. TODO markers left by \`import\` are highlighted. The terminal prints each rebuild's time and
the address of the installment last changed. Ctrl-C stops it and leaves nothing behind.
The browser build it serves (dist/h5-preview) is made first if it is missing.`,
  prune: `Usage: npm run content -- prune <published> --keep N [--dry-run] [--json]

Keeps the newest N editions in editions.json and the live one (manifest.json), and removes every file
under installments/, media/ and search/ that none of them uses. --dry-run lists the files and changes
nothing. Keep the editions readers may still hold: an edge may serve a manifest for its max-age (60 s
with the headers in the README), and an app shows its saved manifest until its launch refresh
returns. A body pruned under a reader's old manifest shows a retry, which reads the new edition once
the app has refreshed.`,
  validate: `Usage: npm run content -- validate <dir | https-url | file> [--json]

Checks built content as the app does: the manifest's schema, unique ids and numbers, and each body's
sha256 and schema, that each English body is block for block with its Chinese (and English tags one
per tag), plus that every referenced media file exists and that the search file matches its
sha256 and indexes exactly the manifest's bodies, in order, one text per block. A file argument may
be a manifest.json (its folder is checked) or one installment JSON (its schema and English are checked).`,
  new: `Usage: npm run content -- new <srcDir> --number N --title "…" [--en] [--json]

Writes <srcDir>/<NNN>-installment-<N>.md with complete front matter and an example question and answer.
Refuses a number or id that another source already uses. The front matter holds an English en: block,
commented out; with --en it is filled with placeholders and <NNN>-installment-<N>.en.md is written
beside it, the example's English block for block.`,
  import: `Usage: npm run content -- import <article.html | https-url> <srcDir> [options]

Reads one published official-account (公众号) article, a page saved from the browser or its https
address, and writes <srcDir>/<NNN>-<id>.md (with --number) or <srcDir>/imported-<date>-<hash>.md,
with its images downloaded into <srcDir>/media/. Title, date, summary and source come from the page;
fields it cannot know are written as TODO for you to fill in before building.

Options:
  --number N           the installment's number (also names the file and the id installment-N)
  --id ID              the installment's id (kebab-case)
  --interviewer NAME   paragraphs starting "NAME：" are questions
  --interviewee NAME   paragraphs starting "NAME：" are answers; also fills interviewee.name
  --force              overwrite the Markdown file if it exists
  --json               machine-readable result

Dropped parts (scripts, video/audio, mini-program cards, follow/QR-code footers) are listed as
warnings with their line:column in the page. Nothing is written unless every image downloads.`,
}

type Problem = { file?: string; line?: number; message: string }

function toProblem(text: string): Problem {
  const located = /^(.+?):(\d+): (.*)$/.exec(text)
  if (located) return { file: located[1], line: Number(located[2]), message: located[3] }
  const filed = /^(.+?): (.*)$/.exec(text)
  return filed ? { file: filed[1], message: filed[2] } : { message: text }
}

type Output = { json: boolean }

function finish(
  out: Output,
  ok: boolean,
  result: Record<string, unknown>,
  problems: string[],
  lines: string[],
): number {
  if (out.json) {
    console.log(JSON.stringify({ ok, ...result, problems: problems.map(toProblem) }, null, 2))
  } else {
    for (const problem of problems) console.error(problem)
    for (const line of lines) console.log(line)
  }
  return ok ? 0 : 1
}

function usage(command: string, message: string): number {
  console.error(`${message}\n\n${HELP[command] ?? HELP.main}`)
  return 2
}

/** A progress line on stderr for long builds, only where a person is watching. */
function progress(out: Output) {
  const started = Date.now()
  let shown = false
  return {
    update(done: number, total: number) {
      if (out.json || !process.stderr.isTTY || total < 20 || Date.now() - started < 300) return
      shown = true
      process.stderr.write(`\rbuilding ${done + 1}/${total}…`)
    },
    end() {
      if (shown) process.stderr.write('\r\x1b[K')
    },
  }
}

/** The search file a build wrote, measured: for the JSON result, and as a clause of the summary line. */
function searchSummary(output: BuildOutput): { search: Record<string, unknown> | null; clause: string } {
  const ref = output.manifest.search
  const file = ref && output.files.get(ref.path)
  if (!ref || !file) return { search: null, clause: '' }
  const size = searchSizeOf(file)
  const ratio = Math.round(size.ratio * 100) / 100
  return {
    search: { path: ref.path, ...size, ratio },
    clause: `; search file ${Math.ceil(size.bytes / 1024)} KB, ${Math.ceil(size.gzipBytes / 1024)} KB gzip, ${ratio.toFixed(2)} × the bodies' text`,
  }
}

async function build(args: string[], into: string | undefined, out: Output): Promise<number> {
  const [srcDir, outDir] = args
  if (!srcDir || (!outDir && !into)) return usage('build', 'build needs <srcDir> and <outDir> (or --into)')
  if (outDir && into) return usage('build', 'give <outDir> or --into <published>, not both')
  const line = progress(out)
  const result = await buildContent(path.resolve(srcDir), { onProgress: line.update })
  line.end()
  if (result.kind === 'error') {
    return finish(out, false, { command: 'build' }, result.problems, [
      `${result.problems.length} problem(s); nothing was written`,
    ])
  }
  if (into) return buildInto(into, result.output, out)
  await writeOutput(outDir, result.output.files)
  const { manifest } = result.output
  const { search, clause } = searchSummary(result.output)
  return finish(
    out,
    true,
    {
      command: 'build',
      outDir,
      installments: manifest.installments.length,
      contentVersion: manifest.contentVersion,
      search,
    },
    [],
    [
      `built ${manifest.installments.length} installment(s) into ${outDir} (content version ${manifest.contentVersion})${clause}`,
    ],
  )
}

async function buildInto(folder: string, output: BuildOutput, out: Output): Promise<number> {
  const result = await publishInto(folder, output)
  if (result.kind === 'error')
    return finish(out, false, { command: 'build' }, result.problems, [
      `${result.problems.length} problem(s); nothing was written`,
    ])
  const { contentVersion, installments } = output.manifest
  const { search, clause } = searchSummary(output)
  return finish(
    out,
    true,
    { command: 'build', into: folder, installments: installments.length, contentVersion, ...result, search },
    [],
    [
      `added edition ${contentVersion} to ${folder}: ${result.added.length} new file(s), ${result.reused} unchanged; ${result.editions} edition(s) kept${clause}`,
    ],
  )
}

async function pruneCommand(args: string[], flags: PruneFlags, out: Output): Promise<number> {
  const [folder] = args
  if (!folder || !isDirectory(folder)) return usage('prune', 'prune needs an existing <published> folder')
  const keep = Number(flags.keep)
  if (!Number.isInteger(keep) || keep < 1) return usage('prune', '--keep must be a whole number, 1 or more')
  const dryRun = flags['dry-run'] ?? false
  const result = await prune(folder, keep, dryRun)
  if (result.kind === 'error') return finish(out, false, { command: 'prune' }, result.problems, [])
  const verb = dryRun ? 'would remove' : 'removed'
  return finish(
    out,
    true,
    { command: 'prune', folder, dryRun, ...result },
    [],
    [
      ...result.removed.map((rel) => `${verb} ${rel}`),
      `${verb} ${result.removed.length} file(s), ${Math.ceil(result.bytes / 1024)} KB; kept edition(s) ${result.kept.join(', ')}`,
    ],
  )
}

type PruneFlags = { keep?: string; 'dry-run'?: boolean }

async function validate(args: string[], out: Output): Promise<number> {
  const [target] = args
  if (!target) return usage('validate', 'validate needs a folder, an https URL or a file')
  let problems: string[]
  let installments: number | null = null
  if (/^https?:\/\//.test(target)) {
    const summary = await verifyContent(urlReader(target)).catch((e: Error) => ({
      problems: [`${target}: ${e.message}`],
      manifest: null,
    }))
    problems = summary.problems
    installments = summary.manifest?.installments.length ?? null
  } else if (isDirectory(target) || path.basename(target) === 'manifest.json') {
    const summary = await verifyContent(folderReader(isDirectory(target) ? target : path.dirname(target)))
    problems = summary.problems
    installments = summary.manifest?.installments.length ?? null
  } else if (existsSync(target)) {
    problems = await verifyInstallmentFile(target)
  } else {
    return usage('validate', `${target}: no such folder or file`)
  }
  const ok = problems.length === 0
  const what = installments === null ? target : `${installments} installment(s) in ${target}`
  return finish(
    out,
    ok,
    { command: 'validate', target, installments },
    problems,
    ok ? [`valid: ${what}`] : [`${problems.length} problem(s)`],
  )
}

async function existingKeys(srcDir: string): Promise<{ numbers: Set<number>; ids: Set<string> }> {
  const numbers = new Set<number>()
  const ids = new Set<string>()
  for (const name of await fs.readdir(srcDir)) {
    if (!name.endsWith('.md') || name === SERIES_FILE || name === 'README.md' || isTranslation(name)) continue
    try {
      const { data } = matter(await fs.readFile(path.join(srcDir, name), 'utf8'), {})
      if (typeof data.number === 'number') numbers.add(data.number)
      if (typeof data.id === 'string') ids.add(data.id)
    } catch {
      // A source that does not parse is the build's to report; it cannot collide with a new number.
    }
  }
  return { numbers, ids }
}

/** What an editor does to translate `file`: said by `new` and `import` once they have written it. */
export function translationHint(file: string): string {
  return `to add an English translation: an en: block in the front matter of ${file} and ${translationOf(file)} beside it, block for block with its body (see "Adding an English translation" in content/README.md)`
}

/** The English front matter: commented out (the editor fills it in when there is a translation) or not. */
function enBlock(name: string, on: boolean): string {
  const c = on ? '' : '# '
  return `# English, optional: the en: block here and the body in ${translationOf(name)}, block for
# block with the body below (content/README.md, "Adding an English translation").
${c}en:
${c}  title: "The title in English"
${c}  summary: One or two sentences for the list, in English.
${c}  interviewee: { name: Name in English, role: Role in English, organization: Organization in English }
${c}  tags: [] # one English tag for each tag above, in the same order
`
}

/** The scaffold's example body in English, block for block. */
export const SCAFFOLD_EN = `## A heading

Q: The first question, in English?

A: The answer, in English. **Bold** and *italic* work here too.

> A line worth quoting on its own.
> — Speaker
`

export function scaffold(number: number, title: string, today: string, en = false): string {
  return `---
id: installment-${number}
number: ${number}
title: ${JSON.stringify(title)}
interviewee:
  name: 受访者姓名
  role: 职务或岗位
  # one of: scientist | entrepreneur | engineer | worker
  group: scientist
  organization: 所在单位
publishedAt: ${today}
summary: 一两句话的摘要，显示在列表里。
tags: []
# cover: media/cover.png
# sample: true
${enBlock(scaffoldName(number), en)}---

## 小标题

问：第一个问题写在这里？

答：回答写在这里。**加粗**和*斜体*都可以用。

> 一句值得单独引出的话。
> — 说话人
`
}

const scaffoldName = (number: number) => `${String(number).padStart(3, '0')}-installment-${number}.md`

async function scaffoldNew(
  args: string[],
  flags: { number?: string; title?: string; en?: boolean },
  out: Output,
): Promise<number> {
  const [srcDir] = args
  const number = Number(flags.number)
  if (!srcDir || !isDirectory(srcDir)) return usage('new', 'new needs an existing <srcDir>')
  if (!Number.isInteger(number) || number < 1 || number > 999)
    return usage('new', '--number must be a whole number from 1 to 999')
  if (!flags.title?.trim()) return usage('new', '--title is required')
  const file = path.join(srcDir, scaffoldName(number))
  const enFile = translationOf(file)
  const taken = await existingKeys(srcDir)
  const problems = [
    ...(taken.numbers.has(number) ? [`${srcDir}: number ${number} is already used`] : []),
    ...(taken.ids.has(`installment-${number}`)
      ? [`${srcDir}: id installment-${number} is already used`]
      : []),
    ...(existsSync(file) ? [`${file}: already exists`] : []),
    ...(flags.en && existsSync(enFile) ? [`${enFile}: already exists`] : []),
  ]
  if (problems.length) return finish(out, false, { command: 'new' }, problems, [])
  const en = flags.en ?? false
  await fs.writeFile(file, scaffold(number, flags.title.trim(), new Date().toISOString().slice(0, 10), en))
  if (en) await fs.writeFile(enFile, SCAFFOLD_EN)
  return finish(
    out,
    true,
    { command: 'new', file, enFile: en ? enFile : null },
    [],
    en
      ? [
          `created ${file}`,
          `created ${enFile}`,
          `translate the en: block of ${file} and ${enFile}, block for block with its body (see "Adding an English translation" in content/README.md)`,
        ]
      : [`created ${file}`, translationHint(file)],
  )
}

type ImportFlags = {
  number?: string
  id?: string
  interviewer?: string
  interviewee?: string
  force?: boolean
}

async function importCommand(
  args: string[],
  flags: ImportFlags,
  out: Output,
  fetcher?: Fetcher,
): Promise<number> {
  const [input, contentDir] = args
  if (!input || !contentDir || args.length > 2)
    return usage('import', 'import needs <article.html | https-url> and <srcDir>')
  const number = flags.number === undefined ? undefined : Number(flags.number)
  if (number !== undefined && (!Number.isInteger(number) || number < 1 || number > 999))
    return usage('import', '--number must be a whole number from 1 to 999')
  if (flags.id !== undefined && !v.is(idSchema, flags.id))
    return usage('import', '--id must be kebab-case: lowercase letters, digits and dashes')
  if (!/^https?:\/\//i.test(input) && !existsSync(input)) return usage('import', `${input}: no such file`)
  if (!isDirectory(contentDir)) return usage('import', `${contentDir}: no such folder`)
  const result = await importArticle(input, contentDir, { ...flags, number, fetch: fetcher })
  if (!out.json) for (const warning of result.warnings) console.error(warning)
  if (result.kind === 'error') {
    return finish(
      out,
      false,
      { command: 'import', file: null, media: [], warnings: result.warnings, todos: [] },
      result.problems,
      [`${result.problems.length} problem(s); nothing was written`],
    )
  }
  const { file, media, warnings, todos } = result
  const fill = todos.length ? `; fill in: ${todos.join(', ')}` : ''
  return finish(
    out,
    true,
    { command: 'import', file, media, warnings, todos },
    [],
    [
      `imported ${file} (${media.length} image${media.length === 1 ? '' : 's'})${fill}`,
      translationHint(file),
    ],
  )
}

/** Runs until Ctrl-C, then closes everything it opened. */
async function previewCommand(args: string[], portArg: string | undefined): Promise<number> {
  const [src = 'content', extra] = args
  if (extra) return usage('preview', `unexpected argument "${extra}"`)
  const port = portArg === undefined ? PREVIEW_PORT : Number(portArg)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return usage('preview', `--port must be a port number, not "${portArg}"`)
  if (!isDirectory(src)) return usage('preview', `${src}: no such folder`)
  const appDir = path.resolve(__dirname, '..', '..', 'dist', 'h5-preview')
  if (!existsSync(path.join(appDir, 'index.html'))) {
    console.log('building the browser app for the preview (once)…')
    const built = spawnSync('npm', ['run', '--silent', 'build:h5:preview'], { stdio: 'inherit' })
    if (built.status !== 0) return 1
  }
  let preview: Preview
  try {
    preview = await startPreview({ src, appDir, port, log: (line) => console.log(line) })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    console.error(code === 'EADDRINUSE' ? `port ${port} is in use; try --port ${port + 1}` : String(error))
    return 1
  }
  console.log(`preview of ${src}/ on ${preview.url}/ — save a file to see it; Ctrl-C stops it`)
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()))
  await preview.close()
  return 0
}

export async function main(argv: string[], fetcher?: Fetcher): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        number: { type: 'string' },
        title: { type: 'string' },
        id: { type: 'string' },
        interviewer: { type: 'string' },
        interviewee: { type: 'string' },
        force: { type: 'boolean', default: false },
        into: { type: 'string' },
        keep: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        port: { type: 'string' },
        en: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    return usage('main', (error as Error).message)
  }
  const [command, ...rest] = parsed.positionals
  const out: Output = { json: parsed.values.json ?? false }
  if (parsed.values.help || !command) {
    console.log(HELP[command ?? 'main'] ?? HELP.main)
    return command || parsed.values.help ? 0 : 2
  }
  switch (command) {
    case 'build':
      return build(rest, parsed.values.into, out)
    case 'prune':
      return pruneCommand(rest, parsed.values, out)
    case 'validate':
      return validate(rest, out)
    case 'new':
      return scaffoldNew(rest, parsed.values, out)
    case 'import':
      return importCommand(rest, parsed.values, out, fetcher)
    case 'preview':
      return previewCommand(rest, parsed.values.port)
    default:
      return usage('main', `unknown command "${command}"`)
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
