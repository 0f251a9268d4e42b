import { badRequest } from '../core/graph-error';

/**
 * Opaque continuation tokens (`$skiptoken`, `$deltatoken`): base64url JSON bound to one tenant
 * incarnation. Clients must only echo them back; anything else is rejected with a clear message.
 */
export interface TokenEnvelope<T> {
  /** Tenant id. */
  t: string;
  /** Tenant generation (changes when the tenant is re-seeded). */
  g: string;
  d: T;
}

export function encodeToken<T>(tenantId: string, generation: string, data: T): string {
  const envelope: TokenEnvelope<T> = { t: tenantId, g: generation, d: data };
  return Buffer.from(JSON.stringify(envelope)).toString('base64url');
}

/** Decodes without checking the tenant; callers decide how a foreign or stale token is answered. */
export function decodeEnvelope(raw: string): TokenEnvelope<unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 't' in parsed && 'g' in parsed && 'd' in parsed) {
      return parsed as TokenEnvelope<unknown>;
    }
  } catch {
    // Not ours: handled below like any other unknown token.
  }
  return undefined;
}

/** A `$skiptoken` for this tenant, or 400 when it was not issued by this tenant's previous page. */
export function decodeSkipToken<T>(
  raw: string,
  tenantId: string,
  generation: string,
  isValid: (data: unknown) => data is T,
): T {
  const envelope = decodeEnvelope(raw);
  if (!envelope || envelope.t !== tenantId || envelope.g !== generation || !isValid(envelope.d)) {
    throw badRequest(
      "The $skiptoken is not valid for this request. Follow the '@odata.nextLink' of the previous page unchanged.",
    );
  }
  return envelope.d;
}
