import type { FixtureUser } from '../fixture/fixture.types';
import type { SigningKeyRing } from '../keys/signing-key-ring';
import { epochSeconds, type Clock } from '../shared/clock';
import { v2Issuer } from './issuers';
import { signJwt } from './jwt-signer';
import { pairwiseSubject } from './pairwise-subject';
import { leftHalfHash } from './token-hashes';
import { ID_TOKEN_LIFETIME_SECONDS } from './token-lifetimes';

export interface IdTokenRequest {
  origin: string;
  tenantId: string;
  clientAppId: string;
  user: FixtureUser;
  nonce?: string;
  /** Scopes granted in the sign-in: `profile` adds `name`, `email` adds `email`. */
  oidcScopes: string[];
  /** The code returned beside the id_token in the hybrid flow: adds `c_hash`. */
  code?: string;
  /** The access token returned beside the id_token: adds `at_hash`. */
  accessToken?: string;
  /** Values of the client app's roles assigned to the user; omitted when none. */
  roles?: string[];
}

/**
 * Issues v2.0 id_tokens (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference):
 * `aud` is the client, `oid` the Graph user id, `sub` pairwise per app, `preferred_username` the UPN.
 */
export class IdTokenIssuer {
  constructor(
    private readonly keys: SigningKeyRing,
    private readonly clock: Clock,
  ) {}

  async issue(request: IdTokenRequest): Promise<string> {
    const now = epochSeconds(this.clock);
    const { user } = request;
    const wantsProfile = request.oidcScopes.includes('profile');
    const wantsEmail = request.oidcScopes.includes('email');
    return signJwt(this.keys, {
      aud: request.clientAppId,
      iss: v2Issuer(request.origin, request.tenantId),
      iat: now,
      nbf: now,
      exp: now + ID_TOKEN_LIFETIME_SECONDS,
      ...(wantsProfile && user.displayName ? { name: user.displayName } : {}),
      ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
      oid: user.id,
      ...(request.roles && request.roles.length > 0 ? { roles: request.roles } : {}),
      preferred_username: user.userPrincipalName,
      ...(wantsEmail && user.mail ? { email: user.mail } : {}),
      sub: pairwiseSubject(request.tenantId, request.clientAppId, user.id),
      tid: request.tenantId,
      ...(request.code ? { c_hash: leftHalfHash(request.code) } : {}),
      ...(request.accessToken ? { at_hash: leftHalfHash(request.accessToken) } : {}),
      ver: '2.0',
    });
  }
}
