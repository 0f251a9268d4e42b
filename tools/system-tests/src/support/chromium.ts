import { chromium, type Browser } from 'playwright-core';

/** Debian's headless Chromium, trusting exactly the given server keys (SPKI SHA-256, base64). */
export function launchChromium(trustedSpkis: string[]): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Office's dialog API opens a window from a callback, not from a click.
      '--disable-popup-blocking',
      `--ignore-certificate-errors-spki-list=${trustedSpkis.join(',')}`,
    ],
  });
}
