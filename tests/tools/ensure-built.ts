import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')

/** Runs `npm run <script>` unless `marker` (relative to the project) is already there; exits on failure. */
export function ensureBuilt(script: string, marker: string): void {
  if (existsSync(path.join(ROOT, marker))) return
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
