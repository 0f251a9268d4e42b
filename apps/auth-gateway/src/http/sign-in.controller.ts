import { Controller, Get, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { signedInPage, signedOutPage } from '../pages/session-pages';
import { BrowserSessionsService } from '../sessions/browser-sessions.service';
import { aliasOf } from './alias-param';
import { sessionCookieName, sessionCookieOptions } from './cookies';
import { HtmlRefusalFilter, JsonRefusalFilter } from './refusal.filter';
import { requireSameOrigin } from './same-origin';

type Cookies = Record<string, string | undefined>;

/** The browser session of an instance: `/<alias>/oidc/...` (login and the callback: see sign-in-routes). */
@Controller(':alias/oidc')
@UseFilters(HtmlRefusalFilter)
export class SignInController {
  constructor(private readonly sessions: BrowserSessionsService) {}

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
}
