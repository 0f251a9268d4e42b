import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AUTH_GATEWAY_CONFIG, AuthGatewayConfig } from '../app/auth-gateway.config';
import { explainMicrosoftError } from '../errors/aadsts-explanations';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import { InstanceResolver } from '../instances/instance-resolver';
import type { ResolvedInstance } from '../instances/resolved-instance';
import type { ArchiveIdentity } from '../sessions/archive-identity';
import { SpentTokensRepository } from '../sessions/spent-tokens.repository';
import { TokenRejection } from '../validation/token-rejection';
import { validateIdToken, type ValidatedIdentity } from '../validation/token-validator';
import { safeReturnTo } from './return-to';
import type { SignInAttempt } from './sign-in-attempt.entity';
import { SignInAttemptsRepository } from './sign-in-attempts.repository';
import { SignInAuthorization } from './sign-in-authorization';

export interface StartedSignIn {
  authorizationUrl: string;
}

export interface CompletedSignIn {
  instance: ResolvedInstance;
  identity: ArchiveIdentity;
  returnTo: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const random = () => randomBytes(32).toString('base64url');

/**
 * The browser sign-in of an instance: start (state, nonce, PKCE kept server-side, bound to the browser)
 * and finish (single-use state, response validated, user checked with directory sync).
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    @Inject(AUTH_GATEWAY_CONFIG) private readonly config: AuthGatewayConfig,
    private readonly instances: InstanceResolver,
    private readonly attempts: SignInAttemptsRepository,
    private readonly spent: SpentTokensRepository,
    private readonly authorization: SignInAuthorization,
  ) {}

  /** `browserBinding` is the secret of the browser's binding cookie (RFC 9700 4.7.1: CSRF protection). */
  async start(alias: string, requestedReturnTo: unknown, browserBinding: string): Promise<StartedSignIn> {
    const instance = await this.instances.resolve(alias);
    const state = random();
    const nonce = random();
    const code = instance.responseType === 'code';
    const codeVerifier = code ? oidc.randomPKCECodeVerifier() : null;
    await this.attempts.begin({
      stateHash: sha256(state),
      instanceAlias: instance.alias,
      browserHash: sha256(browserBinding),
      nonce,
      codeVerifier,
      responseType: instance.responseType,
      returnTo: safeReturnTo(instance, requestedReturnTo),
      expiresAt: Date.now() + this.config.SIGN_IN_TIMEOUT_SECONDS * 1000,
    });
    const parameters: Record<string, string> = {
      redirect_uri: instance.redirectUri,
      scope: 'openid profile email',
      state,
      nonce,
    };
    if (codeVerifier) {
      // RFC 9700 2.1.1 and RFC 7636: PKCE with S256 for every code flow, confidential client or not.
      parameters['response_type'] = 'code';
      parameters['code_challenge'] = await oidc.calculatePKCECodeChallenge(codeVerifier);
      parameters['code_challenge_method'] = 'S256';
    } else {
      // OIDC Core 3.2 with Form Post Response Mode: the id_token never sits in a URL.
      parameters['response_type'] = 'id_token';
      parameters['response_mode'] = 'form_post';
    }
    return { authorizationUrl: oidc.buildAuthorizationUrl(instance.oidc, parameters).href };
  }

  /** The authorization response, from the query (code flow) or the form post (id_token flow). */
  async finish(
    alias: string,
    response: URLSearchParams,
    browserBinding: string | undefined,
  ): Promise<CompletedSignIn> {
    const instance = await this.instances.resolve(alias);
    const attempt = await this.takeAttempt(instance, response, browserBinding);
    const error = response.get('error');
    if (error) {
      const explained = explainMicrosoftError(error, response.get('error_description') ?? undefined);
      throw new SignInError(explained.code, {
        aadsts: explained.aadsts,
        explanation: explained.explanation,
        internal: `authorization error ${error}`,
      });
    }
    const validated =
      attempt.responseType === 'code'
        ? await this.redeemCode(instance, attempt, response)
        : await this.acceptIdToken(instance, attempt, response);
    const user = await this.authorization.archiveUser(instance.alias, validated.tid, validated.oid);
    return {
      instance,
      identity: {
        instanceAlias: instance.alias,
        tid: validated.tid,
        oid: validated.oid,
        user,
        method: 'oidc',
      },
      returnTo: attempt.returnTo,
    };
  }

  /**
   * RFC 9700 4.7 and OIDC Core 3.1.2.7: the state must be one we issued, unused, unexpired, for this
   * instance, and come back to the browser that started it (a code or token injected from another
   * session finds no matching binding: RFC 9700 4.5).
   */
  private async takeAttempt(
    instance: ResolvedInstance,
    response: URLSearchParams,
    browserBinding: string | undefined,
  ): Promise<SignInAttempt> {
    const state = response.get('state');
    if (!state || state.length > 512)
      throw new SignInError(SignInErrorCode.SignInExpired, { internal: 'no state' });
    const attempt = await this.attempts.takeOnce(sha256(state), Date.now());
    if (!attempt || attempt.instanceAlias !== instance.alias) {
      throw new SignInError(SignInErrorCode.SignInExpired, { internal: 'state unknown, used or expired' });
    }
    if (!browserBinding || sha256(browserBinding) !== attempt.browserHash) {
      throw new SignInError(SignInErrorCode.BrowserMismatch, {
        internal: 'browser binding missing or different',
      });
    }
    return attempt;
  }

  /** Code + PKCE: openid-client redeems the code (client assertion from the credentials service). */
  private async redeemCode(
    instance: ResolvedInstance,
    attempt: SignInAttempt,
    response: URLSearchParams,
  ): Promise<ValidatedIdentity> {
    const callback = new URL(instance.redirectUri);
    callback.search = response.toString();
    let idToken: string | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(instance.oidc, callback, {
        pkceCodeVerifier: attempt.codeVerifier ?? undefined,
        expectedState: response.get('state') ?? undefined,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      idToken = tokens.id_token;
    } catch (error) {
      throw this.tokenEndpointFailure(error);
    }
    return this.validated(instance, attempt, idToken);
  }

  /** Implicit id_token by form_post: our checks, then openid-client's own as a second opinion. */
  private async acceptIdToken(
    instance: ResolvedInstance,
    attempt: SignInAttempt,
    response: URLSearchParams,
  ): Promise<ValidatedIdentity> {
    const validated = await this.validated(instance, attempt, response.get('id_token') ?? undefined);
    try {
      await oidc.implicitAuthentication(
        instance.oidc,
        new Request(instance.redirectUri, { method: 'POST', body: response }),
        attempt.nonce,
        { expectedState: response.get('state') ?? undefined },
      );
    } catch (error) {
      throw new SignInError(SignInErrorCode.TokenRejected, {
        internal: `openid-client: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    return validated;
  }

  private async validated(
    instance: ResolvedInstance,
    attempt: SignInAttempt,
    idToken: string | undefined,
  ): Promise<ValidatedIdentity> {
    if (!idToken) throw new SignInError(SignInErrorCode.TokenRejected, { internal: 'no id_token' });
    let validated: ValidatedIdentity;
    try {
      validated = await validateIdToken(idToken, {
        issuer: instance.issuer,
        allowedTenantIds: instance.allowedTenantIds,
        clientId: instance.clientId,
        jwks: instance.jwks,
        nowSeconds: Math.floor(Date.now() / 1000),
        skewSeconds: this.config.CLOCK_SKEW_SECONDS,
        nonce: attempt.nonce,
      });
    } catch (error) {
      throw rejection(error);
    }
    // OIDC Core 15.5.2 / RFC 9700 4.5: an id_token works once, on any replica, until it expires.
    const expiresAt = Number(validated.claims['exp']) * 1000 + this.config.CLOCK_SKEW_SECONDS * 1000;
    if (!(await this.spent.spend(sha256(idToken), 'id-token', expiresAt))) {
      throw new SignInError(SignInErrorCode.TokenRejected, {
        internal: 'id-token-unused: replayed id_token',
      });
    }
    return validated;
  }

  private tokenEndpointFailure(error: unknown): SignInError {
    if (error instanceof oidc.ResponseBodyError) {
      const explained = explainMicrosoftError(error.error, error.error_description);
      return new SignInError(explained.code, {
        aadsts: explained.aadsts,
        explanation: explained.explanation,
        internal: `token endpoint: ${error.error}`,
      });
    }
    if (error instanceof oidc.ClientError) {
      // openid-client's own checks of the token response (state, nonce, iss, aud, ...).
      return new SignInError(SignInErrorCode.TokenRejected, { internal: `openid-client: ${error.message}` });
    }
    this.logger.warn({ err: error }, 'the token endpoint could not be reached');
    return new SignInError(SignInErrorCode.DependencyFailed, {
      internal: `token request: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** A failed check becomes a refusal; a token of another tenant gets the page that says so. */
export function rejection(error: unknown): SignInError {
  if (error instanceof TokenRejection) {
    return new SignInError(
      error.check === 'tenant-allowed' ? SignInErrorCode.WrongTenant : SignInErrorCode.TokenRejected,
      { internal: error.message },
    );
  }
  if (error instanceof SignInError) return error;
  return new SignInError(SignInErrorCode.DependencyFailed, {
    internal: `token validation: ${error instanceof Error ? error.message : String(error)}`,
  });
}
