/** Loads src/app.config.ts, which calls the global defineAppConfig that Taro provides at build time. */
;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../../src/app.config').default as {
  pages: string[]
  tabBar: { list: Array<{ pagePath: string; iconPath: string; selectedIconPath: string }> }
}
export default config
