import { randomBytes } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AUTH_GATEWAY_CONFIG, AuthGatewayConfig } from '../app/auth-gateway.config';
import { signedInPage, signedOutPage } from '../pages/session-pages';
import { BrowserSessionsService } from '../sessions/browser-sessions.service';
import type { SignInFlow } from '../sign-in/sign-in-metrics';
import { SignInService } from '../sign-in/sign-in.service';
import { aliasOf } from './alias-param';
import {
  BROWSER_BINDING_COOKIE,
  bindingCookieOptions,
  sessionCookieName,
  sessionCookieOptions,
} from './cookies';
import { HtmlRefusalFilter, JsonRefusalFilter } from './refusal.filter';
import { requireSameOrigin } from './same-origin';
import { SignInRateLimitGuard } from './sign-in-rate-limit.guard';

type Cookies = Record<string, string | undefined>;

/** Browser sign-in of an instance: `/<alias>/oidc/...`. */
@Controller(':alias/oidc')
@UseFilters(HtmlRefusalFilter)
export class SignInController {
  constructor(
    @Inject(AUTH_GATEWAY_CONFIG) private readonly config: AuthGatewayConfig,
    private readonly signIn: SignInService,
    private readonly sessions: BrowserSessionsService,
  ) {}

  @Get('login')
  @UseGuards(SignInRateLimitGuard)
  async login(
    @Param('alias') alias: string,
    @Query('returnTo') returnTo: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const binding =
      (request.cookies as Cookies)[BROWSER_BINDING_COOKIE] ?? randomBytes(32).toString('base64url');
    const started = await this.signIn.start(aliasOf(alias), returnTo, binding);
    response.cookie(
      BROWSER_BINDING_COOKIE,
      binding,
      bindingCookieOptions(this.config.SIGN_IN_TIMEOUT_SECONDS * 1000),
    );
    seeOther(response, started.authorizationUrl);
  }

  /** Redirect URI for the code flow (query response). */
  @Get('signin')
  @UseGuards(SignInRateLimitGuard)
  async codeCallback(
    @Param('alias') alias: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.finish(
      alias,
      new URL(request.originalUrl, 'http://gateway.invalid').searchParams,
      request,
      response,
      'code',
    );
  }

  /** Redirect URI for the id_token flow (form_post response). */
  @Post('signin')
  @UseGuards(SignInRateLimitGuard)
  async formPostCallback(
    @Param('alias') alias: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.finish(alias, formParameters(body), request, response, 'id_token');
  }

  @Get('me')
  async me(@Param('alias') alias: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const session = await this.sessions.current(
      aliasOf(alias),
      (request.cookies as Cookies)[sessionCookieName(alias)],
    );
    response
      .type('html')
      .send(signedInPage(session, `${new URL(session.instance.baseUrl).pathname}/oidc/logout`));
  }

  /** The archive's own pages get a short-lived archive token for the cookie session (same origin only). */
  @Get('session')
  @UseFilters(JsonRefusalFilter)
  session(@Param('alias') alias: string, @Req() request: Request) {
    return this.sessions.archiveToken(aliasOf(alias), (request.cookies as Cookies)[sessionCookieName(alias)]);
  }

  /** POST only, same origin only: a cross-site page can neither link nor post a sign-out. */
  @Post('logout')
  @HttpCode(303)
  async logout(
    @Param('alias') alias: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const name = sessionCookieName(aliasOf(alias));
    requireSameOrigin(request, (await this.sessions.instance(alias)).origin);
    const session = await this.sessions.current(alias, (request.cookies as Cookies)[name]);
    await this.sessions.end(session);
    response.clearCookie(name, sessionCookieOptions(0));
    response.redirect(303, `${new URL(session.instance.baseUrl).pathname}/oidc/signed-out`);
  }

  @Get('signed-out')
  signedOut(@Param('alias') alias: string, @Res() response: Response): void {
    response.type('html').send(signedOutPage(`/${aliasOf(alias)}/oidc/login`));
  }

  private async finish(
    alias: string,
    parameters: URLSearchParams,
    request: Request,
    response: Response,
    flow: SignInFlow,
  ): Promise<void> {
    const result = await this.sessions.complete(
      aliasOf(alias),
      parameters,
      (request.cookies as Cookies)[BROWSER_BINDING_COOKIE],
      flow,
    );
    response.cookie(sessionCookieName(alias), result.sessionToken, sessionCookieOptions(result.maxAgeMs));
    seeOther(response, result.returnTo);
  }
}

/**
 * A 303 without a body: Express's `redirect` negotiates a "Redirecting to" text or HTML body per
 * request, which no browser shows, on the two responses every sign-in gets.
 */
function seeOther(response: Response, url: string): void {
  response.status(303).location(url).end();
}

/** The form_post body as parameters; only string fields count. */
function formParameters(body: unknown): URLSearchParams {
  const parameters = new URLSearchParams();
  if (body && typeof body === 'object') {
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      if (typeof value === 'string') parameters.set(name, value);
    }
  }
  return parameters;
}
