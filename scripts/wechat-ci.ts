/**
 * What every script that sends the mini program to WeChat with miniprogram-ci shares (`npm run release`,
 * `npm run preview:weapp`): the appid and upload key it needs, checked the same way and worded the same
 * way; the note on the upload IP whitelist when WeChat refuses; the production build; and the
 * miniprogram-ci project, which is loaded only when something is really sent.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const TOURIST_APPID = 'touristappid'

export type Key = { privateKey: string } | { privateKeyPath: string }
export type Credentials = { appid: string; key: Key }

function readAppid(root: string): string | null {
  try {
    const config = JSON.parse(readFileSync(path.join(root, 'project.config.json'), 'utf8')) as {
      appid?: unknown
    }
    return typeof config.appid === 'string' ? config.appid : null
  } catch {
    return null
  }
}

function appidProblem(appid: string | null): string | null {
  if (!appid) return 'project.config.json: no appid'
  if (appid === TOURIST_APPID)
    return "project.config.json: appid is the tourist appid, which cannot upload; put your mini program's appid there"
  if (!/^wx[0-9a-f]{16}$/.test(appid))
    return `project.config.json: "${appid}" is not an appid (wx and 16 hex digits)`
  return null
}

function keyFrom(env: Record<string, string | undefined>): Key | string {
  const inline = env.MP_PRIVATE_KEY?.trim()
  if (inline) return { privateKey: inline }
  const file = env.MP_PRIVATE_KEY_PATH?.trim()
  if (!file)
    return 'no upload key: set MP_PRIVATE_KEY (the key) or MP_PRIVATE_KEY_PATH (its file); see "Running it in production" in the README'
  return existsSync(file) ? { privateKeyPath: file } : `MP_PRIVATE_KEY_PATH: ${file} does not exist`
}

/**
 * The appid (project.config.json) and the upload key (MP_PRIVATE_KEY or MP_PRIVATE_KEY_PATH), or every
 * reason one is missing, so a caller can list them with its own refusals before building anything.
 */
export function credentials(root: string, env: Record<string, string | undefined>): Credentials | string[] {
  const appid = readAppid(root)
  const key = keyFrom(env)
  const problems = [appidProblem(appid), typeof key === 'string' ? key : null].filter(
    (p): p is string => p !== null,
  )
  return problems.length || !appid || typeof key === 'string' ? problems : { appid, key }
}

/** miniprogram-ci's robots are numbered 1 to 30; each shows as its own uploader in the console. */
export function robotProblem(robot: number): string | null {
  return Number.isInteger(robot) && robot >= 1 && robot <= 30
    ? null
    : '--robot must be a whole number from 1 to 30'
}

/**
 * What to say when WeChat refuses what was sent: a key that is wrong and a machine whose IP is not on
 * the upload whitelist are the usual causes, and WeChat's own message rarely says which.
 */
export function refusedLines(tool: string, what: string, error: unknown): string[] {
  const message = error instanceof Error ? error.message : String(error)
  return [
    `${tool}: ${what} failed: ${message}`,
    `${tool}: check the key and that this machine's IP is on the upload whitelist`,
  ]
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

export type BuildTarget = {
  /** The folder under dist/ (LRE_DIST); `weapp` is the product's own. */
  dist: string
  /** A bundled-content folder to build around (LRE_BUNDLED_DIR); null for the copy the app ships. */
  bundledDir: string | null
}

/**
 * `npm run build:weapp` for production into dist/<dist>, true when it wrote a fresh app.json. The
 * caller's LRE_DIST and LRE_BUNDLED_DIR (a shell set up for test builds) are dropped so only the
 * target decides what is built; the content URL stays.
 */
export function buildWeapp(root: string, target: BuildTarget): boolean {
  const { LRE_DIST: _dist, LRE_BUNDLED_DIR: _bundled, ...env } = process.env
  const started = Date.now()
  const built = spawnSync('npm', ['run', 'build:weapp'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...env,
      NODE_ENV: 'production',
      ...(target.dist === 'weapp' ? {} : { LRE_DIST: target.dist }),
      ...(target.bundledDir ? { LRE_BUNDLED_DIR: target.bundledDir } : {}),
    },
  })
  const appJson = path.join(root, 'dist', target.dist, 'app.json')
  return built.status === 0 && existsSync(appJson) && statSync(appJson).mtimeMs >= started - 1000
}

export type MiniprogramCi = typeof import('miniprogram-ci')

/** miniprogram-ci, loaded only when something is really sent: it is large and slow to load. */
export function loadMiniprogramCi(): MiniprogramCi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('miniprogram-ci') as MiniprogramCi
}

/** The miniprogram-ci project for a built mini program, signed with the upload key. */
export function ciProject(
  ci: MiniprogramCi,
  { appid, projectPath, key }: Credentials & { projectPath: string },
): InstanceType<MiniprogramCi['Project']> {
  return new ci.Project({ appid, type: 'miniProgram', projectPath, ...key, ignores: [] })
}

/** The settings both upload and preview compile with: the build is already ES5 and minified by Taro. */
export const CI_SETTING = { es6: false, minify: true } as const
