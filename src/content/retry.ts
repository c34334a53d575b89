import { isProblem, isRetryable, type Problem } from './problem'

export type RetryPolicy = { retries: number; delaysMs: readonly number[] }

/** Two retries after 0.5 s and 1.5 s: enough for a blip, short enough that the reader never waits on it. */
export const DEFAULT_RETRY: RetryPolicy = { retries: 2, delaysMs: [500, 1500] }

export type Sleep = (ms: number) => Promise<void>

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs `attempt` until it succeeds, fails in a way a retry cannot fix, or runs out of retries. */
export async function withRetry<T extends { kind: string }>(
  attempt: () => Promise<T | Problem>,
  policy: RetryPolicy = DEFAULT_RETRY,
  wait: Sleep = sleep,
): Promise<{ result: T | Problem; attempts: number }> {
  let attempts = 0
  for (;;) {
    const result = await attempt()
    attempts++
    const problem = isProblem(result) ? result : null
    if (!problem || !isRetryable(problem) || attempts > policy.retries) return { result, attempts }
    await wait(policy.delaysMs[Math.min(attempts - 1, policy.delaysMs.length - 1)])
  }
}

/** At most `limit` tasks at once; the rest queue in order. */
export function createLimiter(limit: number) {
  let active = 0
  const queue: Array<() => void> = []
  const next = () => {
    if (active >= limit || queue.length === 0) return
    active++
    queue.shift()?.()
  }
  return function run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            active--
            next()
          })
      })
      next()
    })
  }
}
