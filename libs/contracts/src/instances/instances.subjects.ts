import { rpcSubject } from '../rpc/subject';
import { eventSubject } from '../events/event-subject';
import {
  CreateInstanceRequest,
  GetInstanceRequest,
  InstanceCreatedEvent,
  InstanceView,
  ListInstancesRequest,
} from './instance.dto';

/** Archive instances: served by the credentials service, which owns them (see the README). */
export const InstancesSubjects = {
  CreateInstance: rpcSubject<CreateInstanceRequest, InstanceView>(
    'credentials.instances.create',
    CreateInstanceRequest,
  ),
  GetInstance: rpcSubject<GetInstanceRequest, InstanceView>('credentials.instances.get', GetInstanceRequest, {
    callers: ['admin-api', 'auth-gateway', 'provisioning'],
  }),
  ListInstances: rpcSubject<ListInstancesRequest, InstanceView[]>(
    'credentials.instances.list',
    ListInstancesRequest,
  ),
} as const;

export const InstancesEvents = {
  InstanceCreated: eventSubject<InstanceCreatedEvent>('instance.created', InstanceCreatedEvent, {
    publisher: 'credentials',
    consumers: [{ service: 'directory-sync', durable: 'directory-sync_instance-created' }],
  }),
} as const;
