import { chromiumLaunchOptions } from '@archive365/entra-emulator';
import { chromium, type Browser } from 'playwright-core';

/** Debian's headless Chromium, trusting exactly the given server keys, with popups for Office's dialog. */
export function launchChromium(trustedSpkis: string[]): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(trustedSpkis, { allowPopups: true }));
}
