/**
 * An earlier commit's remote build, for before → after ratios in one bench run: checked out as a git
 * worktree under dist/ (sharing this checkout's node_modules), with its own fixture column, built once
 * and reused. Builds before content-addressed names read bodies only at installments/<id>.json, so the
 * bench publishes for a baseline under those names (which later builds read too).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, symlinkSync } from 'node:fs'
import path from 'node:path'

import { withLegacyNames, publish } from '../weapp/content-server'
import type { Build } from '../weapp/budget-scenarios'

const ROOT = path.resolve(__dirname, '..', '..')

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`)
  return result.stdout.trim()
}

export function baselineBuild(ref: string): Build & { sha: string } {
  const sha = run('git', ['rev-parse', '--verify', `${ref}^{commit}`], ROOT)
  const dir = path.join(ROOT, 'dist', `baseline-${sha.slice(0, 12)}`)
  const dist = path.join(dir, 'dist', 'weapp-remote')
  if (!existsSync(path.join(dist, 'app.js'))) {
    if (!existsSync(dir)) run('git', ['worktree', 'add', '--detach', dir, sha], ROOT)
    if (!existsSync(path.join(dir, 'node_modules')))
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'))
    console.log(`building ${ref} (${sha.slice(0, 12)}) for the before → after comparison…`)
    run('npm', ['run', '--silent', 'fixtures'], dir)
    run('npm', ['run', '--silent', 'build:weapp:remote'], dir)
  }
  // Every build reads the plain names (content-addressed ones only from this change on).
  return { sha, dist, publish: (list) => withLegacyNames(publish(list)) }
}
