import Taro from '@tarojs/taro'

/**
 * Storage that never throws. Values are stored as JSON text we write ourselves, so a damaged
 * value is visible as text that does not parse, instead of an exception deep in the platform.
 */

/** The stored text under `key`, or null when there is none or it cannot be read. */
export function loadText(key: string): string | null {
  try {
    const value: unknown = Taro.getStorageSync(key)
    if (typeof value === 'string' && value !== '') return value
    // A value someone stored without us (an object) still counts as present, as its JSON.
    if (value !== '' && value !== undefined && value !== null) return JSON.stringify(value)
    return null
  } catch {
    return null
  }
}

/** The parsed value under `key`, or null when missing, unreadable or not JSON. */
export function load<T = unknown>(key: string): T | null {
  const text = loadText(key)
  if (text === null) return null
  try {
    return JSON.parse(text) as T
  } catch {
    return null
  }
}

/** Writes `value` as JSON; false when the platform refuses (quota, serialisation, anything). */
export function save(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, JSON.stringify(value))
    return true
  } catch {
    return false
  }
}

export function saveText(key: string, text: string): boolean {
  try {
    Taro.setStorageSync(key, text)
    return true
  } catch {
    return false
  }
}

export function remove(key: string): boolean {
  try {
    Taro.removeStorageSync(key)
    return true
  } catch {
    return false
  }
}
