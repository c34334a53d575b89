/**
 * What every test of the content CLI starts from: a fresh temporary folder, and the console captured
 * as the lines main() printed. `out` and `err` are emptied in place, so they can be destructured once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export function cliSession(prefix: string) {
  const session = { dir: '', out: [] as string[], err: [] as string[] }
  beforeEach(() => {
    session.dir = mkdtempSync(path.join(tmpdir(), prefix))
    session.out.length = 0
    session.err.length = 0
    jest.spyOn(console, 'log').mockImplementation((...a) => void session.out.push(a.join(' ')))
    jest.spyOn(console, 'error').mockImplementation((...a) => void session.err.push(a.join(' ')))
  })
  afterEach(() => {
    jest.restoreAllMocks()
    rmSync(session.dir, { recursive: true, force: true })
  })
  return session
}
