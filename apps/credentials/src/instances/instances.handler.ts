import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type CreateInstanceRequest,
  type GetInstanceRequest,
  type InstanceView,
  type ListInstancesRequest,
} from '@archive365/contracts';
import { RpcHandler } from '@archive365/messaging';
import { InstancesService } from './instances.service';

@Injectable()
export class InstancesHandler {
  constructor(private readonly instances: InstancesService) {}

  @RpcHandler(Subjects.CreateInstance)
  create(request: CreateInstanceRequest): Promise<InstanceView> {
    return this.instances.create(request);
  }

  @RpcHandler(Subjects.GetInstance)
  get(request: GetInstanceRequest): Promise<InstanceView> {
    return this.instances.get(request.alias);
  }

  @RpcHandler(Subjects.ListInstances)
  list(request: ListInstancesRequest): Promise<InstanceView[]> {
    return this.instances.list(request.aliasPrefix);
  }
}
