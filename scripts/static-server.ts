/**
 * A folder served on localhost with ETags, 404 for anything else: the H5 preview (`npm start`), a
 * built content folder (`npm run content:serve`) and the browser tests all serve files this one way.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import sirv from 'sirv'

export type Served = { url: string; port: number; close: () => Promise<void> }
export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** Listens on 127.0.0.1 (a free port when `port` is 0); rejects with the server's error, e.g. EADDRINUSE. */
export async function listen(handler: Handler, port = 0): Promise<Served> {
  const server: Server = createServer(handler)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export function staticHandler(dir: string, options: { cors?: boolean } = {}): Handler {
  const serve = sirv(dir, {
    dev: true,
    etag: true,
    ...(options.cors ? { setHeaders: (res) => res.setHeader('Access-Control-Allow-Origin', '*') } : {}),
  })
  return (req, res) =>
    serve(req, res, () => {
      res.statusCode = 404
      res.end('Not found')
    })
}

export const serveStatic = (dir: string, port = 0, options: { cors?: boolean } = {}) =>
  listen(staticHandler(dir, options), port)
