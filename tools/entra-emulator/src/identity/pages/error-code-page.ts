import { page } from './html';

/**
 * The page `error_uri` points to (Microsoft's is https://login.microsoftonline.com/error?code=N): the
 * code and where Microsoft documents it. Only digits are echoed.
 */
export function errorCodePage(rawCode: unknown): string {
  const code = typeof rawCode === 'string' && /^\d{1,9}$/.test(rawCode) ? rawCode : undefined;
  const body = code
    ? `<h1>AADSTS${code}</h1><p>See <a href="https://login.microsoftonline.com/error?code=${code}">Microsoft's description of AADSTS${code}</a> and the <a href="https://learn.microsoft.com/entra/identity-platform/reference-error-codes">error code reference</a>.</p>`
    : '<h1>Look up an error code</h1><p>Add <code>?code=</code> with the number after AADSTS.</p>';
  return page('Error code lookup', body);
}
