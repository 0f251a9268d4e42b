import { eventSubject } from './events/event-subject';
import {
  CreateInstanceRequest,
  GetInstanceRequest,
  InstanceCreatedEvent,
  InstanceView,
  ListInstancesRequest,
} from './instances/instance.dto';
import { rpcSubject } from './rpc/subject';
import type { ServiceName } from './services';
import { ServiceStatusReply, StatusRequest } from './status/status.dto';

/**
 * Every request/reply subject of the platform. Callers write `rpc.send(Subjects.X, payload)`;
 * handlers write `@RpcHandler(Subjects.X)`. Never a bare subject string at a call site.
 */
export const Subjects = {
  CreateInstance: rpcSubject<CreateInstanceRequest, InstanceView>('credentials.instances.create', CreateInstanceRequest),
  GetInstance: rpcSubject<GetInstanceRequest, InstanceView>('credentials.instances.get', GetInstanceRequest),
  ListInstances: rpcSubject<ListInstancesRequest, InstanceView[]>('credentials.instances.list', ListInstancesRequest),
} as const;

/** One status subject per service, answered by every replica's status handler. */
export const StatusSubjects = {
  credentials: rpcSubject<StatusRequest, ServiceStatusReply>('credentials.status', StatusRequest),
  provisioning: rpcSubject<StatusRequest, ServiceStatusReply>('provisioning.status', StatusRequest),
  'directory-sync': rpcSubject<StatusRequest, ServiceStatusReply>('directory-sync.status', StatusRequest),
  'auth-gateway': rpcSubject<StatusRequest, ServiceStatusReply>('auth-gateway.status', StatusRequest),
  'admin-api': rpcSubject<StatusRequest, ServiceStatusReply>('admin-api.status', StatusRequest),
} as const satisfies Record<ServiceName, unknown>;

/** Durable events (JetStream). */
export const Events = {
  InstanceCreated: eventSubject<InstanceCreatedEvent>('instance.created', InstanceCreatedEvent),
} as const;
