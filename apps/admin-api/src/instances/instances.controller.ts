import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  Subjects,
  CreateInstanceRequest,
  GetInstanceRequest,
  ListInstancesRequest,
  type InstanceView,
} from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';

/** Archive instances; owned by the credentials service, reached over NATS. */
@Controller('api/instances')
export class InstancesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  create(@Body() body: CreateInstanceRequest): Promise<InstanceView> {
    return this.rpc.send(Subjects.CreateInstance, body);
  }

  @Get()
  list(@Query() query: ListInstancesRequest): Promise<InstanceView[]> {
    return this.rpc.send(Subjects.ListInstances, query);
  }

  @Get(':alias')
  get(@Param() params: GetInstanceRequest): Promise<InstanceView> {
    return this.rpc.send(Subjects.GetInstance, params);
  }
}
