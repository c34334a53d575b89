import { existsSync } from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import type { IMiniAppConfig } from '@tarojs/taro/types/compile'
import webpack from 'webpack'

import devConfig from './dev'
import prodConfig from './prod'

const platform = process.env.TARO_ENV ?? 'weapp'
// LRE_DIST lets tests build a second mini program (one with a content URL) beside the default.
const outputRoot = `dist/${process.env.LRE_DIST ?? platform}`

const ROOT = path.resolve(__dirname, '..')
const SAMPLES_DIR = path.join(ROOT, 'src', 'content', 'bundled')
// LRE_BUNDLED_DIR lets tests build the app around generated content instead of the bundled samples:
// the same code, any series (a folder laid out like src/content/bundled, made by the content CLI).
const bundledDir = process.env.LRE_BUNDLED_DIR ? path.resolve(process.env.LRE_BUNDLED_DIR) : SAMPLES_DIR

type Chain = Parameters<NonNullable<IMiniAppConfig['webpackChain']>>[0]
type Resolved = { createData?: { resource?: string; context?: string } }

function webpackChain(chain: Chain): void {
  chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
  if (bundledDir === SAMPLES_DIR) return
  chain.plugin('lre-bundled-content').use(webpack.NormalModuleReplacementPlugin, [
    /[\\/]src[\\/]content[\\/]bundled[\\/]/,
    (result: Resolved) => {
      const data = result.createData
      if (!data?.resource?.startsWith(SAMPLES_DIR + path.sep)) return
      data.resource = bundledDir + data.resource.slice(SAMPLES_DIR.length)
      // The module's own imports (its JSON bodies) resolve from where it now is.
      data.context = path.dirname(data.resource)
    },
  ])
}

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
    // Taro itself inlines TARO_APP_* only from .env files, not from the shell that runs the build.
    defineConstants: {
      'process.env.TARO_APP_CONTENT_URL': JSON.stringify(process.env.TARO_APP_CONTENT_URL ?? ''),
      // The editors' preview build (`build:h5:preview`): '' elsewhere, so what it guards is dead code.
      'process.env.TARO_APP_PREVIEW': JSON.stringify(process.env.TARO_APP_PREVIEW ?? ''),
    },
    // Bundled interview images are referenced from content data, not from code, so they are
    // copied as files rather than imported. Only small pictures ride in the package, so a column may
    // have none, and then no media folder: a copy pattern for a missing folder fails the build.
    copy: {
      patterns: [
        // Small pictures ride with the reader, the only page that shows them from the package (WeChat
        // lets no main-package page show a subpackage's file, so the list's thumbnails come from the host).
        ...(existsSync(path.join(bundledDir, 'media'))
          ? [
              {
                from: `${path.relative(ROOT, bundledDir)}/media/`,
                to: `${outputRoot}/${platform === 'weapp' ? 'pages/reader' : 'static'}/media/`,
              },
            ]
          : []),
        ...(platform === 'weapp'
          ? [
              { from: 'src/sitemap.json', to: `${outputRoot}/sitemap.json` },
              // The whole manifest as a plain file in the reader's package: the list reads it with
              // require.async (src/app/bundled-manifest.ts), so the main package carries only the head.
              {
                from: `${path.relative(ROOT, bundledDir)}/rest.js`,
                to: `${outputRoot}/pages/reader/rest.js`,
              },
            ]
          : []),
      ],
      options: {},
    },
    // Taro writes its templates into base.wxml once per nesting level, up to baseLevel (16 by default),
    // and renders anything deeper through its recursive comp component. Our deepest page is 7 levels
    // (asserted in tests/weapp/budgets.test.ts), so 8 keeps about 23 KB of templates out of the main
    // package.
    baseLevel: 8,
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
      },
      webpackChain,
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
      webpackChain,
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
