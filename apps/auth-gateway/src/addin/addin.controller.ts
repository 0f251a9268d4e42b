import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AUTH_GATEWAY_CONFIG, AuthGatewayConfig } from '../app/auth-gateway.config';
import { aliasOf } from '../http/alias-param';
import { sessionCookieName } from '../http/cookies';
import { HtmlRefusalFilter, JsonRefusalFilter } from '../http/refusal.filter';
import { requireSameOrigin } from '../http/same-origin';
import { SignInRateLimitGuard } from '../http/sign-in-rate-limit.guard';
import { InstanceResolver } from '../instances/instance-resolver';
import { BrowserSessionsService } from '../sessions/browser-sessions.service';
import { addinManifest, dialogDonePage, taskpanePage } from './addin-pages';
import { DIALOG_DONE_JS, TASKPANE_JS } from './addin-scripts';
import { DialogResultService } from './dialog-result.service';
import { msalBrowserBundle } from './msal-bundle';

/** A 1x1 transparent PNG: the manifest needs an icon URL. */
const ICON = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The Outlook add-in, served for each instance under `/<alias>/addin/`: manifest, task pane, the Office
 * dialog's pages, and the dialog result as a way to an archive session (the NAA exchange: see
 * sign-in-routes).
 */
@Controller(':alias/addin')
@UseFilters(HtmlRefusalFilter)
export class AddinController {
  constructor(
    @Inject(AUTH_GATEWAY_CONFIG) private readonly config: AuthGatewayConfig,
    private readonly instances: InstanceResolver,
    private readonly sessions: BrowserSessionsService,
    private readonly dialogResults: DialogResultService,
  ) {}

  @Get('manifest.xml')
  async manifest(@Param('alias') alias: string, @Res() response: Response): Promise<void> {
    response.type('application/xml').send(addinManifest(await this.instances.resolve(aliasOf(alias))));
  }

  @Get('taskpane.html')
  async taskpane(@Param('alias') alias: string, @Res() response: Response): Promise<void> {
    const instance = await this.instances.resolve(aliasOf(alias));
    response
      .type('html')
      .send(taskpanePage(instance, this.config.ENTRA_AUTHORITY_HOST, this.config.ADDIN_API_SCOPE));
  }

  @Get('taskpane.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  taskpaneScript(): string {
    return TASKPANE_JS;
  }

  @Get('dialog-done.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  dialogDoneScript(): string {
    return DIALOG_DONE_JS;
  }

  @Get('msal-browser.min.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=86400')
  msal(): string {
    const bundle = msalBrowserBundle();
    if (!bundle) throw new NotFoundException();
    return bundle;
  }

  @Get('icon-64.png')
  @Header('Content-Type', 'image/png')
  icon(): Buffer {
    return ICON;
  }

  /** The dialog's first page, on the add-in's origin (Office requires it); it starts the browser sign-in. */
  @Get('dialog/start')
  async dialogStart(@Param('alias') alias: string, @Res() response: Response): Promise<void> {
    const instance = await this.instances.resolve(aliasOf(alias));
    const base = new URL(instance.baseUrl).pathname;
    response.redirect(303, `${base}/oidc/login?returnTo=${encodeURIComponent(`${base}/addin/dialog/done`)}`);
  }

  /** The dialog's last page: a one-time result for the signed-in session, for `messageParent`. */
  @Get('dialog/done')
  async dialogDone(
    @Param('alias') alias: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = await this.sessions.current(
      aliasOf(alias),
      (request.cookies as Record<string, string>)[sessionCookieName(alias)],
    );
    response.type('html').send(dialogDonePage(session.instance, await this.dialogResults.issue(session)));
  }

  @Post('dialog/redeem')
  @HttpCode(200)
  @UseGuards(SignInRateLimitGuard)
  @UseFilters(JsonRefusalFilter)
  async dialogRedeem(
    @Param('alias') alias: string,
    @Body() body: { code?: unknown } | undefined,
    @Req() request: Request,
  ) {
    requireSameOrigin(request, (await this.instances.resolve(aliasOf(alias))).origin);
    return this.dialogResults.redeem(alias, body?.code);
  }
}
