import { Inject, Injectable, Logger } from '@nestjs/common';
import { AdminApiErrorCode, ErrorCode } from '@archive365/contracts';
import * as oidc from 'openid-client';
import { adminSignInOf, type AdminApiConfig } from '../app/admin-api.config';
import { ADMIN_API_CONFIG } from '../app/admin-api.tokens';
import { AdministratorStore } from '../administrators/administrator.repository';
import { AdminApiError } from '../http/admin-api.error';
import { AccessTokenStore } from '../tokens/access-token.repository';
import { newTokenSecret } from '../tokens/token-secret';
import { SignInRequestStore } from './sign-in-request.repository';
import { fetchTrusting } from './trusting-fetch';

const SIGN_IN_TTL_MS = 10 * 60_000;

export interface StartedSignIn {
  authorizationUrl: string;
}

export interface CompletedSignIn {
  sessionSecret: string;
  expiresAt: Date;
  returnTo: string;
  administrator: { id: string; name: string };
}

/**
 * Administrators sign in with Microsoft: OpenID Connect, authorization code with PKCE (what Microsoft
 * recommends over the implicit id_token flow), against the provider's own tenant only. The id_token is
 * checked by openid-client (signature, issuer of that tenant, audience, nonce); the administrator is
 * then looked up by (tid, oid), never by the mutable user name.
 */
@Injectable()
export class MicrosoftSignInService {
  private readonly logger = new Logger(MicrosoftSignInService.name);
  private discovered?: Promise<oidc.Configuration>;

  constructor(
    @Inject(ADMIN_API_CONFIG) private readonly config: AdminApiConfig,
    private readonly requests: SignInRequestStore,
    private readonly administrators: AdministratorStore,
    private readonly tokens: AccessTokenStore,
  ) {}

  async start(returnTo: string): Promise<StartedSignIn> {
    const settings = this.settings();
    const configuration = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.requests.remember({
      state,
      codeVerifier,
      nonce,
      returnTo,
      expiresAt: new Date(Date.now() + SIGN_IN_TTL_MS).toISOString(),
    });
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: 'openid profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl: url.href };
  }

  /** `callbackUrl`: the URL the browser came back to, with `code` and `state` (or Microsoft's `error`). */
  async complete(callbackUrl: URL): Promise<CompletedSignIn> {
    const settings = this.settings();
    const error = callbackUrl.searchParams.get('error');
    if (error) {
      throw refused(
        'SIGN_IN_FAILED',
        `Microsoft refused the sign-in: ${error}`,
        callbackUrl.searchParams.get('error_description') ?? undefined,
      );
    }
    const state = callbackUrl.searchParams.get('state') ?? '';
    const pending = state ? await this.requests.take(state) : undefined;
    if (!pending) {
      throw refused(
        'SIGN_IN_EXPIRED',
        'this sign-in is unknown, used or expired',
        'start again at /api/auth/signin',
      );
    }
    // The token request's redirect_uri must be the registered one exactly: rebuild it from configuration
    // (the request may have reached us through a proxy under another host name).
    const redirect = new URL(settings.redirectUri);
    redirect.search = callbackUrl.search;
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(await this.configuration(), redirect, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (failure) {
      this.logger.warn({ err: failure }, 'Microsoft sign-in: the code could not be redeemed');
      throw refused(
        'SIGN_IN_FAILED',
        'the sign-in could not be completed with Microsoft',
        'start again at /api/auth/signin',
      );
    }
    const tenantId = typeof claims?.['tid'] === 'string' ? claims['tid'].toLowerCase() : '';
    const objectId = typeof claims?.['oid'] === 'string' ? claims['oid'] : '';
    // The issuer was already pinned to the provider's tenant; `tid` says the same, checked anyway.
    if (tenantId !== settings.tenantId || !objectId) {
      throw refused('NOT_AN_ADMINISTRATOR', "this account is not from the provider's tenant");
    }
    const administrator = await this.administrators.findByIdentity(tenantId, objectId);
    if (!administrator) {
      throw refused(
        'NOT_AN_ADMINISTRATOR',
        'this account is not an administrator of the archive',
        'ask an administrator to add your object id',
      );
    }
    const name =
      typeof claims?.['name'] === 'string' && claims['name'] ? claims['name'] : administrator.displayName;
    if (name !== administrator.displayName) await this.administrators.rename(administrator.id, name);
    const sessionSecret = newTokenSecret();
    const expiresAt = new Date(Date.now() + this.config.ADMIN_SESSION_HOURS * 3_600_000);
    await this.tokens.issue(
      {
        kind: 'session',
        name,
        instances: null,
        administratorId: administrator.id,
        createdBy: name,
        expiresAt,
      },
      sessionSecret,
    );
    return {
      sessionSecret,
      expiresAt,
      returnTo: pending.returnTo,
      administrator: { id: administrator.id, name },
    };
  }

  private settings() {
    const settings = adminSignInOf(this.config);
    if (!settings) {
      throw new AdminApiError({
        code: ErrorCode.NotFound,
        message: 'Microsoft sign-in is not configured on this admin API',
        reason: 'SIGN_IN_NOT_CONFIGURED',
        hint: 'set ADMIN_OIDC_TENANT_ID and ADMIN_OIDC_CLIENT_ID (see the README), or use an API token',
      });
    }
    return settings;
  }

  /** Discovery once, retried on the next sign-in if Microsoft could not be reached. */
  private configuration(): Promise<oidc.Configuration> {
    const settings = this.settings();
    this.discovered ??= (async () => {
      const fetcher = settings.caFile ? fetchTrusting(settings.caFile) : undefined;
      const configuration = await oidc.discovery(
        new URL(`${settings.authority}/${settings.tenantId}/v2.0`),
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
        fetcher ? { [oidc.customFetch]: fetcher } : undefined,
      );
      if (fetcher) configuration[oidc.customFetch] = fetcher;
      return configuration;
    })().catch((failure: unknown) => {
      this.discovered = undefined;
      this.logger.warn({ err: failure }, 'Microsoft sign-in: discovery failed');
      throw new AdminApiError({
        code: ErrorCode.DependencyFailed,
        message: 'Microsoft sign-in is unreachable',
        reason: 'SIGN_IN_DISCOVERY_FAILED',
        hint: 'check ADMIN_OIDC_AUTHORITY and ADMIN_OIDC_TENANT_ID, and that the host can reach it',
      });
    });
    return this.discovered;
  }
}

function refused(reason: string, message: string, hint?: string): AdminApiError {
  return new AdminApiError({
    code: AdminApiErrorCode.Unauthenticated,
    message,
    reason,
    ...(hint ? { hint } : {}),
  });
}
