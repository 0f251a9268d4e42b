import { randomBytes } from 'node:crypto';
import type { AccessTokenClaims } from '../emulator.types';
import type { SigningKeyRing } from '../keys/signing-key-ring';
import type { FixtureUser } from '../fixture/fixture.types';
import { epochSeconds, type Clock } from '../shared/clock';
import { v1Issuer, v2Issuer } from './issuers';
import { signJwt } from './jwt-signer';
import { pairwiseSubject } from './pairwise-subject';
import { ACCESS_TOKEN_LIFETIME_SECONDS } from './token-lifetimes';

/** How the client proved itself: `appidacr` 0 = public client, 1 = secret, 2 = certificate. */
export type ClientAuthenticationMethod = 'none' | 'secret' | 'certificate';

const APPIDACR: Record<ClientAuthenticationMethod, '0' | '1' | '2'> = {
  none: '0',
  secret: '1',
  certificate: '2',
};

/** Claims of an emulator access token beyond the shared {@link AccessTokenClaims}. */
export interface IssuedAccessTokenClaims extends AccessTokenClaims {
  sub: string;
  idp: string;
  appidacr: '0' | '1' | '2';
  app_displayname: string;
  uti: string;
  unique_name?: string;
  given_name?: string;
  family_name?: string;
  amr?: string[];
}

export interface IssuedAccessToken {
  token: string;
  claims: IssuedAccessTokenClaims;
  expiresIn: number;
}

export interface AppTokenRequest {
  tenantId: string;
  clientAppId: string;
  clientDisplayName: string;
  servicePrincipalId: string;
  audience: string;
  roles: string[];
  authentication: ClientAuthenticationMethod;
}

export interface UserTokenRequest {
  tenantId: string;
  clientAppId: string;
  clientDisplayName: string;
  user: FixtureUser;
  audience: string;
  scp: string;
  wids: string[];
  authentication: ClientAuthenticationMethod;
}

/** A delegated v2.0 access token for an API whose registration asks for them (`requestedAccessTokenVersion: 2`). */
export interface UserTokenV2Request {
  /** Origin of the request, for the v2 issuer `{origin}/{tid}/v2.0`. */
  origin: string;
  tenantId: string;
  clientAppId: string;
  /** The API's appId: the token's `aud` in v2.0. */
  resourceAppId: string;
  user: FixtureUser;
  scp: string;
  authentication: ClientAuthenticationMethod;
}

/**
 * Issues v1.0 access tokens, the version Microsoft Graph and Exchange Online accept: `iss` is
 * `https://sts.windows.net/{tid}/` and the client is named by `appid`, even when requested from the
 * v2.0 endpoint (https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference).
 */
export class AccessTokenIssuer {
  constructor(
    private readonly keys: SigningKeyRing,
    private readonly clock: Clock,
  ) {}

  /** App-only token: `roles` lists the consented application permissions and is omitted when none. */
  async issueAppToken(request: AppTokenRequest): Promise<IssuedAccessToken> {
    return this.sign({
      ...this.commonClaims(
        request.tenantId,
        request.audience,
        request.clientAppId,
        request.clientDisplayName,
        request.authentication,
      ),
      oid: request.servicePrincipalId,
      sub: request.servicePrincipalId,
      idtyp: 'app',
      ...(request.roles.length > 0 ? { roles: request.roles } : {}),
    });
  }

  /** Delegated token: `scp` holds the consented permissions, `wids` the user's directory roles. */
  async issueUserToken(request: UserTokenRequest): Promise<IssuedAccessToken> {
    const { user } = request;
    return this.sign({
      ...this.commonClaims(
        request.tenantId,
        request.audience,
        request.clientAppId,
        request.clientDisplayName,
        request.authentication,
      ),
      oid: user.id,
      sub: pairwiseSubject(request.tenantId, request.clientAppId, user.id),
      idtyp: 'user',
      amr: ['pwd'],
      scp: request.scp,
      wids: request.wids,
      upn: user.userPrincipalName,
      unique_name: user.userPrincipalName,
      ...(user.displayName ? { name: user.displayName } : {}),
      ...(user.givenName ? { given_name: user.givenName } : {}),
      ...(user.surname ? { family_name: user.surname } : {}),
    });
  }

  /**
   * v2.0 token (https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference): `aud`
   * the API's appId, `iss` the v2 issuer, `azp`/`azpacr` name the client, `scp` the API's own scopes.
   */
  async issueUserTokenV2(request: UserTokenV2Request): Promise<{ token: string; expiresIn: number }> {
    const now = epochSeconds(this.clock);
    const { user } = request;
    const claims = {
      aud: request.resourceAppId,
      iss: v2Issuer(request.origin, request.tenantId),
      iat: now,
      nbf: now,
      exp: now + ACCESS_TOKEN_LIFETIME_SECONDS,
      azp: request.clientAppId,
      azpacr: APPIDACR[request.authentication],
      ...(user.displayName ? { name: user.displayName } : {}),
      oid: user.id,
      preferred_username: user.userPrincipalName,
      scp: request.scp,
      sub: pairwiseSubject(request.tenantId, request.clientAppId, user.id),
      tid: request.tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '2.0',
    };
    return { token: await signJwt(this.keys, claims), expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS };
  }

  private commonClaims(
    tenantId: string,
    audience: string,
    appId: string,
    displayName: string,
    authentication: ClientAuthenticationMethod,
  ) {
    const now = epochSeconds(this.clock);
    return {
      aud: audience,
      iss: v1Issuer(tenantId),
      idp: v1Issuer(tenantId),
      iat: now,
      nbf: now,
      exp: now + ACCESS_TOKEN_LIFETIME_SECONDS,
      tid: tenantId,
      appid: appId,
      appidacr: APPIDACR[authentication],
      app_displayname: displayName,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0' as const,
    };
  }

  private async sign(claims: IssuedAccessTokenClaims): Promise<IssuedAccessToken> {
    const token = await signJwt(this.keys, { ...claims });
    return { token, claims, expiresIn: claims.exp - epochSeconds(this.clock) };
  }
}
