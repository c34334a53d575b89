/**
 * `npm run content:serve -- [dir] [--port N]`: serves a built content folder (manifest.json,
 * installments/, media/) on localhost with ETags, for pointing a development build at it.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'

import { serveStatic } from './static-server'

const args = process.argv.slice(2)
const portFlag = args.indexOf('--port')
const port = portFlag >= 0 ? Number(args[portFlag + 1]) : Number(process.env.PORT ?? 8787)
const dir = path.resolve(
  args.find((a, i) => !a.startsWith('--') && i !== portFlag + 1) ?? 'src/content/bundled',
)

if (!existsSync(path.join(dir, 'manifest.json'))) {
  console.error(`${dir}: no manifest.json here; build content first (npm run content:bundle)`)
  process.exit(1)
}

serveStatic(dir, port, { cors: true }).then(
  () => {
    console.log(`Serving ${path.relative(process.cwd(), dir) || '.'} at http://localhost:${port}/`)
    console.log(`Build against it: TARO_APP_CONTENT_URL=http://localhost:${port} npm run build:weapp`)
  },
  (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `port ${port} is in use; pass --port N` : error)
    process.exit(1)
  },
)
