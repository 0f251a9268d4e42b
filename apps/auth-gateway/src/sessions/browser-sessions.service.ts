import { Inject, Injectable } from '@nestjs/common';
import { AUTH_GATEWAY_CONFIG, AuthGatewayConfig } from '../app/auth-gateway.config';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import { InstanceResolver } from '../instances/instance-resolver';
import type { ResolvedInstance } from '../instances/resolved-instance';
import { SignInMetrics, type SignInFlow } from '../sign-in/sign-in-metrics';
import { SignInService } from '../sign-in/sign-in.service';
import type { ArchiveIdentity } from './archive-identity';
import { SessionTokensService } from './session-tokens.service';

export interface BrowserSignInResult {
  sessionToken: string;
  maxAgeMs: number;
  returnTo: string;
}

export type CurrentSession = ArchiveIdentity & {
  sessionId: string;
  expiresAt: number;
  instance: ResolvedInstance;
};

/** The browser's side of a session: finish a sign-in into a cookie, read it back, end it. */
@Injectable()
export class BrowserSessionsService {
  constructor(
    @Inject(AUTH_GATEWAY_CONFIG) private readonly config: AuthGatewayConfig,
    private readonly signIn: SignInService,
    private readonly instances: InstanceResolver,
    private readonly tokens: SessionTokensService,
    private readonly metrics: SignInMetrics,
  ) {}

  /** The callback of a browser sign-in (counted and timed by flow) into a cookie session. */
  complete(
    alias: string,
    response: URLSearchParams,
    browserBinding: string | undefined,
    flow: SignInFlow,
  ): Promise<BrowserSignInResult> {
    return this.metrics.measure(flow, async () => {
      const { instance, identity, returnTo } = await this.signIn.finish(alias, response, browserBinding);
      const session = await this.tokens.browserSession(identity, instance.baseUrl);
      return {
        sessionToken: session.token,
        maxAgeMs: this.config.BROWSER_SESSION_TTL_SECONDS * 1000,
        returnTo,
      };
    });
  }

  instance(alias: string): Promise<ResolvedInstance> {
    return this.instances.resolve(alias);
  }

  async current(alias: string, cookie: string | undefined): Promise<CurrentSession> {
    const instance = await this.instances.resolve(alias);
    if (!cookie) throw new SignInError(SignInErrorCode.NotSignedIn);
    return { ...(await this.tokens.verifyBrowserSession(cookie, instance.baseUrl)), instance };
  }

  /** An archive token for the signed-in browser (the archive's web pages call this). */
  async archiveToken(alias: string, cookie: string | undefined) {
    const session = await this.current(alias, cookie);
    const issued = await this.tokens.archiveToken(session, session.instance.baseUrl);
    return { archiveToken: issued.token, expiresAt: issued.expiresAt.toISOString(), user: session.user };
  }

  async end(session: CurrentSession): Promise<void> {
    await this.tokens.endBrowserSession(session.sessionId, session.expiresAt);
  }
}
