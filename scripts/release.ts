/**
 * `npm run release -- --version <semver> --desc "<text>" [--robot N] [--dry-run]`: builds the production
 * mini program and uploads it with miniprogram-ci as a development version, which the mp admin console
 * can then submit for review. Every refusal comes before anything is built. `--dry-run` checks and
 * builds the same way, then prints what it would upload instead of uploading.
 *
 * The appid is read from project.config.json; the upload key from MP_PRIVATE_KEY (the key itself) or
 * MP_PRIVATE_KEY_PATH (a file). Exit codes: 0 uploaded (or dry run done), 1 refused or failed.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { parseArgs } from 'node:util'

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
  type Key,
} from './wechat-ci'

export { packageSizes, type PackageSize } from './packages'
export type { Key } from './wechat-ci'

const ROOT = path.resolve(__dirname, '..')
/** semver.org's own pattern, without the leading v. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

export type UploadRequest = {
  appid: string
  projectPath: string
  key: Key
  version: string
  desc: string
  robot: number
}

export type ReleaseDeps = {
  root: string
  env: Record<string, string | undefined>
  /** `git status --porcelain`: the files that differ from the last commit. */
  dirtyFiles: (root: string) => string[]
  build: (root: string) => boolean
  upload: (request: UploadRequest) => Promise<void>
  out: (line: string) => void
  err: (line: string) => void
}

type Plan = { version: string; desc: string; robot: number; dryRun: boolean; appid: string; key: Key }

/** Every reason not to release, all at once; nothing has been built or uploaded yet. */
function plan(argv: string[], deps: ReleaseDeps): Plan | string[] {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        version: { type: 'string' },
        desc: { type: 'string' },
        robot: { type: 'string', default: '1' },
        'dry-run': { type: 'boolean', default: false },
      },
    }).values
  } catch (error) {
    return [(error as Error).message]
  }
  const problems: string[] = []
  const version = values.version?.trim() ?? ''
  if (!SEMVER.test(version))
    problems.push(`--version ${version ? `"${version}" is not` : 'must be'} a semantic version, e.g. 1.4.0`)
  const desc = values.desc?.trim() ?? ''
  if (!desc) problems.push('--desc is required: what changed, as reviewers will read it')
  const robot = Number(values.robot)
  const robotWrong = robotProblem(robot)
  if (robotWrong) problems.push(robotWrong)
  const creds = credentials(deps.root, deps.env)
  if (Array.isArray(creds)) problems.push(...creds)
  const dirty = deps.dirtyFiles(deps.root)
  if (dirty.length)
    problems.push(
      `the working tree has uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}); release what is committed`,
    )
  if (problems.length || Array.isArray(creds)) return problems
  return { version, desc, robot, dryRun: values['dry-run'] ?? false, ...creds }
}

export async function release(argv: string[], deps: ReleaseDeps): Promise<number> {
  const checked = plan(argv, deps)
  if (Array.isArray(checked)) {
    for (const problem of checked) deps.err(`release: ${problem}`)
    deps.err('release: nothing was built or uploaded')
    return 1
  }
  if (!deps.build(deps.root)) {
    deps.err('release: the production build failed; nothing was uploaded')
    return 1
  }
  const projectPath = path.join(deps.root, 'dist', 'weapp')
  const tooLarge = packageProblems(projectPath)
  if (tooLarge.length) {
    for (const problem of tooLarge) deps.err(`release: ${problem}`)
    deps.err(
      'release: WeChat would refuse this upload; nothing was uploaded (see README: when content does not fit)',
    )
    return 1
  }
  const sizes = packageSizes(projectPath)
  const summary = [
    `appid ${checked.appid}, version ${checked.version}, robot ${checked.robot}`,
    `description: ${checked.desc}`,
    ...sizes.map((s) => `package ${s.name}: ${kb(s.bytes)}`),
    `total: ${kb(sizes.reduce((sum, s) => sum + s.bytes, 0))}`,
  ]
  if (checked.dryRun) {
    deps.out(`dry run: would upload ${projectPath}`)
    summary.forEach((line) => deps.out(`  ${line}`))
    return 0
  }
  const { appid, key, version, desc, robot } = checked
  try {
    await deps.upload({ appid, projectPath, key, version, desc, robot })
  } catch (error) {
    for (const line of refusedLines('release', 'the upload', error)) deps.err(line)
    return 1
  }
  deps.out(`uploaded ${projectPath}`)
  summary.forEach((line) => deps.out(`  ${line}`))
  return 0
}

/** miniprogram-ci's upload, loaded only when a release really uploads. */
async function uploadWithMiniprogramCi(request: UploadRequest): Promise<void> {
  const ci = loadMiniprogramCi()
  await ci.upload({
    project: ciProject(ci, request),
    version: request.version,
    desc: request.desc,
    robot: request.robot,
    setting: CI_SETTING,
  })
}

const defaultDeps: ReleaseDeps = {
  root: ROOT,
  env: process.env,
  dirtyFiles: (root) => {
    const result = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' })
    if (result.status !== 0) return ['(not a git checkout)']
    return result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3))
  },
  build: (root) => buildWeapp(root, { dist: 'weapp', bundledDir: null }),
  upload: uploadWithMiniprogramCi,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}

if (require.main === module) {
  release(process.argv.slice(2), defaultDeps).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
