// Launches the machine's Chromium (Debian's /usr/bin/chromium) through playwright-core: never a downloaded browser.
// Playwright gives each launch a fresh, empty profile directory of its own (it refuses --user-data-dir here).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.ORCHESTRA_CHROMIUM || '/usr/bin/chromium';

export async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, close: () => browser.close() };
}
