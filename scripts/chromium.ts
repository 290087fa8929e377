import { type Browser, chromium } from 'playwright-core';

/** Flags for Debian's Chromium in a container: no sandbox, no GPU, and nothing that calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium (apt-get install chromium; never a downloaded browser), unless CHROME_PATH or CHROMIUM names another. */
export const CHROMIUM_PATH = process.env.CHROME_PATH || process.env.CHROMIUM || '/usr/bin/chromium';

/** That Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}
