/**
 * The virtual clock: timers that fire only when a test says so. `settle()` runs everything due now (and
 * the microtasks between them); `advance(ms)` moves time forward, firing timers in order. Nothing waits
 * on wall time, so the tests are deterministic.
 */

type Timer = { id: number; at: number; fn: () => void; every?: number }

export class Clock {
  /** Virtual milliseconds since the clock was made. */
  now = 0
  private timers: Timer[] = []
  private nextId = 1
  private readonly start = Date.now()
  /**
   * The longest one task held the thread, in wall milliseconds: a timer and the microtasks it set off,
   * as a phone's one JS thread runs them before it can take a touch. For the benchmark; never asserted.
   */
  longestTaskMs = 0

  /** `onError` receives what a timer throws; the clock carries on, as WeChat's would. */
  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  /** Schedules `fn` after `ms` (again every `every` ms when given); returns the timer's id. */
  add(fn: () => void, ms = 0, every?: number): number {
    const id = this.nextId++
    this.timers.push({ id, at: this.now + Math.max(0, ms), fn, every })
    return id
  }

  clear(id: number): void {
    this.timers = this.timers.filter((t) => t.id !== id)
  }

  /** How many timers are waiting, due or not. */
  get pending(): number {
    return this.timers.length
  }

  /**
   * Runs every timer due now (and the microtasks between them) until nothing is left to do. A long job
   * cut into slices by zero timeouts is many rounds (the search engine of 999 installments is some 400),
   * so the guard against a timer that reschedules itself for ever is set well above that.
   */
  async settle(maxRounds = 5000): Promise<void> {
    let started: number | null = null
    for (let round = 0; round < maxRounds; round++) {
      await new Promise((resolve) => setImmediate(resolve))
      if (started !== null) this.longestTaskMs = Math.max(this.longestTaskMs, performance.now() - started)
      started = null
      const due = this.timers.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at || a.id - b.id)
      if (due.length === 0) return
      const first = due[0]
      this.timers = this.timers.filter((t) => t !== first)
      if (first.every !== undefined) this.timers.push({ ...first, at: this.now + Math.max(1, first.every) })
      started = performance.now()
      try {
        first.fn()
      } catch (error) {
        this.onError(error)
      }
    }
    throw new Error('the app did not settle: a timer keeps rescheduling itself')
  }

  /** Moves the virtual clock forward, firing timers in order. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms
    await this.settle()
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!next) break
      this.now = next.at
      await this.settle()
    }
    this.now = end
    await this.settle()
  }

  /** Date whose "now" follows the virtual clock, so time-based logic sees `advance()`. */
  date(): DateConstructor {
    const clock = () => this.start + this.now
    class VirtualDate extends Date {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(clock())
        else super(...(args as [string | number | Date]))
      }
      static now() {
        return clock()
      }
    }
    return VirtualDate as unknown as DateConstructor
  }

  /** The sandbox's timer globals, all on this clock. */
  globals() {
    const clear = (id: number) => this.clear(id)
    return {
      setTimeout: (fn: () => void, ms = 0) => this.add(fn, ms),
      clearTimeout: clear,
      setInterval: (fn: () => void, ms = 0) => this.add(fn, ms, ms),
      clearInterval: clear,
      requestAnimationFrame: (fn: () => void) => this.add(fn, 16),
      cancelAnimationFrame: clear,
      Date: this.date(),
    }
  }
}
