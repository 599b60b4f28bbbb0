import type { PropsWithChildren } from 'react'
import { setUpPlatform } from './platform/app-setup'
import './app.scss'

// Before the first page renders (in the browser, a printed link's path must land like a scan).
setUpPlatform()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
