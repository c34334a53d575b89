/**
 * `npm run content -- preview [<src>] [--port N]`: the reader in the browser on an editor's folder.
 * The browser build made for it (`build:h5:preview`, whose content URL is this server's `/content`) is
 * served as it is; the content is built in memory with the editors' own builder, again after each
 * save, and every open page is told over Server-Sent Events: it refreshes in place, and shows the
 * problems of a bad save in an overlay over the last good edition. Nothing is written to disk.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import path from 'node:path'

import { listen, staticHandler, type Served } from '../static-server'
import { PREVIEW_CLIENT } from './preview-client'
import { previewEditions, type Editions, type Rebuilt } from './preview-edition'
import { watchFolder, type Watcher } from './preview-watch'

export const PREVIEW_PORT = 10087
export const CONTENT_PATH = '/content/'
const EVENTS_PATH = '/__preview/events'
const CLIENT_PATH = '/__preview/client.js'
const STATE_PATH = '/__preview/state'

/** What every open page is told after a build. */
export type PreviewState = {
  /** The edition shown (the last good one). */
  contentVersion: string | null
  problems: string[]
  /** The installments whose body changed in the last good build. */
  changed: string[]
  /** Bumped at every build, good or not, so a page can tell one message from the next. */
  build: number
}

export type Preview = {
  url: string
  /** Builds the folder again (the watcher calls it; tests may too) and tells every open page. */
  rebuild: (picturesChanged?: boolean) => Promise<Rebuilt>
  state: () => PreviewState
  close: () => Promise<void>
}

export type PreviewOptions = {
  src: string
  /** The browser build made for the preview (dist/h5-preview). */
  appDir: string
  port?: number
  log?: (line: string) => void
  /** Off in tests that call rebuild themselves. */
  watch?: boolean
}

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
}

function serveContent(editions: Editions, req: IncomingMessage, res: ServerResponse): void {
  let rel = ''
  try {
    rel = decodeURIComponent((req.url ?? '').split('?')[0].slice(CONTENT_PATH.length))
  } catch {
    // A malformed address names no file.
  }
  const bytes = editions.current()?.files.get(rel)
  if (!bytes) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found')
    return
  }
  // Never cached: the next save names other files, and the manifest changes in place.
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(rel)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  })
  res.end(bytes)
}

/** index.html with the preview's client script, which listens for builds and shows problems. */
function indexWithClient(appDir: string): string {
  const html = readFileSync(path.join(appDir, 'index.html'), 'utf8')
  return html.replace('</body>', `<script src="${CLIENT_PATH}"></script></body>`)
}

export async function startPreview({
  src,
  appDir,
  port = PREVIEW_PORT,
  log = () => undefined,
  watch = true,
}: PreviewOptions): Promise<Preview> {
  if (!existsSync(path.join(appDir, 'index.html')))
    throw new Error(`${appDir}: no browser build; run \`npm run build:h5:preview\``)
  const editions = previewEditions(src)
  const clients = new Set<ServerResponse>()
  const sockets = new Set<Socket>()
  let state: PreviewState = { contentVersion: null, problems: [], changed: [], build: 0 }
  const statics = staticHandler(appDir)
  let served: Served | null = null

  const tell = () => {
    const message = `data: ${JSON.stringify(state)}\n\n`
    for (const client of clients) client.write(message)
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = (req.url ?? '/').split('?')[0]
    if (url.startsWith(CONTENT_PATH)) return serveContent(editions, req, res)
    if (url === EVENTS_PATH) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      })
      res.write(`data: ${JSON.stringify(state)}\n\n`)
      clients.add(res)
      req.on('close', () => clients.delete(res))
      return
    }
    if (url === CLIENT_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' })
      return res.end(PREVIEW_CLIENT)
    }
    if (url === STATE_PATH) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      return res.end(JSON.stringify(state))
    }
    if (url === '/' || url === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      return res.end(indexWithClient(appDir))
    }
    statics(req, res)
  }

  const rebuild = async (picturesChanged = false): Promise<Rebuilt> => {
    const result = await editions.rebuild(picturesChanged)
    state = {
      contentVersion: result.edition?.manifest.contentVersion ?? null,
      problems: result.problems,
      changed: result.problems.length ? state.changed : result.changed,
      build: state.build + 1,
    }
    tell()
    if (result.problems.length) {
      log(`${result.problems.length} problem(s); the preview keeps the last good edition (${result.ms} ms):`)
      for (const problem of result.problems) log(`  ${problem}`)
    } else {
      const [first] = result.changed
      const where =
        first && served ? `: ${served.url}/#/pages/reader/index?id=${encodeURIComponent(first)}` : ''
      log(`rebuilt in ${result.ms} ms, ${result.built.length} file(s) read again${where}`)
    }
    return result
  }

  await rebuild()
  served = await listen((req, res) => {
    // Kept-alive sockets carry many requests: each is tracked once, to be closed with the server.
    if (!sockets.has(req.socket)) {
      sockets.add(req.socket)
      req.socket.once('close', () => sockets.delete(req.socket))
    }
    handler(req, res)
  }, port)
  const watcher: Watcher | null = watch
    ? watchFolder(
        src,
        (change) =>
          void rebuild(change.picturesChanged).catch((error: unknown) =>
            log(`rebuild failed: ${String(error)}`),
          ),
        undefined,
        (error) => log(`watching ${src} stopped: ${error.message}; restart the preview`),
      )
    : null

  return {
    url: served.url,
    rebuild,
    state: () => state,
    async close() {
      watcher?.close()
      for (const client of clients) client.end()
      clients.clear()
      // Open event streams would keep the server from closing.
      for (const socket of sockets) socket.destroy()
      await served?.close()
    },
  }
}
