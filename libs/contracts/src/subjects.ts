import { AdminApiEvents, AdminApiSubjects } from './admin-api/admin-api.subjects';
import { AuthGatewayEvents, AuthGatewaySubjects } from './auth-gateway/auth-gateway.subjects';
import { CredentialsEvents, CredentialsSubjects } from './credentials/credentials.subjects';
import { DirectorySyncEvents, DirectorySyncSubjects } from './directory-sync/directory-sync.subjects';
import { InstancesEvents, InstancesSubjects } from './instances/instances.subjects';
import { ProvisioningEvents, ProvisioningSubjects } from './provisioning/provisioning.subjects';
import { rpcSubject } from './rpc/subject';
import type { ServiceName } from './services';
import { ServiceStatusReply, StatusRequest } from './status/status.dto';

/**
 * Every request/reply subject of the platform. Callers write `rpc.send(Subjects.X, payload)`;
 * handlers write `@RpcHandler(Subjects.X)`. Never a bare subject string at a call site.
 * Each service declares its own subjects in `<service>/<service>.subjects.ts`.
 */
export const Subjects = {
  ...InstancesSubjects,
  ...CredentialsSubjects,
  ...DirectorySyncSubjects,
  ...ProvisioningSubjects,
  ...AuthGatewaySubjects,
  ...AdminApiSubjects,
} as const;

/** One status subject per service, answered by one replica (queue group) of that service. */
export const StatusSubjects = {
  credentials: rpcSubject<StatusRequest, ServiceStatusReply>('credentials.status', StatusRequest),
  provisioning: rpcSubject<StatusRequest, ServiceStatusReply>('provisioning.status', StatusRequest),
  'directory-sync': rpcSubject<StatusRequest, ServiceStatusReply>('directory-sync.status', StatusRequest),
  'auth-gateway': rpcSubject<StatusRequest, ServiceStatusReply>('auth-gateway.status', StatusRequest),
  'admin-api': rpcSubject<StatusRequest, ServiceStatusReply>('admin-api.status', StatusRequest),
} as const satisfies Record<ServiceName, unknown>;

/** Durable events (JetStream). */
export const Events = {
  ...InstancesEvents,
  ...CredentialsEvents,
  ...DirectorySyncEvents,
  ...ProvisioningEvents,
  ...AuthGatewayEvents,
  ...AdminApiEvents,
} as const;
