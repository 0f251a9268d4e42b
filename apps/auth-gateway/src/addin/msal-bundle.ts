import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let bundle: string | null | undefined;

/**
 * MSAL for the browser (its UMD build, global `msal`), served from our origin so the task pane needs no
 * third-party script host beyond Office.js. Read once; null when the package is not installed.
 */
export function msalBrowserBundle(): string | null {
  if (bundle !== undefined) return bundle;
  try {
    const resolve = createRequire(join(process.cwd(), 'package.json')).resolve;
    bundle = readFileSync(join(dirname(resolve('@azure/msal-browser')), 'msal-browser.min.js'), 'utf8');
  } catch {
    bundle = null;
  }
  return bundle;
}
