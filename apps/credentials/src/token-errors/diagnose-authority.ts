import { get, type Agent } from 'node:https';

const DIAGNOSIS_TIMEOUT_MS = 5000;

/**
 * MSAL reports every failure of its metadata request the same way ("endpoints_resolution_error"),
 * whether the tenant does not exist (Entra answers AADSTS90002 there), the authority's TLS
 * certificate is not trusted, or nothing answers. This asks the tenant's OpenID metadata once more,
 * itself, and returns what it learned as evidence for `toTokenFailure`: Entra's error reply, or the
 * TLS error. `undefined` when it learned nothing new.
 */
export function diagnoseAuthority(authorityHost: string, tenantId: string, agent?: Agent): Promise<unknown> {
  const url = `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`;
  return new Promise((resolve) => {
    const request = get(url, { agent, timeout: DIAGNOSIS_TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve(
          response.statusCode === 200 ? undefined : entraErrorReply(Buffer.concat(chunks).toString('utf8')),
        ),
      );
      response.on('error', () => resolve(undefined));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', (error: NodeJS.ErrnoException) => resolve(isTlsError(error) ? error : undefined));
  });
}

/** Entra's JSON error body in the shape @azure/identity gives it (`errorResponse`). */
function entraErrorReply(body: string): unknown {
  try {
    const reply = JSON.parse(body) as { error?: string; error_description?: string; error_codes?: number[] };
    if (!Array.isArray(reply.error_codes)) return undefined;
    return {
      errorResponse: {
        error: reply.error,
        errorDescription: reply.error_description,
        errorCodes: reply.error_codes,
      },
    };
  } catch {
    return undefined;
  }
}

function isTlsError(error: NodeJS.ErrnoException): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(error.code ?? '');
}
