import { hash, randomBytes } from 'node:crypto';
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
import {
  confirmNonce,
  validateIdTokenBeforeNonce,
  type ValidatedIdentity,
} from '../validation/token-validator';
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

const sha256 = (value: string) => hash('sha256', value, 'hex');
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
      // What oidc.calculatePKCECodeChallenge computes, without its WebCrypto round trip per sign-in.
      parameters['code_challenge'] = hash('sha256', codeVerifier, 'base64url');
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
    const idToken = response.get('id_token');
    const { attempt, validated } =
      idToken && !response.has('error')
        ? await this.acceptIdToken(instance, response, idToken, browserBinding)
        : await this.redeemResponse(instance, response, browserBinding);
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

  /** A code (or Microsoft's error redirect): the attempt first, for its PKCE verifier and nonce. */
  private async redeemResponse(
    instance: ResolvedInstance,
    response: URLSearchParams,
    browserBinding: string | undefined,
  ): Promise<{ attempt: SignInAttempt; validated: ValidatedIdentity }> {
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
    if (attempt.responseType !== 'code') {
      throw new SignInError(SignInErrorCode.TokenRejected, { internal: 'no id_token' });
    }
    return { attempt, validated: await this.redeemCode(instance, attempt, response) };
  }

  /** The attempt of this response, taken (single use) and checked ({@link checkAttempt}). */
  private async takeAttempt(
    instance: ResolvedInstance,
    response: URLSearchParams,
    browserBinding: string | undefined,
  ): Promise<SignInAttempt> {
    const attempt = await this.attempts.takeOnce(stateHashOf(response), Date.now());
    return checkAttempt(instance, attempt, browserBinding);
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
    if (!idToken) throw new SignInError(SignInErrorCode.TokenRejected, { internal: 'no id_token' });
    const validated = await this.verified(instance, idToken);
    try {
      confirmNonce(validated, attempt.nonce);
    } catch (error) {
      throw rejection(error);
    }
    // OIDC Core 15.5.2 / RFC 9700 4.5: an id_token works once, on any replica, until it expires.
    if (!(await this.spent.spend(sha256(idToken), 'id-token', this.spendUntil(validated)))) {
      throw replayed();
    }
    return validated;
  }

  /**
   * Implicit id_token by form_post, verified once (signature and claims), then the attempt taken and the
   * token spent in one statement; the nonce, bound to the attempt, is checked against it afterwards. A
   * token that fails its checks still uses up the state, as any failed response does.
   */
  private async acceptIdToken(
    instance: ResolvedInstance,
    response: URLSearchParams,
    idToken: string,
    browserBinding: string | undefined,
  ): Promise<{ attempt: SignInAttempt; validated: ValidatedIdentity }> {
    const stateHash = stateHashOf(response);
    let validated: ValidatedIdentity;
    try {
      validated = await this.verified(instance, idToken);
    } catch (error) {
      await this.attempts.takeOnce(stateHash, Date.now());
      throw error;
    }
    const nonce = validated.claims['nonce'];
    const taken = await this.attempts.takeWithIdToken(
      stateHash,
      {
        digest: sha256(idToken),
        expiresAt: this.spendUntil(validated),
        nonce: typeof nonce === 'string' ? nonce : '',
        browserHash: browserBinding ? sha256(browserBinding) : '',
      },
      Date.now(),
    );
    const attempt = checkAttempt(instance, taken.attempt, browserBinding);
    if (attempt.responseType !== 'id_token') {
      throw new SignInError(SignInErrorCode.TokenRejected, { internal: 'id_token for a code sign-in' });
    }
    try {
      confirmNonce(validated, attempt.nonce);
    } catch (error) {
      throw rejection(error);
    }
    // OIDC Core 15.5.2 / RFC 9700 4.5: an id_token works once, on any replica, until it expires.
    if (!taken.tokenFresh) throw replayed();
    return { attempt, validated };
  }

  /** Every check of the id_token but the nonce (the caller checks it against the attempt). */
  private async verified(instance: ResolvedInstance, idToken: string): Promise<ValidatedIdentity> {
    try {
      return await validateIdTokenBeforeNonce(idToken, {
        issuer: instance.issuer,
        allowedTenantIds: instance.allowedTenantIds,
        clientId: instance.clientId,
        jwks: instance.jwks,
        nowSeconds: Math.floor(Date.now() / 1000),
        skewSeconds: this.config.CLOCK_SKEW_SECONDS,
      });
    } catch (error) {
      throw rejection(error);
    }
  }

  /** A spent id_token is remembered until it could no longer pass the expiry check. */
  private spendUntil(validated: ValidatedIdentity): number {
    return Number(validated.claims['exp']) * 1000 + this.config.CLOCK_SKEW_SECONDS * 1000;
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

function stateHashOf(response: URLSearchParams): string {
  const state = response.get('state');
  if (!state || state.length > 512)
    throw new SignInError(SignInErrorCode.SignInExpired, { internal: 'no state' });
  return sha256(state);
}

/**
 * RFC 9700 4.7 and OIDC Core 3.1.2.7: the state must be one we issued, unused, unexpired, for this
 * instance, and come back to the browser that started it (a code or token injected from another
 * session finds no matching binding: RFC 9700 4.5).
 */
function checkAttempt(
  instance: ResolvedInstance,
  attempt: SignInAttempt | undefined,
  browserBinding: string | undefined,
): SignInAttempt {
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

function replayed(): SignInError {
  return new SignInError(SignInErrorCode.TokenRejected, { internal: 'id-token-unused: replayed id_token' });
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
