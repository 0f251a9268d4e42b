import type { MemoryStore } from './store/memory-store';

/**
 * The seams between the emulator's parts: the identity half issues and verifies tokens, the Graph
 * half serves the directory, the faults controller can disturb either.
 */

/** Claims of an access token the emulator issued (v1.0 shape for Graph, as Microsoft issues them). */
export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  /** Client id of the calling app (v1.0 tokens carry `appid`, not `azp`). */
  appid: string;
  /** Object id of the signed-in user (delegated) or of the app's service principal (app-only). */
  oid: string;
  idtyp: 'app' | 'user';
  ver: '1.0' | '2.0';
  /** Application permissions (app-only tokens); absent when none is consented. */
  roles?: string[];
  /** Delegated permissions, space-separated (user tokens). */
  scp?: string;
  /** Directory role template ids of the signed-in user. */
  wids?: string[];
  upn?: string;
  name?: string;
  iat: number;
  nbf: number;
  exp: number;
}

/**
 * Verifies a Graph request's `Authorization` header: signature (current or recently rotated key),
 * expiry, audience `https://graph.microsoft.com` (or the Graph appId) and a known tenant.
 * Rejects with {@link GraphAuthError}; it does not check permissions (the route does).
 */
export type GraphBearerVerifier = (authorizationHeader: string | undefined) => Promise<AccessTokenClaims>;

/** A rejected bearer token, answered by Graph as 401 `InvalidAuthenticationToken`. */
export class GraphAuthError extends Error {
  constructor(readonly graphMessage: string) {
    super(graphMessage);
    this.name = 'GraphAuthError';
  }
}

export interface EmulatorContext {
  /** The one store implementation: the in-memory directory. */
  store: MemoryStore;
  verifyGraphBearer: GraphBearerVerifier;
  /** The same checks for Exchange Online's audience (EWS). */
  verifyExchangeBearer: GraphBearerVerifier;
}
