import Taro from '@tarojs/taro'

import { canIUse } from './system'

/**
 * Real-time logs for the team (mp admin console → 实时日志): what broke, never anything of the
 * reader's — no favourites, no progress, no reading history, no query text. Where the API is missing
 * or fails, logging is a no-op; it never throws into the app.
 */
export type LogFields = Record<string, string | number | boolean | null>

/** At most this many entries a launch, so a failing loop cannot flood the console or the bridge. */
export const MAX_LOG_ENTRIES = 20
/** Warnings (routine failures, such as being offline) leave this many entries for errors. */
const KEPT_FOR_ERRORS = 5

type Level = 'warn' | 'error'
type Sink = Pick<Taro.RealtimeLogManager, Level>

let sink: Sink | null | undefined
let sent = 0

function realtimeLog(): Sink | null {
  if (sink !== undefined) return sink
  try {
    sink = canIUse(() => Taro.canIUse('getRealtimeLogManager')) ? Taro.getRealtimeLogManager() : null
  } catch {
    sink = null
  }
  return sink
}

function send(level: Level, event: string, fields: LogFields): void {
  const limit = level === 'error' ? MAX_LOG_ENTRIES : MAX_LOG_ENTRIES - KEPT_FOR_ERRORS
  if (sent >= limit) return
  const log = realtimeLog()
  if (!log) return
  sent++
  try {
    log[level]({ event, ...fields })
  } catch {
    // A log that cannot be written is not worth a reader's trouble.
  }
}

export const logWarning = (event: string, fields: LogFields = {}) => send('warn', event, fields)
export const logError = (event: string, fields: LogFields = {}) => send('error', event, fields)

/** An error's message, short: enough to find it, not a dump of whatever it carried. */
export function errorMessage(error: unknown): string {
  const errMsg = (error as { errMsg?: unknown } | null)?.errMsg
  const text =
    error instanceof Error
      ? error.message
      : typeof error === 'string'
        ? error
        : typeof errMsg === 'string'
          ? errMsg
          : String(error)
  return text.slice(0, 200)
}
