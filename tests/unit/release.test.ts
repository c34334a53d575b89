/**
 * `npm run release`, offline: the uploader, the build and git are injected, so every refusal, the dry
 * run and the exact upload request are checked without WeChat's servers.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { packageSizes, release, type ReleaseDeps, type UploadRequest } from '../../scripts/release'

const APPID = 'wx0123456789abcdef'
let root: string
let keyFile: string

/** A checkout with a project.config.json and a built dist/weapp: a main package and one subpackage. */
function checkout(appid: string | null) {
  root = mkdtempSync(path.join(tmpdir(), 'lre-release-'))
  writeFileSync(path.join(root, 'project.config.json'), JSON.stringify(appid ? { appid } : {}))
  const dist = path.join(root, 'dist', 'weapp')
  mkdirSync(path.join(dist, 'pages', 'reader'), { recursive: true })
  writeFileSync(path.join(dist, 'app.json'), JSON.stringify({ subPackages: [{ root: 'pages/reader' }] }))
  writeFileSync(path.join(dist, 'app.js'), 'x'.repeat(2048))
  writeFileSync(path.join(dist, 'pages', 'reader', 'index.js'), 'y'.repeat(1024))
  keyFile = path.join(root, 'private.key')
  writeFileSync(keyFile, '-----BEGIN RSA PRIVATE KEY-----\n…\n-----END RSA PRIVATE KEY-----\n')
}

afterEach(() => rmSync(root, { recursive: true, force: true }))

type Run = { code: number; out: string[]; err: string[]; built: number; uploads: UploadRequest[] }

type RunOptions = { env?: Record<string, string>; dirty?: string[] } & Partial<
  Pick<ReleaseDeps, 'build' | 'upload'>
>

/** release() with recording fakes; `build` and `upload` can be replaced, and are still counted. */
async function run(argv: string[], { env, dirty = [], build, upload }: RunOptions = {}): Promise<Run> {
  const result: Run = { code: -1, out: [], err: [], built: 0, uploads: [] }
  const deps: ReleaseDeps = {
    root,
    env: env ?? { MP_PRIVATE_KEY_PATH: keyFile },
    dirtyFiles: () => dirty,
    build: (at) => ++result.built > 0 && (build ? build(at) : true),
    upload: async (request) => {
      result.uploads.push(request)
      await upload?.(request)
    },
    out: (line) => result.out.push(line),
    err: (line) => result.err.push(line),
  }
  result.code = await release(argv, deps)
  return result
}

const GOOD = ['--version', '1.4.0', '--desc', '第 13 期上线']

describe('refusals come before anything is built or uploaded', () => {
  test.each([
    ['no version', ['--desc', 'x'], APPID, {}, '--version must be a semantic version, e.g. 1.4.0'],
    [
      'a version that is not semver',
      ['--version', 'v1.4', '--desc', 'x'],
      APPID,
      {},
      '--version "v1.4" is not a semantic version, e.g. 1.4.0',
    ],
    [
      'no description',
      ['--version', '1.4.0'],
      APPID,
      {},
      '--desc is required: what changed, as reviewers will read it',
    ],
    [
      'a robot out of range',
      [...GOOD, '--robot', '31'],
      APPID,
      {},
      '--robot must be a whole number from 1 to 30',
    ],
    [
      'the tourist appid',
      GOOD,
      'touristappid',
      {},
      "project.config.json: appid is the tourist appid, which cannot upload; put your mini program's appid there",
    ],
    ['no appid', GOOD, null, {}, 'project.config.json: no appid'],
    [
      'a malformed appid',
      GOOD,
      'wx123',
      {},
      'project.config.json: "wx123" is not an appid (wx and 16 hex digits)',
    ],
    [
      'no key at all',
      GOOD,
      APPID,
      { env: {} },
      'no upload key: set MP_PRIVATE_KEY (the key) or MP_PRIVATE_KEY_PATH (its file); see "Running it in production" in the README',
    ],
    [
      'a key path that does not exist',
      GOOD,
      APPID,
      { env: { MP_PRIVATE_KEY_PATH: '/nowhere/key' } },
      'MP_PRIVATE_KEY_PATH: /nowhere/key does not exist',
    ],
    [
      'a dirty tree',
      GOOD,
      APPID,
      { dirty: ['src/app.ts'] },
      'the working tree has uncommitted changes (src/app.ts); release what is committed',
    ],
  ] as const)('%s', async (_name, argv, appid, options, message) => {
    checkout(appid)
    const result = await run([...argv], options as { env?: Record<string, string>; dirty?: string[] })
    expect(result.code).toBe(1)
    expect(result.err).toContain(`release: ${message}`)
    expect(result.err.at(-1)).toBe('release: nothing was built or uploaded')
    expect([result.built, result.uploads.length]).toEqual([0, 0])
  })

  test('every problem is listed in one run', async () => {
    checkout('touristappid')
    const result = await run(['--version', 'next'], { env: {}, dirty: ['a', 'b'] })
    expect(result.err).toHaveLength(6)
  })
})

test('--dry-run builds, then prints what it would upload and uploads nothing', async () => {
  checkout(APPID)
  const result = await run([...GOOD, '--robot', '3', '--dry-run'])
  expect([result.code, result.built, result.uploads.length]).toEqual([0, 1, 0])
  expect(result.out).toEqual([
    `dry run: would upload ${path.join(root, 'dist', 'weapp')}`,
    `  appid ${APPID}, version 1.4.0, robot 3`,
    '  description: 第 13 期上线',
    `  package main: ${((2048 + JSON.stringify({ subPackages: [{ root: 'pages/reader' }] }).length) / 1024).toFixed(1)} KB`,
    '  package pages/reader/: 1.0 KB',
    expect.stringMatching(/^ {2}total: 3\.\d KB$/),
  ])
})

const PEM = '-----BEGIN RSA PRIVATE KEY-----'

test.each([
  ['a key file', () => ({ MP_PRIVATE_KEY_PATH: keyFile }), () => ({ privateKeyPath: keyFile })],
  ['the key itself', () => ({ MP_PRIVATE_KEY: PEM }), () => ({ privateKey: PEM })],
])('uploads the build with %s, the appid, version, description and robot', async (_name, env, key) => {
  checkout(APPID)
  const result = await run(GOOD, { env: env() })
  expect(result.code).toBe(0)
  expect(result.uploads).toEqual([
    {
      appid: APPID,
      projectPath: path.join(root, 'dist', 'weapp'),
      key: key(),
      version: '1.4.0',
      desc: '第 13 期上线',
      robot: 1,
    },
  ])
})

test('a failed build uploads nothing; a failed upload says what to check', async () => {
  checkout(APPID)
  const noBuild = await run(GOOD, { build: () => false })
  expect([noBuild.code, noBuild.built, noBuild.uploads]).toEqual([1, 1, []])
  const refused = await run(GOOD, {
    upload: async () => {
      throw new Error('invalid ip: 203.0.113.7')
    },
  })
  expect(refused.code).toBe(1)
  expect(refused.err).toEqual([
    'release: the upload failed: invalid ip: 203.0.113.7',
    "release: check the key and that this machine's IP is on the upload whitelist",
  ])
})

test('package sizes follow app.json: each subpackage apart from the main package', () => {
  checkout(APPID)
  const sizes = packageSizes(path.join(root, 'dist', 'weapp'))
  expect(sizes.map((s) => s.name)).toEqual(['main', 'pages/reader/'])
  expect(sizes[1].bytes).toBe(1024)
})

describe('a build WeChat would refuse is never uploaded, and the package that breaks a limit is named', () => {
  const MiB = 1024 * 1024
  /** A dist laid out by app.json, with files of the given sizes under each root. */
  function layout(files: Record<string, number>, preload: string[] = ['pages/reader']) {
    const dist = path.join(root, 'dist', 'weapp')
    writeFileSync(
      path.join(dist, 'app.json'),
      JSON.stringify({
        subPackages: [{ root: 'pages/reader' }, { root: 'pages/extra' }],
        preloadRule: { 'pages/index/index': { network: 'all', packages: preload } },
      }),
    )
    for (const [rel, bytes] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true })
      writeFileSync(path.join(dist, rel), Buffer.alloc(bytes))
    }
  }

  test.each([
    ['everything within limits', { 'pages/reader/index.js': MiB }, undefined, []],
    [
      'a subpackage over 2 MiB',
      { 'pages/reader/content.js': 2 * MiB + 1 },
      [],
      ["release: package pages/reader/: 2.00 MiB, over WeChat's 2.00 MiB a package"],
    ],
    [
      'the main package over 2 MiB',
      { 'common.js': 2 * MiB },
      undefined,
      ["release: package main: 2.00 MiB, over WeChat's 2.00 MiB a package"],
    ],
    [
      'a page preloading more than 2 MiB',
      { 'pages/reader/index.js': 1.5 * MiB, 'pages/extra/index.js': 1.5 * MiB },
      ['pages/reader', 'pages/extra'],
      ["release: pages/index/index preloads 3.00 MiB, over WeChat's 2.00 MiB a page"],
    ],
  ])('%s', async (_name, files, preload, problems) => {
    checkout(APPID)
    layout(files, preload)
    const result = await run(GOOD)
    expect(result.err.filter((line) => line.includes('MiB'))).toEqual(problems)
    expect([result.code, result.uploads.length]).toEqual(problems.length ? [1, 0] : [0, 1])
  })
})
