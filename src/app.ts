import { useDidShow, useError, useLaunch, usePageNotFound, useUnhandledRejection } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'

import { recoverFromDeadLink, reportUncaught, watchForNewVersion } from './app/lifecycle'
import { FOREGROUND_REFRESH_MS, repository } from './app/root'
import { registerAriaAttributes } from './platform/aria'
import { makePagesKeyboardScrollable } from './platform/h5-a11y'

// The app entry runs before any page renders: the platform set-up that rendering depends on.
registerAriaAttributes()
makePagesKeyboardScrollable()

import './app.scss'

/** Providers only: state lives in content/ and library/ stores that every page shares. */
function App({ children }: PropsWithChildren) {
  // The first screen shows what the device has; the network is asked behind it.
  useLaunch(() => {
    void repository.refresh()
    watchForNewVersion()
  })
  useDidShow(() => void repository.refreshIfStale(FOREGROUND_REFRESH_MS))
  usePageNotFound((res) => void recoverFromDeadLink(res.path))
  useError((message) => reportUncaught('error', message))
  useUnhandledRejection((res) => reportUncaught('unhandled-rejection', res.reason))
  return children
}

export default App
