import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { Clock } from './clock'
import { Sandbox, type SandboxHost } from './sandbox'

function setUp(files: Record<string, string>, host: Partial<SandboxHost> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-'))
  for (const [name, code] of Object.entries(files)) writeFileSync(path.join(dir, name), code)
  const clock = new Clock()
  const errors: unknown[] = []
  const sandbox = new Sandbox({
    wx: { marker: 'fake wx' },
    timers: clock.globals(),
    app: () => undefined,
    page: () => undefined,
    component: () => undefined,
    getApp: () => ({ app: true }),
    getCurrentPages: () => [],
    onError: (e) => errors.push(e),
    ...host,
  })
  const load = (request: string) => sandbox.require(path.join(dir, 'entry.js'), request)
  return { load, clock, errors }
}

describe('the sandbox loader', () => {
  it('loads CommonJS relative to the requiring file, each module once', () => {
    const { load } = setUp({
      'a.js': `globalThis.loads = (globalThis.loads || 0) + 1; module.exports = { b: require('./b').value }`,
      'b.js': `exports.value = 'from b'`,
      'count.js': `module.exports = { loads: globalThis.loads }`,
    })
    expect(load('./a')).toEqual({ b: 'from b' })
    expect(load('./a.js')).toEqual({ b: 'from b' })
    expect(load('./b')).toEqual({ value: 'from b' })
    expect(load('./count')).toEqual({ loads: 1 })
  })

  it.each<[string, string, unknown]>([
    ['wx', `module.exports = wx.marker`, 'fake wx'],
    ['getApp', `module.exports = getApp()`, { app: true }],
    ['Component, which registers nothing', `module.exports = String(Component({}))`, 'undefined'],
    ['Behavior, which hands its options back', `module.exports = Behavior({ x: 1 })`, { x: 1 }],
    [
      'no Node require or process',
      `module.exports = [typeof process, typeof Buffer, typeof setImmediate]`,
      ['undefined', 'undefined', 'undefined'],
    ],
  ])('gives the mini program %s', (_name, code, expected) => {
    const { load } = setUp({ 'probe.js': code })
    expect(load('./probe')).toEqual(expected)
  })

  it('runs timers on the virtual clock and Date on its time', async () => {
    const { load, clock } = setUp({
      'probe.js': `const t0 = Date.now(); exports.seen = []; setTimeout(() => exports.seen.push(Date.now() - t0), 250)`,
    })
    const probe = load('./probe') as { seen: number[] }
    await clock.advance(249)
    expect(probe.seen).toEqual([])
    await clock.advance(1)
    expect(probe.seen).toEqual([250])
  })

  it('sends console.error to the host and drops log and warn', () => {
    const { load, errors } = setUp({
      'probe.js': `console.log('x'); console.warn('y'); console.error('bad', 1)`,
    })
    load('./probe')
    expect(errors).toEqual([['bad', 1]])
  })

  it('passes App() and Page() to the host', () => {
    const seen: string[] = []
    const { load } = setUp(
      { 'probe.js': `App({ name: 'app' }); Page({ name: 'page' })` },
      { app: (o) => void seen.push(`app ${o.name}`), page: (o) => void seen.push(`page ${o.name}`) },
    )
    load('./probe')
    expect(seen).toEqual(['app app', 'page page'])
  })
})
