/**
 * `npm run preview:weapp -- [--content <src>] [--desc "<text>"] [--robot N] [--dry-run]`: builds the
 * production mini program and sends it to WeChat with miniprogram-ci's `preview`, which answers with a
 * QR code: it is drawn in the terminal and saved as dist/preview-qrcode.png, and a tester who is one of
 * the mini program's members scans it with WeChat to run this build on a phone before it is published.
 *
 * Content: by default the copy the app ships (src/content/bundled/, not re-bundled). With --content, the
 * Markdown folder <src> is bundled with the editors' builder into a temporary folder under dist/, and
 * the app is built around it (LRE_BUNDLED_DIR); src/content/bundled/ is never touched. Either way the
 * build goes to dist/weapp-preview/ (LRE_DIST), so the product's dist/weapp/ is left as it is.
 *
 * Refusals are release's (scripts/wechat-ci.ts): the appid in project.config.json and the upload key
 * (MP_PRIVATE_KEY or MP_PRIVATE_KEY_PATH), all listed before anything is built. Unlike a release it does
 * not ask for a clean working tree: previewing work in progress is the point. `--dry-run` bundles and
 * builds the same way (the package sizes are the build's), then prints what it would send and sends
 * nothing. Exit codes: 0 sent (or dry run done), 1 refused or failed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import sharp from 'sharp'

import { bundle, fromHere } from './bundle-content'
import { writeOutput } from './content/build'
import { packageProblems, packageSizes } from './packages'
import {
  buildWeapp,
  CI_SETTING,
  ciProject,
  credentials,
  kb,
  loadMiniprogramCi,
  refusedLines,
  robotProblem,
  type BuildTarget,
  type Credentials,
  type Key,
} from './wechat-ci'

const ROOT = path.resolve(__dirname, '..')
/** Beside the product's dist/weapp, which DevTools and `npm run dev:weapp` use. */
export const PREVIEW_DIST = 'weapp-preview'
export const QR_FILE = 'preview-qrcode.png'
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export type PreviewRequest = {
  appid: string
  projectPath: string
  key: Key
  desc: string
  robot: number
  /** Always an image file: the terminal drawing is made from it, so one preview gives both. */
  qrcodeFormat: 'image'
  qrcodeOutputDest: string
}

export type PreviewDeps = {
  root: string
  env: Record<string, string | undefined>
  build: (root: string, target: BuildTarget) => boolean
  preview: (request: PreviewRequest) => Promise<void>
  /** The QR code in the PNG, drawn with characters for the terminal. */
  terminalQr: (png: string) => Promise<string>
  out: (line: string) => void
  err: (line: string) => void
}

type Plan = Credentials & { desc: string; robot: number; dryRun: boolean; content: string | null }

/** Every reason not to preview, all at once; nothing has been bundled, built or sent yet. */
function plan(argv: string[], deps: PreviewDeps): Plan | string[] {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        content: { type: 'string' },
        desc: { type: 'string' },
        robot: { type: 'string', default: '1' },
        'dry-run': { type: 'boolean', default: false },
      },
    }).values
  } catch (error) {
    return [(error as Error).message]
  }
  const problems: string[] = []
  const content = values.content === undefined ? null : path.resolve(deps.root, values.content)
  if (content !== null && !(existsSync(content) && statSync(content).isDirectory()))
    problems.push(`--content ${values.content}: no such folder`)
  const robot = Number(values.robot)
  const robotWrong = robotProblem(robot)
  if (robotWrong) problems.push(robotWrong)
  const creds = credentials(deps.root, deps.env)
  if (Array.isArray(creds)) problems.push(...creds)
  if (problems.length || Array.isArray(creds)) return problems
  const desc =
    values.desc?.trim() || `preview: ${content ? `content from ${values.content}` : 'the shipped content'}`
  return { ...creds, desc, robot, dryRun: values['dry-run'] ?? false, content }
}

/** Folders this run made and must not leave behind, also when it is interrupted (see the entry point). */
const temporary = new Set<string>()

export function removeTemporary(): void {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true })
  temporary.clear()
}

/**
 * WeChat's preview image is not promised to be a PNG (miniprogram-ci labels its base64 form JPEG);
 * testers are told to open a .png, so whatever came is made one.
 */
async function ensurePng(file: string): Promise<void> {
  const bytes = readFileSync(file)
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return
  writeFileSync(file, await sharp(bytes).png().toBuffer())
}

export async function previewWeapp(argv: string[], deps: PreviewDeps): Promise<number> {
  const checked = plan(argv, deps)
  if (Array.isArray(checked)) {
    for (const problem of checked) deps.err(`preview: ${problem}`)
    deps.err('preview: nothing was built or sent')
    return 1
  }
  const distDir = path.join(deps.root, 'dist')
  mkdirSync(distDir, { recursive: true })
  let bundledDir: string | null = null
  try {
    if (checked.content) {
      // Inside the checkout, like dist/fixture-bundled: the build's copy patterns and loaders take
      // paths relative to it.
      bundledDir = mkdtempSync(path.join(distDir, '.preview-content-'))
      temporary.add(bundledDir)
      const files = await bundle(
        checked.content,
        { contentUrl: deps.env.TARO_APP_CONTENT_URL || undefined },
        deps.out,
      )
      if (Array.isArray(files)) {
        for (const problem of files) deps.err(`preview: ${fromHere(checked.content, problem)}`)
        deps.err(`preview: ${files.length} problem(s) in the content; nothing was built or sent`)
        return 1
      }
      await writeOutput(bundledDir, files)
    }
    return await buildAndSend(checked, bundledDir, deps)
  } finally {
    if (bundledDir) {
      rmSync(bundledDir, { recursive: true, force: true })
      temporary.delete(bundledDir)
    }
  }
}

async function buildAndSend(checked: Plan, bundledDir: string | null, deps: PreviewDeps): Promise<number> {
  const projectPath = path.join(deps.root, 'dist', PREVIEW_DIST)
  // A failed build must leave no mix of an older preview and half of this one, which could be sent.
  rmSync(projectPath, { recursive: true, force: true })
  if (!deps.build(deps.root, { dist: PREVIEW_DIST, bundledDir })) {
    rmSync(projectPath, { recursive: true, force: true })
    deps.err('preview: the production build failed; nothing was sent')
    return 1
  }
  const tooLarge = packageProblems(projectPath)
  if (tooLarge.length) {
    for (const problem of tooLarge) deps.err(`preview: ${problem}`)
    deps.err(
      'preview: WeChat would refuse this build; nothing was sent (see README: when content does not fit)',
    )
    return 1
  }
  const qrFile = path.join(deps.root, 'dist', QR_FILE)
  const sizes = packageSizes(projectPath)
  const summary = [
    `appid ${checked.appid}, robot ${checked.robot}`,
    `description: ${checked.desc}`,
    `content: ${checked.content ?? 'the bundled copy the app ships (src/content/bundled)'}`,
    ...sizes.map((s) => `package ${s.name}: ${kb(s.bytes)}`),
    `total: ${kb(sizes.reduce((sum, s) => sum + s.bytes, 0))}`,
  ]
  if (checked.dryRun) {
    deps.out(`dry run: would send ${projectPath} for a preview`)
    summary.forEach((line) => deps.out(`  ${line}`))
    deps.out(`  the QR code would be saved as ${qrFile}`)
    deps.out("  sent from this machine, whose IP must be on the mini program's upload IP whitelist")
    return 0
  }
  // A QR code left by an earlier preview must never pass for this one's.
  rmSync(qrFile, { force: true })
  const { appid, key, desc, robot } = checked
  try {
    await deps.preview({
      appid,
      projectPath,
      key,
      desc,
      robot,
      qrcodeFormat: 'image',
      qrcodeOutputDest: qrFile,
    })
  } catch (error) {
    rmSync(qrFile, { force: true })
    for (const line of refusedLines('preview', 'the preview', error)) deps.err(line)
    return 1
  }
  if (!existsSync(qrFile)) {
    deps.err(`preview: WeChat accepted the preview, but no QR code was saved at ${qrFile}`)
    return 1
  }
  await ensurePng(qrFile)
  try {
    deps.out(await deps.terminalQr(qrFile))
  } catch (error) {
    // The PNG is what testers need; the drawing is a convenience.
    deps.err(`preview: could not draw the QR code in the terminal (${String(error)}); open the PNG`)
  }
  deps.out(`sent ${projectPath} for a preview: scan the QR code with WeChat`)
  summary.forEach((line) => deps.out(`  ${line}`))
  deps.out(`QR code: ${qrFile}`)
  return 0
}

/** miniprogram-ci's preview, loaded only when a preview is really sent. */
async function previewWithMiniprogramCi(request: PreviewRequest): Promise<void> {
  const ci = loadMiniprogramCi()
  await ci.preview({
    project: ciProject(ci, request),
    // Its types ask for a version, as upload's do; preview sends its own (a preview has none).
    version: '0.0.1',
    desc: request.desc,
    robot: request.robot,
    setting: CI_SETTING,
    qrcodeFormat: request.qrcodeFormat,
    qrcodeOutputDest: request.qrcodeOutputDest,
  })
}

/** miniprogram-ci's own terminal drawing (it decodes the image, then draws the code it read). */
export async function drawWithMiniprogramCi(png: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateTerminalQrcode } = require('miniprogram-ci/dist/ci/utils/terminalQrcode') as {
    generateTerminalQrcode: (base64: string) => Promise<string>
  }
  return generateTerminalQrcode(readFileSync(png).toString('base64'))
}

const defaultDeps: PreviewDeps = {
  root: ROOT,
  env: process.env,
  build: buildWeapp,
  preview: previewWithMiniprogramCi,
  terminalQr: drawWithMiniprogramCi,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}

if (require.main === module) {
  // Ctrl-C reaches the build too, which then fails; the temporary content folder goes either way.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.on(signal, () => {
      removeTemporary()
      process.exit(code)
    })
  previewWeapp(process.argv.slice(2), defaultDeps).then(
    (code) => process.exit(code),
    (error: unknown) => {
      removeTemporary()
      console.error(error)
      process.exit(1)
    },
  )
}
