import { useDidShow, useError, useLaunch, useUnhandledRejection } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'

import { applyLanguage } from './app/language'
import { reportUncaught, watchForDeadLinks, watchForNewVersion } from './app/lifecycle'
import { followPreviewEditions } from './app/preview'
import { FOREGROUND_REFRESH_MS, repository } from './app/root'
import { registerAriaAttributes } from './platform/aria'
import { makePagesKeyboardScrollable } from './platform/h5-a11y'

// The app entry runs before any page renders: the platform set-up that rendering depends on.
registerAriaAttributes()
// Every word of every page, and the tabBar's, in the reader's language from the first render.
applyLanguage()
makePagesKeyboardScrollable()
// Before any page: WeChat asks about a missing page before it would open one.
watchForDeadLinks()

import './app.scss'

/** Providers only: state lives in content/ and library/ stores that every page shares. */
function App({ children }: PropsWithChildren) {
  // The first screen shows what the device has; the network is asked behind it.
  useLaunch(() => {
    void repository.refresh()
    watchForNewVersion()
    // The editors' preview (a literal: other builds drop it) reads each edition its server builds.
    if (process.env.TARO_APP_PREVIEW) followPreviewEditions()
  })
  useDidShow(() => void repository.refreshIfStale(FOREGROUND_REFRESH_MS))
  useError((message) => reportUncaught('error', message))
  useUnhandledRejection((res) => reportUncaught('unhandled-rejection', res.reason))
  return children
}

export default App
