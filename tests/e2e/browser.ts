/**
 * The H5 build in Debian's Chromium through playwright-core: a static server on a free port, a phone
 * viewport, a fresh profile per test, and helpers that read the page as a person would.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'

import { listen, serveStatic, type Served } from '../../scripts/static-server'

export const ROOT = path.resolve(__dirname, '..', '..')
export const H5_DIST = path.join(ROOT, 'dist', 'h5')
export const H5_REMOTE_DIST = path.join(ROOT, 'dist', 'h5-remote')
/** The H5 build around the generated fixture column (`npm run build:h5:fixture`). */
export const H5_FIXTURE_DIST = path.join(ROOT, 'dist', 'h5-fixture')
/** The remote H5 build reads its content here (set at build time by `npm run build:h5:remote`). */
export const REMOTE_CONTENT_PORT = 18474

export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(candidate)) {
    throw new Error(`Chromium not found at ${candidate}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  }
  return candidate
}

export { listen, type Served }

/** Serves a built folder; 404 for anything else. */
export function serveDir(dir: string): Promise<Served> {
  if (!existsSync(path.join(dir, 'index.html')) && !existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`${dir} is not built: run npm run build:h5 (or build:h5:remote)`)
  }
  return serveStatic(dir)
}

/** A content host on another origin, as a CDN would be: CORS for GET and If-None-Match, ETags. */
export function serveContent(files: () => Map<string, string>): Promise<Served> {
  return listen((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, Content-Type')
    res.setHeader('Access-Control-Expose-Headers', 'ETag')
    if (req.method === 'OPTIONS') {
      res.statusCode = 204
      res.end()
      return
    }
    const file = (req.url ?? '/').split('?')[0].replace(/^\/+/, '')
    const text = files().get(file)
    if (text === undefined) {
      res.statusCode = 404
      res.end('Not found')
      return
    }
    const etag = `"${Buffer.from(text).length.toString(16)}-${hash(text)}"`
    res.setHeader('ETag', etag)
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304
      res.end()
      return
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8')
    res.end(text)
  }, REMOTE_CONTENT_PORT)
}

/**
 * The remote build reads its content from one fixed port, and jest runs test files in parallel
 * workers: a file that serves content there holds this lock from its first test to its last, so no
 * other file's host answers in its place (nor takes the port while its own host is away). A lock
 * left by a worker that died is taken over. Returns the release.
 */
export async function holdContentPort(timeoutMs = 300_000): Promise<() => void> {
  const lock = path.join(tmpdir(), `lre-content-port-${REMOTE_CONTENT_PORT}.lock`)
  const end = Date.now() + timeoutMs
  for (;;) {
    try {
      const fd = openSync(lock, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(lock, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (!holderAlive(lock)) {
      rmSync(lock, { force: true })
      continue
    }
    if (Date.now() > end)
      throw new Error(`port ${REMOTE_CONTENT_PORT} still held after ${timeoutMs} ms (${lock})`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

function holderAlive(lock: string): boolean {
  let pid: number
  try {
    pid = Number(readFileSync(lock, 'utf8'))
  } catch {
    return true // Gone already, or being written: look again.
  }
  // Being written: the holder has created the file but not yet its pid.
  if (!Number.isInteger(pid) || pid <= 0) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function hash(text: string): string {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0
  return (h >>> 0).toString(16)
}

export type Phone = { context: BrowserContext; page: Page; errors: string[]; close: () => Promise<void> }

/** A fresh Chromium profile with a phone viewport; page errors are collected, not ignored. */
export async function openPhone(colorScheme: 'light' | 'dark' = 'light', locale = 'zh-CN'): Promise<Phone> {
  const profile = mkdtempSync(path.join(tmpdir(), 'lre-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
    colorScheme,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export const texts = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').trim()))

export async function cardTitles(page: Page): Promise<string[]> {
  return texts(page, '.cd-t')
}

/**
 * Waits until the screen is still, as a person waits before reading it: no action sheet, modal or toast
 * of Taro's on screen or fading out (each is gone only once its root is `display: none`, 100–200 ms after
 * its opacity starts to fall), and no finite CSS transition or animation running. Checks made earlier
 * race the fade: axe once read the cells of a closing sheet as low-contrast text.
 */
export async function settled(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const overlays = document.querySelectorAll<HTMLElement>(
        '.taro__actionSheet, .taro__modal, .taro__toast',
      )
      const shown = Array.from(overlays).some((el) => getComputedStyle(el).display !== 'none')
      const moving = document
        .getAnimations()
        .some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity)
      return !shown && !moving
    },
    undefined,
    { timeout: timeoutMs, polling: 'raf' },
  )
}

/** Runs axe-core on the settled page (see `settled`); returns serious and critical violations. */
export async function axeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  await settled(page)
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: source })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } })
      .axe
    type AxeResult = { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }))
  })
}

/** Controls a finger taps on the settled page: every element with role button or link, and its size. */
export async function tapTargets(
  page: Page,
): Promise<Array<{ label: string; width: number; height: number }>> {
  await settled(page)
  return page.locator('[role="button"], [role="link"]').evaluateAll((nodes) =>
    nodes
      .map((n) => ({ n, r: n.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0)
      .map(({ n, r }) => ({
        label: n.getAttribute('aria-label') || (n.textContent ?? '').trim().slice(0, 12),
        width: Math.round(r.width),
        height: Math.round(r.height),
      })),
  )
}

/** Waits until `check` holds, as a person waits for the screen to change; fails after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms: ${check.toString()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A long press as a phone sends it: a touch held past Taro's 350 ms, then released. */
export async function longPress(page: Page, target: Locator): Promise<void> {
  await target.evaluate((el) => {
    const touch = new Touch({ identifier: 1, target: el, clientX: 20, clientY: 20 })
    el.dispatchEvent(
      new TouchEvent('touchstart', { bubbles: true, touches: [touch], changedTouches: [touch] }),
    )
  })
  await page.waitForTimeout(500)
  await target.evaluate((el) => el.dispatchEvent(new TouchEvent('touchend', { bubbles: true })))
}
