/**
 * How a browser test reaches the emulator: Debian's headless Chromium (never a downloaded browser),
 * trusting exactly the given server keys (SPKI SHA-256, base64: the emulator's `serverSpkiSha256`, and
 * any other local HTTPS server the test runs) instead of every certificate. Pass the result to
 * playwright-core's `chromium.launch` or `chromium.launchPersistentContext`.
 */
export function chromiumLaunchOptions(
  trustedSpkis: readonly string[],
  options: { allowPopups?: boolean } = {},
): { executablePath: string; headless: true; args: string[] } {
  return {
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
      ...(options.allowPopups ? ['--disable-popup-blocking'] : []),
      ...(trustedSpkis.length > 0 ? [`--ignore-certificate-errors-spki-list=${trustedSpkis.join(',')}`] : []),
    ],
  };
}
