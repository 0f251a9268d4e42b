import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AdminApiConfig } from '../app/admin-api.config';
import { ADMIN_API_CONFIG } from '../app/admin-api.tokens';
import { AccessTokenStore } from '../tokens/access-token.repository';
import { SESSION_COOKIE } from './auth.constants';
import { SignInCallbackQuery, SignInQuery, type SignedOut, type WhoAmI } from './auth-http.dto';
import { CurrentPrincipal } from './current-principal.decorator';
import { MicrosoftSignInService } from './microsoft-sign-in.service';
import { stateOf, type Principal } from './principal';
import { ListedRoute, PublicRoute } from './route-access.decorator';
import { SignedOutSchema, WhoAmISchema } from './auth-http.replies';
import { ProblemResponses } from '../openapi/problem-responses';

/** Administrators' sign-in with Microsoft, and who is calling. */
@ProblemResponses()
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly signIn: MicrosoftSignInService,
    private readonly tokens: AccessTokenStore,
    @Inject(ADMIN_API_CONFIG) private readonly config: AdminApiConfig,
  ) {}

  /** Sends the browser to Microsoft's sign-in page of the provider's tenant. */
  @Get('signin')
  @PublicRoute()
  @ApiFoundResponse({ description: "To Microsoft's sign-in page of the provider's tenant" })
  async start(@Query() query: SignInQuery, @Res() response: Response): Promise<void> {
    const { authorizationUrl } = await this.signIn.start(query.returnTo ?? '/api/auth/me');
    response.redirect(302, authorizationUrl);
  }

  /** Microsoft's redirect back (the registered redirect URI): a session cookie, then `returnTo`. */
  @Get('callback')
  @PublicRoute()
  @ApiFoundResponse({ description: 'To `returnTo`, with the session cookie set' })
  async callback(
    @Query() _query: SignInCallbackQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const completed = await this.signIn.complete(new URL(request.originalUrl, 'http://callback.invalid'));
    stateOf(request).principal = {
      kind: 'session',
      id: null,
      name: completed.administrator.name,
      instances: null,
    };
    response.cookie(SESSION_COOKIE, completed.sessionSecret, {
      httpOnly: true,
      // Lax, not Strict: the cookie must come along on the redirect that started at Microsoft's page.
      sameSite: 'lax',
      secure: this.config.ADMIN_PUBLIC_URL.startsWith('https:'),
      path: '/',
      expires: completed.expiresAt,
    });
    response.redirect(302, completed.returnTo);
  }

  /** Ends the session (a token's caller learns nothing changes for the token). */
  @Post('signout')
  @HttpCode(200)
  @ListedRoute()
  @ApiOkResponse({ type: SignedOutSchema })
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedOut> {
    if (principal.kind !== 'session' || !principal.id) return { signedOut: false };
    await this.tokens.revoke(principal.id);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    return { signedOut: true };
  }

  @Get('me')
  @ListedRoute()
  @ApiOkResponse({ type: WhoAmISchema })
  me(@CurrentPrincipal() principal: Principal): WhoAmI {
    return { kind: principal.kind, name: principal.name, instances: principal.instances };
  }
}
