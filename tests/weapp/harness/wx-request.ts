/**
 * `wx.request`, answered by the test's responder. An answer arrives 5 virtual ms later; a request the
 * responder times out fails after its own `timeout` (60 s by default, as WeChat's); offline fails fast.
 */
import { shaped, type Wx } from './wx-types'

export type HarnessRequest = { url: string; header: Record<string, string>; timeout: number }
export type HarnessResponse =
  { statusCode: number; data: string; header?: Record<string, string> } | { fail: 'timeout' | 'offline' }
export type Responder = (request: HarnessRequest) => HarnessResponse

/** `respond` is read at every call, so a test can change the network while the app runs. */
export type RequestHost = { requests: HarnessRequest[]; respond: Responder }

export const DEFAULT_TIMEOUT_MS = 60_000
/** How long an answer or a refused connection takes, in virtual ms. */
export const LATENCY_MS = 5

export function requestApi(host: RequestHost, later: (fn: () => void, ms: number) => void): Wx['request'] {
  return (option: WechatMiniprogram.RequestOption) => {
    const request: HarnessRequest = {
      url: String(option.url),
      header: { ...((option.header as Record<string, string>) ?? {}) },
      timeout: Number(option.timeout ?? DEFAULT_TIMEOUT_MS),
    }
    host.requests.push(request)
    const response = host.respond(request)
    if ('fail' in response) {
      const timedOut = response.fail === 'timeout'
      const error = shaped<WechatMiniprogram.RequestFailCallbackErr>({
        errMsg: timedOut ? 'request:fail timeout' : 'request:fail -101:net::ERR_CONNECTION_REFUSED',
      })
      later(
        () => {
          option.fail?.(error)
          option.complete?.(error)
        },
        timedOut ? request.timeout : LATENCY_MS,
      )
    } else {
      const result = shaped<WechatMiniprogram.RequestSuccessCallbackResult>({
        errMsg: 'request:ok',
        statusCode: response.statusCode,
        data: response.data,
        header: response.header ?? {},
      })
      later(() => {
        option.success?.(result)
        option.complete?.(result)
      }, LATENCY_MS)
    }
    return shaped<WechatMiniprogram.RequestTask>({ abort: () => undefined })
  }
}
