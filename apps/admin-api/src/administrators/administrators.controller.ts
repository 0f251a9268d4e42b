import { Body, Controller, Delete, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ErrorCode } from '@archive365/contracts';
import type { AdminApiConfig } from '../app/admin-api.config';
import { ADMIN_API_CONFIG } from '../app/admin-api.tokens';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { GlobalRoute } from '../auth/route-access.decorator';
import { AdminApiError } from '../http/admin-api.error';
import { pageBounds, PageQuery, type Page } from '../pagination/page';
import { AccessTokenStore } from '../tokens/access-token.repository';
import type { Administrator } from './administrator.entity';
import { AdministratorStore } from './administrator.repository';
import {
  AdministratorIdParam,
  NewAdministratorBody,
  type AdministratorView,
} from './administrators-http.dto';
import { DeletedReplySchema } from '../credentials/credentials-http.replies';
import { AdministratorViewSchema, AdministratorsPage } from './administrators-http.replies';
import { ProblemResponses } from '../openapi/problem-responses';

/** Who may sign in with Microsoft: people of the provider's own tenant, by object id. */
@ProblemResponses()
@Controller('api/administrators')
@GlobalRoute()
export class AdministratorsController {
  constructor(
    private readonly administrators: AdministratorStore,
    private readonly tokens: AccessTokenStore,
    @Inject(ADMIN_API_CONFIG) private readonly config: AdminApiConfig,
  ) {}

  @Get()
  @ApiOkResponse({ type: AdministratorsPage })
  async list(@Query() query: PageQuery): Promise<Page<AdministratorView>> {
    const { limit, offset } = pageBounds(query);
    const [rows, total] = await this.administrators.page(limit, offset);
    return { items: rows.map(toView), total, limit, offset };
  }

  @Post()
  @ApiCreatedResponse({ type: AdministratorViewSchema })
  async add(
    @Body() body: NewAdministratorBody,
    @CurrentPrincipal() by: Principal,
  ): Promise<AdministratorView> {
    const tenantId = this.config.ADMIN_OIDC_TENANT_ID;
    if (!tenantId) {
      throw new AdminApiError({
        code: ErrorCode.Conflict,
        message: 'Microsoft sign-in is not configured, so there is no tenant to add administrators from',
        reason: 'SIGN_IN_NOT_CONFIGURED',
        hint: 'set ADMIN_OIDC_TENANT_ID and ADMIN_OIDC_CLIENT_ID (see the README)',
      });
    }
    return toView(
      await this.administrators.ensure(tenantId.toLowerCase(), body.objectId, body.displayName, by.name),
    );
  }

  /** Removes the administrator and ends their sessions at once. */
  @Delete(':id')
  @ApiOkResponse({ type: DeletedReplySchema })
  async remove(@Param() { id }: AdministratorIdParam): Promise<{ deleted: true }> {
    if (!(await this.administrators.remove(id))) {
      throw new AdminApiError({
        code: ErrorCode.NotFound,
        message: `no administrator has the id ${id}`,
        field: 'id',
        reason: 'ADMINISTRATOR_NOT_FOUND',
        hint: 'list the administrators to see their ids',
      });
    }
    await this.tokens.revokeSessionsOf(id);
    return { deleted: true };
  }
}

function toView(row: Administrator): AdministratorView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    objectId: row.objectId,
    displayName: row.displayName,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}
