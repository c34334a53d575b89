import type { UserConfigExport } from '@tarojs/cli'

// Production output is what WeChat's code-quality check grades: JS, WXML and WXSS minified.
export default {
  mini: {
    optimizeMainPackage: { enable: true },
  },
  h5: {},
  terser: { enable: true },
  csso: { enable: true },
} satisfies UserConfigExport<'webpack5'>
