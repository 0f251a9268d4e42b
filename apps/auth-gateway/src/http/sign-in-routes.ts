import { randomBytes } from 'node:crypto';
import type { ExceptionFilter } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { HttpMetricsMiddleware, ServiceMetrics } from '@archive365/service-kit';
import { type Express, type NextFunction, type Request, type Response } from 'express';
import { NaaExchangeService } from '../addin/naa-exchange.service';
import type { AuthGatewayConfig } from '../app/auth-gateway.config';
import { BrowserSessionsService } from '../sessions/browser-sessions.service';
import type { SignInFlow } from '../sign-in/sign-in-metrics';
import { SignInService } from '../sign-in/sign-in.service';
import { aliasOf } from './alias-param';
import { formPostResponse, queryResponse } from './authorization-response';
import {
  BROWSER_BINDING_COOKIE,
  bindingCookieOptions,
  sessionCookieName,
  sessionCookieOptions,
} from './cookies';
import { HtmlRefusalFilter, JsonRefusalFilter } from './refusal.filter';
import { SignInRateLimitGuard } from './sign-in-rate-limit.guard';

type Handler = (request: Request, response: Response) => Promise<void>;

/**
 * The three routes every sign-in passes (login, the callback in both response modes, the add-in's NAA
 * exchange), served straight on Express ahead of Nest's router: Nest's per-request pipeline (router
 * proxy, guard and filter contexts, parameter extraction) and the global body parsers were a large part
 * of a sign-in's CPU. They keep everything a sign-in sees: the same services, rate limit (the throttler
 * guard's counters, headers and 429), refusal filters, cookies and metrics (the HTTP ones included).
 * Every other route stays a Nest controller.
 */
export function mountSignInRoutes(app: NestExpressApplication, config: AuthGatewayConfig): void {
  const signIn = app.get(SignInService);
  const sessions = app.get(BrowserSessionsService);
  const naa = app.get(NaaExchangeService);
  const rateLimit = new SignInRateLimitGuard(
    app.get(getOptionsToken()),
    app.get(getStorageToken()),
    new Reflector(),
  );
  // Reads the module's throttler options (synchronously, despite its signature), as Nest would at start-up.
  void rateLimit.onModuleInit();
  const httpMetrics = new HttpMetricsMiddleware(app.get(ServiceMetrics));
  const htmlRefusal = new HtmlRefusalFilter();
  const jsonRefusal = new JsonRefusalFilter();

  /** A route as Nest ran it: counted, rate limited (a counter per handler), refusals rendered by `filter`. */
  const route =
    (filter: ExceptionFilter, handler: Handler) =>
    (request: Request, response: Response, next: NextFunction): void => {
      httpMetrics.use(request, response, () => undefined);
      const context = new ExecutionContextHost([request, response, next], SignInRoutes, handler);
      rateLimit
        .canActivate(context)
        .then(() => handler(request, response))
        .catch((error: unknown) => filter.catch(error, context));
    };
  const cookies = (request: Request) => request.cookies as Record<string, string | undefined>;
  const alias = (request: Request) => aliasOf(request.params['alias'] as string);

  async function login(request: Request, response: Response): Promise<void> {
    const binding = cookies(request)[BROWSER_BINDING_COOKIE] ?? randomBytes(32).toString('base64url');
    const started = await signIn.start(alias(request), request.query['returnTo'], binding);
    response.cookie(
      BROWSER_BINDING_COOKIE,
      binding,
      bindingCookieOptions(config.SIGN_IN_TIMEOUT_SECONDS * 1000),
    );
    seeOther(response, started.authorizationUrl);
  }

  /** Redirect URI for the code flow (query response). */
  function codeCallback(request: Request, response: Response): Promise<void> {
    return finish(request, response, queryResponse(request.originalUrl), 'code');
  }

  /** Redirect URI for the id_token flow (form_post response). */
  async function formPostCallback(request: Request, response: Response): Promise<void> {
    return finish(request, response, await formPostResponse(request), 'id_token');
  }

  async function finish(request: Request, response: Response, parameters: URLSearchParams, flow: SignInFlow) {
    const instanceAlias = alias(request);
    const binding = cookies(request)[BROWSER_BINDING_COOKIE];
    const result = await sessions.complete(instanceAlias, parameters, binding, flow);
    response.cookie(
      sessionCookieName(instanceAlias),
      result.sessionToken,
      sessionCookieOptions(result.maxAgeMs),
    );
    seeOther(response, result.returnTo);
  }

  /** NAA: `Authorization: Bearer <access token for api://{clientId}/access_as_user>`. */
  async function exchange(request: Request, response: Response): Promise<void> {
    const token = /^Bearer ([A-Za-z0-9._-]+)$/.exec(request.get('authorization') ?? '')?.[1];
    response.status(200).json(await naa.exchange(alias(request), token));
  }

  // On Express's own router, where Nest puts its routes too (after these): a request these do not
  // match (another method, a longer path) goes on to Nest, its not-found answer included.
  const express = app.getHttpAdapter().getInstance() as Express;
  express.get('/:alias/oidc/login', route(htmlRefusal, login));
  express.get('/:alias/oidc/signin', route(htmlRefusal, codeCallback));
  // The only sign-in route with a body; it reads it itself, after the rate limit.
  express.post('/:alias/oidc/signin', route(htmlRefusal, formPostCallback));
  express.post('/:alias/addin/naa/exchange', route(jsonRefusal, exchange));
}

/** The rate limit keys its counters by class and handler name: `SignInRoutes.login|default|<client>`. */
class SignInRoutes {}

/**
 * A 303 without a body: Express's `redirect` negotiates a "Redirecting to" text or HTML body per
 * request, which no browser shows, on the two responses every sign-in gets.
 */
function seeOther(response: Response, url: string): void {
  response.status(303).location(url).end();
}
