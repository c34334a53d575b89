import { setUp, type Outcome } from './wx-setup'
import type { HarnessResponse } from './wx-request'

describe('wx.request', () => {
  const cases: Array<[string, HarnessResponse, number | undefined, number, Outcome]> = [
    [
      'an answer arrives after 5 ms',
      { statusCode: 200, data: '{}', header: { ETag: 'x' } },
      undefined,
      5,
      { success: { errMsg: 'request:ok', statusCode: 200, data: '{}', header: { ETag: 'x' } } },
    ],
    [
      'offline fails fast',
      { fail: 'offline' },
      undefined,
      5,
      { fail: { errMsg: 'request:fail -101:net::ERR_CONNECTION_REFUSED' } },
    ],
    [
      'a timeout fails after the request’s own timeout',
      { fail: 'timeout' },
      3000,
      3000,
      { fail: { errMsg: 'request:fail timeout' } },
    ],
    [
      'a timeout without one waits 60 s',
      { fail: 'timeout' },
      undefined,
      60_000,
      { fail: { errMsg: 'request:fail timeout' } },
    ],
  ]

  it.each(cases)('%s', async (_name, response, timeout, after, expected) => {
    const { api, clock, host } = setUp({}, { respond: () => response })
    const outcome: Outcome = {}
    api('request')({
      url: 'https://x.test/a.json',
      header: { 'If-None-Match': 'e' },
      timeout,
      success: (r: unknown) => (outcome.success = r),
      fail: (e: unknown) => (outcome.fail = e),
      complete: (r: unknown) => (outcome.complete = r),
    })
    expect(host.requests).toEqual([
      { url: 'https://x.test/a.json', header: { 'If-None-Match': 'e' }, timeout: timeout ?? 60_000 },
    ])
    await clock.advance(after - 1)
    expect(outcome).toEqual({})
    await clock.advance(1)
    expect(outcome).toEqual({ ...expected, complete: expected.success ?? expected.fail })
  })
})
