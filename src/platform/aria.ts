import { mergeInternalComponents } from '@tarojs/shared'

import ariaComponents from './aria-components.json'

/**
 * The runtime half of plugins/weapp-aria.js. Taro maps each attribute to a short key (p0, p1, …)
 * by its sorted position, so the runtime must know the same aria-* attributes the templates were
 * built with, or every attribute after them would land in the wrong slot. Call before first render.
 */
export function registerAriaAttributes(): void {
  if (process.env.TARO_ENV === 'weapp') mergeInternalComponents(JSON.parse(JSON.stringify(ariaComponents)))
}
