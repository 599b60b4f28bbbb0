// Headless Chromium for looking at the QR sheet (the screenshot step and its test): Debian's `chromium` driven by
// playwright-core, which brings no browser of its own.
import { existsSync } from 'node:fs'

import { chromium, type Browser } from 'playwright-core'

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium'

/** How to get it, for the message when it is missing. */
export const CHROMIUM_INSTALL = 'apt-get install -y chromium (as root; .ci/run does this)'

// Headless in a container: no sandbox (no user namespaces), no GPU, and nothing that phones home.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** CSS pixels per millimetre (CSS has 96 px to the inch): A4 is 210 × 297 mm. */
export const MM = 96 / 25.4

/** Launches headless Chromium; throws a message saying how to install it when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: install it with ${CHROMIUM_INSTALL}.`)
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS })
}
