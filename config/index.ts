import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'

import devConfig from './dev'
import prodConfig from './prod'

const platform = process.env.TARO_ENV ?? 'weapp'
// LRE_DIST lets tests build a second mini program (one with a content URL) beside the default.
const outputRoot = `dist/${process.env.LRE_DIST ?? platform}`

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'light-of-rare-earth-reader',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot,
    plugins: [path.resolve(__dirname, '..', 'plugins', 'weapp-aria.js')],
    // Always defined, so code can read it even when the build names no content URL (bundled only).
    defineConstants: {
      'process.env.TARO_APP_CONTENT_URL': JSON.stringify(process.env.TARO_APP_CONTENT_URL ?? ''),
    },
    // Bundled interview images are referenced from content data, not from code, so they are
    // copied as files rather than imported.
    copy: {
      patterns: [{ from: 'src/content/bundled/media/', to: `${outputRoot}/static/media/` }],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
  }

  if (mode === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
