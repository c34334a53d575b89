import { classifyAttempt, isRetryable, MAX_DOCUMENT_BYTES, parseJson, type Problem } from '@/content/problem'
import { createLimiter, DEFAULT_RETRY, withRetry } from '@/content/retry'
import type { RawAttempt } from '@/platform/request'

const response = (status: number, text = '{}', headers: Record<string, string> = {}): RawAttempt => ({
  kind: 'response',
  status,
  text,
  headers,
})

describe('classifyAttempt: the one mapping from raw outcomes to values', () => {
  test.each<[string, RawAttempt, unknown]>([
    [
      'a 200 with an ETag',
      response(200, '{"a":1}', { etag: '"x"' }),
      { kind: 'text', text: '{"a":1}', etag: '"x"' },
    ],
    ['a 204', response(204, ''), { kind: 'text', text: '', etag: null }],
    ['a 304', response(304, ''), { kind: 'not-modified' }],
    ['a 404', response(404, 'Not Found'), { kind: 'http-error', status: 404 }],
    ['a 500', response(500), { kind: 'http-error', status: 500 }],
    ['a 301 the platform did not follow', response(301), { kind: 'http-error', status: 301 }],
    [
      'a body over the size limit',
      response(200, 'x'.repeat(MAX_DOCUMENT_BYTES + 1)),
      { kind: 'bad-data', problems: [expect.stringContaining('larger than')] },
    ],
    ['a WeChat timeout', { kind: 'error', message: 'request:fail timeout' }, { kind: 'timeout' }],
    ['a DevTools timeout', { kind: 'error', message: 'request:fail time out' }, { kind: 'timeout' }],
    [
      'a refused connection',
      { kind: 'error', message: 'request:fail -101:net::ERR_CONNECTION_REFUSED' },
      { kind: 'offline' },
    ],
    [
      'a domain not on the allow-list',
      { kind: 'error', message: 'request:fail url not in domain list' },
      { kind: 'offline' },
    ],
  ])('%s', (_what, attempt, expected) => {
    expect(classifyAttempt(attempt)).toEqual(expected)
  })
})

describe('parseJson', () => {
  test.each([
    ['JSON', '{"a":[1]}', { kind: 'json', value: { a: [1] } }],
    ['null', 'null', { kind: 'json', value: null }],
    ['an empty body', '  ', { kind: 'bad-data', problems: ['(root): empty body'] }],
    [
      'HTML',
      '<!doctype html>',
      { kind: 'bad-data', problems: ['(root): not JSON (starts with "<!doctype html>")'] },
    ],
    [
      'truncated JSON',
      '{"a":[1,',
      { kind: 'bad-data', problems: ['(root): not JSON (starts with "{\\"a\\":[1,")'] },
    ],
  ])('%s', (_what, text, expected) => {
    expect(parseJson(text)).toEqual(expected)
  })
})

test.each<[Problem, boolean]>([
  [{ kind: 'timeout' }, true],
  [{ kind: 'http-error', status: 500 }, true],
  [{ kind: 'http-error', status: 503 }, true],
  [{ kind: 'http-error', status: 404 }, false],
  [{ kind: 'offline' }, false],
  [{ kind: 'bad-data', problems: [] }, false],
  [{ kind: 'integrity' }, false],
  [{ kind: 'unsupported-version', version: 2 }, false],
])('retry %j: %s', (problem, expected) => {
  expect(isRetryable(problem)).toBe(expected)
})

describe('withRetry', () => {
  const ok = { kind: 'text' as const, text: '', etag: null }

  async function run(outcomes: Array<Problem | typeof ok>) {
    const waits: number[] = []
    let i = 0
    const { result, attempts } = await withRetry(
      async () => outcomes[Math.min(i++, outcomes.length - 1)],
      DEFAULT_RETRY,
      async (ms) => {
        waits.push(ms)
      },
    )
    return { result, attempts, waits }
  }

  test.each<[string, Array<Problem | typeof ok>, number, number[], string]>([
    ['success at once', [ok], 1, [], 'text'],
    ['timeout, timeout, success', [{ kind: 'timeout' }, { kind: 'timeout' }, ok], 3, [500, 1500], 'text'],
    ['500 then success', [{ kind: 'http-error', status: 500 }, ok], 2, [500], 'text'],
    [
      '500 every time: two retries, then the error',
      [{ kind: 'http-error', status: 500 }],
      3,
      [500, 1500],
      'http-error',
    ],
    ['404 is final', [{ kind: 'http-error', status: 404 }, ok], 1, [], 'http-error'],
    ['offline is final', [{ kind: 'offline' }, ok], 1, [], 'offline'],
  ])('%s', async (_what, outcomes, attempts, waits, kind) => {
    expect(await run(outcomes)).toMatchObject({ attempts, waits, result: { kind } })
  })
})

test('the limiter never runs more than four tasks at once, and runs them all', async () => {
  const limit = createLimiter(4)
  let active = 0
  let peak = 0
  const release: Array<() => void> = []
  const tasks = Array.from({ length: 10 }, (_, i) =>
    limit(async () => {
      active++
      peak = Math.max(peak, active)
      await new Promise<void>((resolve) => release.push(resolve))
      active--
      return i
    }),
  )
  while (release.length || active) {
    await new Promise((r) => setImmediate(r))
    release.shift()?.()
  }
  expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  expect(peak).toBe(4)
})
