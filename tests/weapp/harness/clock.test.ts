import { Clock } from './clock'

type Step = (clock: Clock, log: string[]) => void | Promise<void>

describe('the virtual clock', () => {
  const cases: Array<[string, Step, string[]]> = [
    [
      'fires due timers by time, then by the order they were set',
      async (clock, log) => {
        clock.add(() => log.push('a@10'), 10)
        clock.add(() => log.push('b@5'), 5)
        clock.add(() => log.push('c@5'), 5)
        clock.add(() => log.push('d@0'))
        await clock.advance(10)
      },
      ['d@0', 'b@5', 'c@5', 'a@10'],
    ],
    [
      'settle runs only what is due now',
      async (clock, log) => {
        clock.add(() => log.push('now'))
        clock.add(() => log.push('later'), 1)
        await clock.settle()
      },
      ['now'],
    ],
    [
      'advance stops at its end and reports the time each timer saw',
      async (clock, log) => {
        clock.add(() => log.push(`t=${clock.now}`), 30)
        clock.add(() => log.push(`t=${clock.now}`), 70)
        await clock.advance(50)
        log.push(`end=${clock.now}`)
      },
      ['t=30', 'end=50'],
    ],
    [
      'an interval repeats until cleared',
      async (clock, log) => {
        const id = clock.add(() => log.push(`tick@${clock.now}`), 10, 10)
        await clock.advance(35)
        clock.clear(id)
        await clock.advance(100)
      },
      ['tick@10', 'tick@20', 'tick@30'],
    ],
    [
      'a cleared timer never fires',
      async (clock, log) => {
        const id = clock.add(() => log.push('cleared'), 5)
        clock.add(() => log.push('kept'), 5)
        clock.clear(id)
        await clock.advance(5)
      },
      ['kept'],
    ],
    [
      'a timer set by a timer runs in the same settle when due',
      async (clock, log) => {
        clock.add(() => clock.add(() => log.push('inner')))
        await clock.settle()
      },
      ['inner'],
    ],
    [
      'microtasks between timers run before the next timer',
      async (clock, log) => {
        clock.add(() => void Promise.resolve().then(() => log.push('microtask')))
        clock.add(() => log.push('second timer'))
        await clock.settle()
      },
      ['microtask', 'second timer'],
    ],
  ]

  it.each(cases)('%s', async (_name, step, expected) => {
    const clock = new Clock()
    const log: string[] = []
    await step(clock, log)
    expect(log).toEqual(expected)
  })

  it('settle detects a timer that keeps rescheduling itself', async () => {
    const clock = new Clock()
    const again = () => void clock.add(again)
    clock.add(again)
    await expect(clock.settle(50)).rejects.toThrow('a timer keeps rescheduling itself')
  })

  it('hands what a timer throws to onError and carries on', async () => {
    const errors: unknown[] = []
    const clock = new Clock((e) => errors.push(e))
    const log: string[] = []
    clock.add(() => {
      throw new Error('boom')
    })
    clock.add(() => log.push('after'))
    await clock.settle()
    expect((errors[0] as Error).message).toBe('boom')
    expect(log).toEqual(['after'])
  })

  it('gives the sandbox a Date that follows the clock', async () => {
    const clock = new Clock()
    const VirtualDate = clock.date()
    const start = VirtualDate.now()
    await clock.advance(90_000)
    expect(VirtualDate.now() - start).toBe(90_000)
    expect(new VirtualDate().getTime()).toBe(VirtualDate.now())
    expect(new VirtualDate(0).getTime()).toBe(0)
    expect(new VirtualDate('2024-01-02T00:00:00Z').toISOString()).toBe('2024-01-02T00:00:00.000Z')
  })

  it('provides the timer globals on the clock', async () => {
    const clock = new Clock()
    const g = clock.globals()
    const log: string[] = []
    g.setTimeout(() => log.push('timeout'), 100)
    g.requestAnimationFrame(() => log.push('frame'))
    const id = g.setInterval(() => log.push('interval'), 40)
    await clock.advance(100)
    g.clearInterval(id)
    expect(log).toEqual(['frame', 'interval', 'interval', 'timeout'])
    expect(clock.pending).toBe(0)
  })
})
