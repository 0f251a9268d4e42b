import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  Subjects,
  CreateInstanceRequest,
  GetInstanceRequest,
  type InstanceView,
} from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { mayReachInstance, type Principal } from '../auth/principal';
import { GlobalRoute, InstanceRoute, ListedRoute } from '../auth/route-access.decorator';
import { pageOf, type Page } from '../pagination/page';
import { InstancesListQuery } from './instances-http.dto';
import { InstanceViewSchema, InstancesPage } from './instances-http.replies';
import { ProblemResponses } from '../openapi/problem-responses';

/** Archive instances; owned by the credentials service, reached over NATS. */
@ProblemResponses()
@Controller('api/instances')
export class InstancesController {
  constructor(private readonly rpc: RpcClient) {}

  /** A new instance is outside every limited token's scope: it takes a caller with all instances. */
  @Post()
  @GlobalRoute()
  @ApiCreatedResponse({ type: InstanceViewSchema })
  create(@Body() body: CreateInstanceRequest): Promise<InstanceView> {
    return this.rpc.send(Subjects.CreateInstance, body);
  }

  /** The instances in the caller's scope, by alias. */
  @Get()
  @ListedRoute()
  @ApiOkResponse({ type: InstancesPage })
  async list(
    @Query() query: InstancesListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<InstanceView>> {
    const all = await this.rpc.send(Subjects.ListInstances, { aliasPrefix: query.aliasPrefix });
    return pageOf(
      all.filter((instance) => mayReachInstance(principal, instance.alias)),
      query,
    );
  }

  @Get(':alias')
  @InstanceRoute()
  @ApiOkResponse({ type: InstanceViewSchema })
  get(@Param() params: GetInstanceRequest): Promise<InstanceView> {
    return this.rpc.send(Subjects.GetInstance, params);
  }
}
