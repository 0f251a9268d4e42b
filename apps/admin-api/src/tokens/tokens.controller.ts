import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { GlobalRoute } from '../auth/route-access.decorator';
import { PageQuery, type Page } from '../pagination/page';
import { ApiTokensService } from './api-tokens.service';
import { NewApiTokenBody, TokenIdParam, type ApiTokenView, type IssuedApiToken } from './tokens-http.dto';
import { ApiTokenViewSchema, ApiTokensPage, IssuedApiTokenSchema } from './tokens-http.replies';
import { ProblemResponses } from '../openapi/problem-responses';

/** API tokens for automation. Managing them needs every instance in scope. */
@ProblemResponses()
@Controller('api/tokens')
@GlobalRoute()
export class TokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  /** The secret is in this answer only; it is stored hashed. */
  @Post()
  @ApiCreatedResponse({ type: IssuedApiTokenSchema })
  create(@Body() body: NewApiTokenBody, @CurrentPrincipal() by: Principal): Promise<IssuedApiToken> {
    return this.tokens.issue(body, by);
  }

  @Get()
  @ApiOkResponse({ type: ApiTokensPage })
  list(@Query() query: PageQuery): Promise<Page<ApiTokenView>> {
    return this.tokens.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ApiTokenViewSchema })
  get(@Param() { id }: TokenIdParam): Promise<ApiTokenView> {
    return this.tokens.get(id);
  }

  /** Revokes at once; the token stays listed as revoked. */
  @Delete(':id')
  @ApiOkResponse({ type: ApiTokenViewSchema })
  revoke(@Param() { id }: TokenIdParam): Promise<ApiTokenView> {
    return this.tokens.revoke(id);
  }
}
