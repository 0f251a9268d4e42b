import { Inject, Injectable } from '@nestjs/common';
import { AUTH_GATEWAY_CONFIG, AuthGatewayConfig } from '../app/auth-gateway.config';
import { InstanceResolver } from '../instances/instance-resolver';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import type { ArchiveIdentity } from '../sessions/archive-identity';
import { SessionTokensService, type IssuedToken } from '../sessions/session-tokens.service';
import { rejection } from '../sign-in/sign-in.service';
import { SignInAuthorization } from '../sign-in/sign-in-authorization';
import { SignInMetrics } from '../sign-in/sign-in-metrics';
import { validateApiAccessToken } from '../validation/token-validator';

export interface ArchiveSession {
  archiveToken: string;
  expiresAt: string;
  user: ArchiveIdentity['user'];
}

/**
 * Nested app authentication (DESIGN 3a): the add-in gets an access token for our API with MSAL and
 * posts it here; we validate it as a resource server (signature, issuer of an allowed tenant, aud, scp,
 * ver) and hand back an archive session. An id_token is never accepted as a credential here.
 */
@Injectable()
export class NaaExchangeService {
  constructor(
    @Inject(AUTH_GATEWAY_CONFIG) private readonly config: AuthGatewayConfig,
    private readonly instances: InstanceResolver,
    private readonly authorization: SignInAuthorization,
    private readonly tokens: SessionTokensService,
    private readonly metrics: SignInMetrics,
  ) {}

  /** Counted and timed as the `naa` flow. */
  exchange(alias: string, accessToken: string | undefined): Promise<ArchiveSession> {
    return this.metrics.measure('naa', () => this.exchangeToken(alias, accessToken));
  }

  private async exchangeToken(alias: string, accessToken: string | undefined): Promise<ArchiveSession> {
    const instance = await this.instances.resolve(alias);
    if (!accessToken) throw new SignInError(SignInErrorCode.InvalidRequest, { field: 'accessToken' });
    let validated;
    try {
      validated = await validateApiAccessToken(accessToken, {
        issuer: instance.issuer,
        allowedTenantIds: instance.allowedTenantIds,
        clientId: instance.clientId,
        // The add-in's own registration is the instance's app (its SPA redirect brk-multihub://...).
        clientApps: [instance.clientId],
        scope: this.config.ADDIN_API_SCOPE,
        jwks: instance.jwks,
        nowSeconds: Math.floor(Date.now() / 1000),
        skewSeconds: this.config.CLOCK_SKEW_SECONDS,
      });
    } catch (error) {
      throw rejection(error);
    }
    const user = await this.authorization.archiveUser(instance.alias, validated.tid, validated.oid);
    const identity: ArchiveIdentity = {
      instanceAlias: instance.alias,
      tid: validated.tid,
      oid: validated.oid,
      user,
      method: 'naa',
    };
    return toSession(identity, await this.tokens.archiveToken(identity, instance.baseUrl));
  }
}

export function toSession(identity: ArchiveIdentity, issued: IssuedToken): ArchiveSession {
  return { archiveToken: issued.token, expiresAt: issued.expiresAt.toISOString(), user: identity.user };
}
