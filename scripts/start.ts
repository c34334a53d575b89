/**
 * `npm start`: builds the mini program for WeChat DevTools and the H5 preview, then serves the
 * preview on localhost. Both run on the bundled content unless TARO_APP_CONTENT_URL is set.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { serveStatic } from './static-server'

const ROOT = path.resolve(__dirname, '..')
const PORT = Number(process.env.PORT ?? 10086)

function build(script: string): void {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

build('build:weapp')
build('build:h5')

serveStatic(path.join(ROOT, 'dist', 'h5'), PORT).then(
  () => {
    console.log('')
    console.log('WeChat DevTools: import this folder; project.config.json points it at dist/weapp/.')
    console.log(`H5 preview:      http://localhost:${PORT}/`)
    console.log('Press Ctrl+C to stop.')
  },
  (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${PORT} is in use; try PORT=10087 npm start` : error)
    process.exit(1)
  },
)
