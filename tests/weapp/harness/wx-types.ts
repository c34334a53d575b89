/**
 * Types for the fake `wx`, from WeChat's own typings (`miniprogram-api-typings`, pinned).
 *
 * Only the API declarations are referenced, not the package's entry: its index also declares mini
 * program globals (`require`, `console`, `setTimeout`, `module`…) that would clash with Node's
 * throughout the project. The few helper types the API file takes from that index are declared below.
 * The `Page` and `Component` namespaces (a handful of parameter types, e.g. `SelectorQuery.in`) stay
 * unresolved and so read as `any`: referencing them would declare global `Page()` and `Component()`.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a global namespace, no module to import
/// <reference path="../../../node_modules/miniprogram-api-typings/types/wx/lib.wx.api.d.ts" />

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- merges into WeChat's namespace
  namespace WechatMiniprogram {
    type IAnyObject = Record<string, unknown>
    interface AsyncMethodOptionLike {
      success?: (...args: never[]) => void
    }
    type PromisifySuccessResult<P, T extends AsyncMethodOptionLike> = P extends { success: unknown }
      ? void
      : P extends { fail: unknown }
        ? void
        : P extends { complete: unknown }
          ? void
          : Promise<Parameters<Exclude<T['success'], undefined>>[0]>
  }
}

export type Wx = WechatMiniprogram.Wx
export type WxApi = keyof Wx

/** The option object an API takes (for generic APIs, its constraint). */
export type OptionOf<K extends WxApi> = Wx[K] extends (option: infer O, ...rest: never[]) => unknown
  ? NonNullable<O>
  : never

/** What an asynchronous API passes to `success`. */
export type SuccessOf<K extends WxApi> =
  OptionOf<K> extends { success?: (result: infer R) => void } ? R : never

/** That result without `errMsg`, which the builder fills in; `void` when nothing else is in it. */
export type Produced<K extends WxApi> = [keyof Omit<SuccessOf<K>, 'errMsg'>] extends [never]
  ? void
  : Omit<SuccessOf<K>, 'errMsg'>

export type Callbacks = {
  success?: (result: unknown) => void
  fail?: (error: unknown) => void
  complete?: (result: unknown) => void
}

/**
 * A value of which the fake models only part. `Partial<T>` still rejects a misspelt or mis-typed field;
 * the rest of `T` is left out on purpose.
 */
export const shaped = <T>(value: Partial<T>): T => value as T

/** Runs a callback on the next virtual tick. */
export type Later = (fn: () => void) => void

/**
 * An asynchronous API as WeChat runs it: `produce` does the work at once; `success` (with
 * `errMsg: '<api>:ok'` and what `produce` returned) or `fail` (with the thrown message), then `complete`,
 * are called on the next tick.
 */
export function callbackApi(
  later: Later,
  name: string,
  produce: (option: Record<string, unknown>) => unknown,
) {
  return (option: Record<string, unknown> = {}): void => {
    const callbacks = option as Callbacks
    let result: unknown
    let failed = false
    try {
      result = { errMsg: `${name}:ok`, ...((produce(option) as object | undefined) ?? {}) }
    } catch (error) {
      failed = true
      result = { errMsg: String((error as Error).message ?? error) }
    }
    later(() => {
      if (failed) callbacks.fail?.(result)
      else callbacks.success?.(result)
      callbacks.complete?.(result)
    })
  }
}

/** `callbackApi` typed from WeChat's declaration of `name`: its option, and what `success` receives. */
export function asyncApi<K extends WxApi>(
  later: Later,
  name: K,
  produce: (option: OptionOf<K>) => Produced<K>,
) {
  return callbackApi(later, name, produce as (option: Record<string, unknown>) => unknown) as unknown as Wx[K]
}
