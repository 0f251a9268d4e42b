import {
  AcquireTokenRequest,
  CreateCredentialRequest,
  CredentialExpiringEvent,
  CredentialRef,
  CredentialUsageRequest,
  DownloadCertificateRequest,
  ImportCredentialRequest,
  ListCredentialsRequest,
  StartRotationRequest,
  UpdateCredentialRequest,
  type AccessTokenReply,
  type CertificateFile,
  type CredentialTestReply,
  type CredentialUsageReply,
  type CredentialView,
  type DeletedReply,
} from './credentials/credential.dto';
import { AssignSyncCredentialRequest, type SyncProfileView } from './directory-sync/sync-profile.dto';
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
  CreateInstance: rpcSubject<CreateInstanceRequest, InstanceView>(
    'credentials.instances.create',
    CreateInstanceRequest,
  ),
  GetInstance: rpcSubject<GetInstanceRequest, InstanceView>('credentials.instances.get', GetInstanceRequest),
  ListInstances: rpcSubject<ListInstancesRequest, InstanceView[]>(
    'credentials.instances.list',
    ListInstancesRequest,
  ),

  CreateCredential: rpcSubject<CreateCredentialRequest, CredentialView>(
    'credentials.credentials.create',
    CreateCredentialRequest,
  ),
  ImportCredential: rpcSubject<ImportCredentialRequest, CredentialView>(
    'credentials.credentials.import',
    ImportCredentialRequest,
  ),
  ListCredentials: rpcSubject<ListCredentialsRequest, CredentialView[]>(
    'credentials.credentials.list',
    ListCredentialsRequest,
  ),
  GetCredential: rpcSubject<CredentialRef, CredentialView>('credentials.credentials.get', CredentialRef),
  UpdateCredential: rpcSubject<UpdateCredentialRequest, CredentialView>(
    'credentials.credentials.update',
    UpdateCredentialRequest,
  ),
  DeleteCredential: rpcSubject<CredentialRef, DeletedReply>('credentials.credentials.delete', CredentialRef),
  DownloadCertificate: rpcSubject<DownloadCertificateRequest, CertificateFile>(
    'credentials.certificates.download',
    DownloadCertificateRequest,
  ),
  /** Creates the next certificate; the active one keeps working until the next is proven and promoted. */
  StartRotation: rpcSubject<StartRotationRequest, CredentialView>(
    'credentials.rotation.start',
    StartRotationRequest,
  ),
  /** Proves the pending certificate with a real token request, then makes it the active one. */
  CompleteRotation: rpcSubject<CredentialRef, CredentialView>('credentials.rotation.complete', CredentialRef),
  /** Stops using the previous certificate (after it was removed from the app registration). */
  RetireCertificate: rpcSubject<CredentialRef, CredentialView>('credentials.rotation.retire', CredentialRef),
  AbortRotation: rpcSubject<CredentialRef, CredentialView>('credentials.rotation.abort', CredentialRef),
  /** A fresh token request with the credential's active certificate (no cache): for "test settings". */
  TestCredential: rpcSubject<CredentialRef, CredentialTestReply>(
    'credentials.credentials.test',
    CredentialRef,
  ),
  /** An app access token for (credential, resource); cached and single-flight in the credentials service. */
  AcquireToken: rpcSubject<AcquireTokenRequest, AccessTokenReply>(
    'credentials.tokens.acquire',
    AcquireTokenRequest,
  ),

  AssignSyncCredential: rpcSubject<AssignSyncCredentialRequest, SyncProfileView>(
    'directory-sync.profiles.assign-credential',
    AssignSyncCredentialRequest,
  ),
  /** Answered by every service that can hold a reference to a credential (today: directory-sync). */
  DirectorySyncCredentialUsage: rpcSubject<CredentialUsageRequest, CredentialUsageReply>(
    'directory-sync.credential-usage',
    CredentialUsageRequest,
  ),
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
  InstanceCreated: eventSubject<InstanceCreatedEvent>('instance.created', InstanceCreatedEvent),
  /** A credential's active certificate expires in 60, 30 or 7 days (each sent once). */
  CredentialExpiring: eventSubject<CredentialExpiringEvent>('credential.expiring', CredentialExpiringEvent),
} as const;
