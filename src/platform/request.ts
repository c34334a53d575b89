import Taro from '@tarojs/taro'

/** What came back from one HTTP attempt, before anyone has judged it. */
export type RawAttempt =
  | { kind: 'response'; status: number; text: string; headers: Record<string, string> }
  | { kind: 'error'; message: string }

export type TextRequest = { url: string; timeoutMs: number; headers?: Record<string, string> }

function lowerCaseKeys(headers: unknown): Record<string, string> {
  if (!headers || typeof headers !== 'object') return {}
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]))
}

/**
 * One GET whose body is returned as text, never parsed by the platform, so the caller can tell a
 * truncated or HTML body from JSON and hash the exact text. Never rejects.
 */
export function requestText({ url, timeoutMs, headers }: TextRequest): Promise<RawAttempt> {
  try {
    return Taro.request({
      url,
      method: 'GET',
      header: headers ?? {},
      timeout: timeoutMs,
      dataType: '其他',
      responseType: 'text',
    }).then(
      (res): RawAttempt => ({
        kind: 'response',
        status: res.statusCode,
        text: typeof res.data === 'string' ? res.data : res.data == null ? '' : JSON.stringify(res.data),
        headers: lowerCaseKeys(res.header),
      }),
      (error): RawAttempt => ({ kind: 'error', message: String(error?.errMsg ?? error) }),
    )
  } catch (error) {
    return Promise.resolve({ kind: 'error', message: String((error as Error)?.message ?? error) })
  }
}
