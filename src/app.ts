// Must run before anything renders: see the file.
import './platform/aria'

import type { PropsWithChildren } from 'react'

import './app.scss'

/** Providers only: state lives in content/ and library/ stores that every page shares. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App
