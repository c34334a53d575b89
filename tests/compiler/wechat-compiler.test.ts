/**
 * The official WeChat compiler (miniprogram-ci, pinned) accepts dist/weapp offline, and its code
 * quality check passes on every item. A throwaway RSA key and a placeholder appid stand in for a
 * real account; `project.attr` returns the tool's defaults instead of asking WeChat's servers.
 *
 * miniprogram-ci logs its failed attempts to reach WeChat's servers and keeps a file watcher open;
 * both are expected offline (the watcher is why `npm test` runs jest with --forceExit).
 */
import { generateKeyPairSync } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ci = require('miniprogram-ci') as typeof import('miniprogram-ci')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DefaultProjectAttr } = require('miniprogram-ci/dist/config/config') as { DefaultProjectAttr: unknown }

const DIST = path.resolve(__dirname, '..', '..', 'dist', 'weapp')
const PLACEHOLDER_APPID = 'wx0000000000000000'

type Item = { name: string; success: boolean; text?: string; detail?: unknown }

let workDir: string
let privateKeyPath: string

function projectAt(projectPath: string) {
  const project = new ci.Project({
    appid: PLACEHOLDER_APPID,
    type: 'miniProgram',
    projectPath,
    privateKeyPath,
    ignores: [],
  })
  ;(project as unknown as { attr: () => Promise<unknown> }).attr = async () => DefaultProjectAttr
  return project
}

/** An item fails when it says so, or when it lists offenders (unused code is listed, not failed). */
function problems(items: Item[]) {
  return items
    .filter((i) => !i.success || (Array.isArray(i.detail) && i.detail.length > 0))
    .map((i) => ({ name: i.name, detail: i.detail }))
}

beforeAll(() => {
  if (!existsSync(path.join(DIST, 'app.json'))) throw new Error('run `npm run build:weapp` first')
  jest.spyOn(console, 'log').mockImplementation(() => undefined)
  jest.spyOn(console, 'error').mockImplementation(() => undefined)
  workDir = mkdtempSync(path.join(tmpdir(), 'lre-ci-'))
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  privateKeyPath = path.join(workDir, 'private.key')
  writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }))
})

afterAll(() => {
  jest.restoreAllMocks()
  rmSync(workDir, { recursive: true, force: true })
})

test('getCompiledResult compiles every page, and packs the sitemap', async () => {
  const result = await ci.getCompiledResult({
    project: projectAt(DIST),
    version: '0.0.0',
    setting: { es6: false, minify: true },
  })
  const files = Object.keys(result)
  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    pages: string[]
    subPackages: Array<{ root: string; pages: string[] }>
  }
  const pages = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
  expect(pages.filter((page) => !files.some((f) => f.includes(page)))).toEqual([])
  // The sitemap app.json names is part of what the compiler packs, as WeChat search will read it.
  expect(files).toContain('sitemap.json')
}, 120_000)

test('checkCodeQuality passes on every item: compression, lazy code loading, package size, no unused files', async () => {
  const items = (await ci.checkCodeQuality(projectAt(DIST))) as Item[]
  expect(items.map((i) => i.name)).toEqual(
    expect.arrayContaining([
      'JS_COMPRESS_OPEN',
      'WXML_COMPRESS_OPEN',
      'WXSS_COMPRESS_OPEN',
      'LAZYCODE_LOADING_OPEN',
      'PACKAGE_SIZE_LIMIT',
      'CONTAINS_UNUSED_CODES',
    ]),
  )
  expect(problems(items)).toEqual([])
}, 120_000)

test('the same check does catch an unminified build with an unused file (control)', async () => {
  const copy = path.join(workDir, 'weapp-copy')
  cpSync(DIST, copy, { recursive: true })
  writeFileSync(path.join(copy, 'orphan.js'), "console.log('never required')\n")
  const config = JSON.parse(readFileSync(path.join(copy, 'project.config.json'), 'utf8'))
  writeFileSync(
    path.join(copy, 'project.config.json'),
    JSON.stringify({ ...config, setting: { ...config.setting, minified: false } }),
  )
  const found = problems((await ci.checkCodeQuality(projectAt(copy))) as Item[])
  expect(found).toEqual(
    expect.arrayContaining([
      { name: 'JS_COMPRESS_OPEN', detail: undefined },
      { name: 'CONTAINS_UNUSED_CODES', detail: ['orphan.js'] },
    ]),
  )
}, 120_000)
