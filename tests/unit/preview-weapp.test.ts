/**
 * `npm run preview:weapp`, offline: the Taro build and miniprogram-ci's preview are injected (a fake
 * build writes a small dist, a fake preview records its request and saves a QR code where asked), so
 * the refusals, the dry run, the request, the QR code's file and the temporary content folder are all
 * checked without WeChat's servers. The content is bundled for real, with the editors' builder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import sharp from 'sharp'

import {
  drawWithMiniprogramCi,
  previewWeapp,
  type PreviewDeps,
  type PreviewRequest,
} from '../../scripts/preview-weapp'
import type { BuildTarget } from '../../scripts/wechat-ci'

jest.setTimeout(30_000)

const APPID = 'wx0123456789abcdef'
const PEM = '-----BEGIN RSA PRIVATE KEY-----'
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
let root: string
let keyFile: string

const dist = (...rel: string[]) => path.join(root, 'dist', ...rel)
const qrFile = () => dist('preview-qrcode.png')
const projectPath = () => dist('weapp-preview')
const leftovers = () => (existsSync(dist()) ? readdirSync(dist()).filter((n) => n.startsWith('.')) : [])

const SERIES = '---\ntitle: 系列\ntagline: 一句话\n---\n\n介绍。\n'
const installment = (body: string) =>
  `---\nid: n1\nnumber: 1\ntitle: 标题\ninterviewee:\n  name: 某人\n  role: 工程师\n  group: engineer\npublishedAt: 2026-01-05\nsummary: 摘要\ntags: []\n---\n\n${body}\n`

/** A checkout: project.config.json, the shipped bundled copy (a marker to prove it untouched), a key. */
function checkout(appid: string | null) {
  root = mkdtempSync(path.join(tmpdir(), 'lre-preview-'))
  writeFileSync(path.join(root, 'project.config.json'), JSON.stringify(appid ? { appid } : {}))
  mkdirSync(path.join(root, 'src', 'content', 'bundled'), { recursive: true })
  writeFileSync(path.join(root, 'src', 'content', 'bundled', 'manifest.json'), '{"shipped":true}')
  keyFile = path.join(root, 'private.key')
  writeFileSync(keyFile, `${PEM}\n…\n-----END RSA PRIVATE KEY-----\n`)
}

/** A Markdown folder in the checkout: `good` builds, `bad` has raw HTML on line 11. */
function content(kind: 'good' | 'bad'): string {
  const src = path.join(root, 'column')
  mkdirSync(src, { recursive: true })
  writeFileSync(path.join(src, 'series.md'), SERIES)
  writeFileSync(
    path.join(src, '001-n1.md'),
    installment(kind === 'good' ? '问：为什么？\n\n答：因为。' : '问：为什么？\n\n<script>alert(1)</script>'),
  )
  return src
}

afterEach(() => rmSync(root, { recursive: true, force: true }))

/** What the fake build saw: its target, and the bundled folder's files at that moment. */
type Built = { target: BuildTarget; bundled: string[] | null }
type Run = { code: number; out: string[]; err: string[]; builds: Built[]; previews: PreviewRequest[] }
type RunOptions = {
  env?: Record<string, string>
  /** false: the build fails after writing half a dist. */
  buildOk?: boolean
  /** The reader's subpackage's size, when not 1 KB. */
  subpackageBytes?: number
  /** What the fake preview does after recording the request; by default it saves a PNG where asked. */
  preview?: (request: PreviewRequest) => Promise<void>
  terminalQr?: PreviewDeps['terminalQr']
}

/** Writes a dist the way release.test's checkout lays one out: a main package and one subpackage. */
function fakeDist(at: string, complete: boolean, subpackageBytes = 1024) {
  mkdirSync(path.join(at, 'pages', 'reader'), { recursive: true })
  writeFileSync(path.join(at, 'app.js'), 'x'.repeat(2048))
  if (!complete) return
  writeFileSync(path.join(at, 'app.json'), JSON.stringify({ subPackages: [{ root: 'pages/reader' }] }))
  writeFileSync(path.join(at, 'pages', 'reader', 'index.js'), 'y'.repeat(subpackageBytes))
}

const savePng = async (request: PreviewRequest) =>
  writeFileSync(
    request.qrcodeOutputDest,
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer(),
  )

async function run(argv: string[], options: RunOptions = {}): Promise<Run> {
  const { env, buildOk = true, subpackageBytes, preview = savePng, terminalQr } = options
  const result: Run = { code: -1, out: [], err: [], builds: [], previews: [] }
  const deps: PreviewDeps = {
    root,
    env: env ?? { MP_PRIVATE_KEY_PATH: keyFile },
    build: (at, target) => {
      result.builds.push({
        target,
        bundled: target.bundledDir ? readdirSync(target.bundledDir).sort() : null,
      })
      fakeDist(path.join(at, 'dist', target.dist), buildOk, subpackageBytes)
      return buildOk
    },
    preview: async (request) => {
      result.previews.push(request)
      await preview(request)
    },
    terminalQr: terminalQr ?? (async () => '█▀▀▀▀▀█ (the QR code)'),
    out: (line) => result.out.push(line),
    err: (line) => result.err.push(line),
  }
  result.code = await previewWeapp(argv, deps)
  return result
}

describe('refusals come before anything is bundled, built or sent', () => {
  test.each([
    [
      'the tourist appid',
      [],
      'touristappid',
      {},
      "project.config.json: appid is the tourist appid, which cannot upload; put your mini program's appid there",
    ],
    ['no appid', [], null, {}, 'project.config.json: no appid'],
    [
      'a malformed appid',
      [],
      'wx123',
      {},
      'project.config.json: "wx123" is not an appid (wx and 16 hex digits)',
    ],
    [
      'no key at all',
      [],
      APPID,
      { env: {} },
      'no upload key: set MP_PRIVATE_KEY (the key) or MP_PRIVATE_KEY_PATH (its file); see "Running it in production" in the README',
    ],
    [
      'a key path that does not exist',
      [],
      APPID,
      { env: { MP_PRIVATE_KEY_PATH: '/nowhere/key' } },
      'MP_PRIVATE_KEY_PATH: /nowhere/key does not exist',
    ],
    ['a robot out of range', ['--robot', '0'], APPID, {}, '--robot must be a whole number from 1 to 30'],
    [
      'a content folder that is not there',
      ['--content', 'nowhere'],
      APPID,
      {},
      '--content nowhere: no such folder',
    ],
    ['an option it does not know', ['--version', '1.0.0'], APPID, {}, "Unknown option '--version'"],
  ] as const)('%s', async (_name, argv, appid, options, message) => {
    checkout(appid)
    const result = await run([...argv], options)
    expect(result.code).toBe(1)
    expect(result.err.some((line) => line.startsWith(`preview: ${message}`))).toBe(true)
    expect(result.err.at(-1)).toBe('preview: nothing was built or sent')
    expect([result.builds.length, result.previews.length, leftovers()]).toEqual([0, 0, []])
  })

  test('every problem is listed in one run', async () => {
    checkout('touristappid')
    const result = await run(['--content', 'nowhere', '--robot', '31'], { env: {} })
    expect(result.err).toEqual([
      'preview: --content nowhere: no such folder',
      'preview: --robot must be a whole number from 1 to 30',
      "preview: project.config.json: appid is the tourist appid, which cannot upload; put your mini program's appid there",
      'preview: no upload key: set MP_PRIVATE_KEY (the key) or MP_PRIVATE_KEY_PATH (its file); see "Running it in production" in the README',
      'preview: nothing was built or sent',
    ])
  })
})

const sizeLines = () => [
  `  package main: ${((2048 + JSON.stringify({ subPackages: [{ root: 'pages/reader' }] }).length) / 1024).toFixed(1)} KB`,
  '  package pages/reader/: 1.0 KB',
  expect.stringMatching(/^ {2}total: 3\.\d KB$/),
]

test('--dry-run builds the shipped content into dist/weapp-preview, prints what it would send, sends nothing', async () => {
  checkout(APPID)
  const result = await run(['--dry-run', '--desc', '第 13 期校对', '--robot', '2'])
  expect(result.code).toBe(0)
  expect(result.builds).toEqual([{ target: { dist: 'weapp-preview', bundledDir: null }, bundled: null }])
  expect(result.previews).toEqual([])
  expect(result.out).toEqual([
    `dry run: would send ${projectPath()} for a preview`,
    `  appid ${APPID}, robot 2`,
    '  description: 第 13 期校对',
    '  content: the bundled copy the app ships (src/content/bundled)',
    ...sizeLines(),
    `  the QR code would be saved as ${qrFile()}`,
    "  sent from this machine, whose IP must be on the mini program's upload IP whitelist",
  ])
  expect(existsSync(qrFile())).toBe(false)
})

test('--content bundles the folder into a temporary folder for the build, then removes it', async () => {
  checkout(APPID)
  const src = content('good')
  const result = await run(['--content', 'column', '--dry-run'])
  expect(result.code).toBe(0)
  const [built] = result.builds
  expect(built.target.dist).toBe('weapp-preview')
  expect(path.dirname(built.target.bundledDir ?? '')).toBe(dist())
  expect(path.basename(built.target.bundledDir ?? '')).toMatch(/^\.preview-content-/)
  // What LRE_BUNDLED_DIR must hold, as content:bundle writes it.
  expect(built.bundled).toEqual(expect.arrayContaining(['head.json', 'index.ts', 'manifest.json', 'rest.js']))
  expect(result.out).toContain(`  content: ${src}`)
  expect(result.out).toContain('  description: preview: content from column')
  expect(result.out[0]).toMatch(/^content:bundle: main package: the first screen, 1 of 1 installments/)
  expect(leftovers()).toEqual([])
  expect(readFileSync(path.join(root, 'src', 'content', 'bundled', 'manifest.json'), 'utf8')).toBe(
    '{"shipped":true}',
  )
})

test.each([
  ['a key file', () => ({ MP_PRIVATE_KEY_PATH: keyFile }), () => ({ privateKeyPath: keyFile })],
  ['the key itself', () => ({ MP_PRIVATE_KEY: PEM }), () => ({ privateKey: PEM })],
])('sends the build with %s and saves the QR code as a PNG, printing where', async (_name, env, key) => {
  checkout(APPID)
  const result = await run(['--desc', '给测试同学'], { env: env() })
  expect(result.code).toBe(0)
  expect(result.previews).toEqual([
    {
      appid: APPID,
      projectPath: projectPath(),
      key: key(),
      desc: '给测试同学',
      robot: 1,
      qrcodeFormat: 'image',
      qrcodeOutputDest: qrFile(),
    },
  ])
  expect(result.out).toEqual([
    '█▀▀▀▀▀█ (the QR code)',
    `sent ${projectPath()} for a preview: scan the QR code with WeChat`,
    `  appid ${APPID}, robot 1`,
    '  description: 给测试同学',
    '  content: the bundled copy the app ships (src/content/bundled)',
    ...sizeLines(),
    `QR code: ${qrFile()}`,
  ])
  expect(readFileSync(qrFile()).subarray(0, 8)).toEqual(PNG_SIGNATURE)
  expect(result.err).toEqual([])
})

/** A real QR code, drawn module by module, as WeChat might send it: a JPEG. */
async function qrJpeg(text: string): Promise<Buffer> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const QRCode = require('qrcode-terminal/vendor/QRCode') as new (
    type: number,
    level: number,
  ) => {
    addData(s: string): void
    make(): void
    getModuleCount(): number
    isDark(r: number, c: number): boolean
  }
  const levels = require('qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel') as Record<'M', number>
  /* eslint-enable @typescript-eslint/no-require-imports */
  const qr = new QRCode(-1, levels.M)
  qr.addData(text)
  qr.make()
  const [n, scale, quiet] = [qr.getModuleCount(), 6, 4]
  const size = (n + 2 * quiet) * scale
  const pixels = Buffer.alloc(size * size * 3, 255)
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const [r, c] = [Math.floor(y / scale) - quiet, Math.floor(x / scale) - quiet]
      if (r >= 0 && c >= 0 && r < n && c < n && qr.isDark(r, c))
        pixels.fill(0, (y * size + x) * 3, (y * size + x) * 3 + 3)
    }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer()
}

test('a QR code that comes as a JPEG is saved as a PNG, and miniprogram-ci draws it in the terminal', async () => {
  checkout(APPID)
  const jpeg = await qrJpeg('https://example.test/preview')
  const result = await run([], {
    preview: async (request) => writeFileSync(request.qrcodeOutputDest, jpeg),
    terminalQr: drawWithMiniprogramCi,
  })
  expect(result.code).toBe(0)
  expect(readFileSync(qrFile()).subarray(0, 8)).toEqual(PNG_SIGNATURE)
  // The drawing is of the code it read from the image: what qrcode-terminal draws for the same text.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const terminal = require('qrcode-terminal') as {
    generate(text: string, done: (drawn: string) => void): void
  }
  const expected = await new Promise<string>((done) =>
    terminal.generate('https://example.test/preview', done),
  )
  expect(result.out[0]).toBe(expected)
  expect(result.out.at(-1)).toBe(`QR code: ${qrFile()}`)
})

test('a content folder that does not build reports file:line problems, builds and sends nothing, leaves nothing', async () => {
  checkout(APPID)
  content('bad')
  const result = await run(['--content', 'column'])
  expect(result.code).toBe(1)
  expect(result.err).toEqual([
    expect.stringMatching(/^preview: (.*\/)?column\/001-n1\.md:\d+: raw HTML is not allowed: <script>/),
    'preview: 1 problem(s) in the content; nothing was built or sent',
  ])
  expect([result.builds.length, result.previews.length, leftovers()]).toEqual([0, 0, []])
  expect(existsSync(projectPath())).toBe(false)
})

test('a failed build leaves no half dist and no temporary folder, and sends nothing', async () => {
  checkout(APPID)
  content('good')
  fakeDist(projectPath(), true) // an earlier preview, which must not be mixed with this one
  const result = await run(['--content', 'column'], { buildOk: false })
  expect(result.code).toBe(1)
  expect(result.err).toEqual(['preview: the production build failed; nothing was sent'])
  expect([result.builds.length, result.previews.length, leftovers()]).toEqual([1, 0, []])
  expect(existsSync(projectPath())).toBe(false)
})

test('a refused preview says what to check, and leaves no QR code, not even an older one', async () => {
  checkout(APPID)
  mkdirSync(dist(), { recursive: true })
  writeFileSync(qrFile(), 'an older preview')
  const result = await run([], {
    preview: async () => {
      throw new Error('invalid ip: 203.0.113.7')
    },
  })
  expect(result.code).toBe(1)
  expect(result.err).toEqual([
    'preview: the preview failed: invalid ip: 203.0.113.7',
    "preview: check the key and that this machine's IP is on the upload whitelist",
  ])
  expect(existsSync(qrFile())).toBe(false)
})

test('a preview that saved no QR code is a failure', async () => {
  checkout(APPID)
  const result = await run([], { preview: async () => undefined })
  expect(result.code).toBe(1)
  expect(result.err).toEqual([
    `preview: WeChat accepted the preview, but no QR code was saved at ${qrFile()}`,
  ])
})

test('a QR code the terminal cannot draw still leaves the PNG, and says so', async () => {
  checkout(APPID)
  const result = await run([], {
    terminalQr: async () => {
      throw new Error('qrcode decode error')
    },
  })
  expect(result.code).toBe(0)
  expect(result.err).toEqual([
    'preview: could not draw the QR code in the terminal (Error: qrcode decode error); open the PNG',
  ])
  expect(result.out.at(-1)).toBe(`QR code: ${qrFile()}`)
})

test('a build WeChat would refuse is never sent, naming the package', async () => {
  checkout(APPID)
  const result = await run([], { subpackageBytes: 2 * 1024 * 1024 + 1 })
  expect(result.code).toBe(1)
  expect(result.err).toEqual([
    "preview: package pages/reader/: 2.00 MiB, over WeChat's 2.00 MiB a package",
    'preview: WeChat would refuse this build; nothing was sent (see README: when content does not fit)',
  ])
  expect(result.previews).toEqual([])
})
