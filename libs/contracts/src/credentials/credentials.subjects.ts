import { rpcSubject } from '../rpc/subject';
import { eventSubject } from '../events/event-subject';
import {
  AcquireTokenRequest,
  CreateCredentialRequest,
  CreateProviderCredentialRequest,
  ListProviderCredentialsRequest,
  CredentialExpiringEvent,
  CredentialRef,
  DownloadCertificateRequest,
  ListCredentialsRequest,
  StartRotationRequest,
  UpdateCredentialRequest,
  type AccessTokenReply,
  type CertificateFile,
  type CredentialTestReply,
  type CredentialView,
  type DeletedReply,
  type SignedJwtReply,
  SignClientAssertionRequest,
  SignProofOfPossessionRequest,
} from './credential.dto';
import { ImportKeyRequest, SealedImportCredentialRequest, type ImportKeyReply } from './import-sealing.dto';

/** Served by the credentials service. */
export const CredentialsSubjects = {
  CreateCredential: rpcSubject<CreateCredentialRequest, CredentialView>(
    'credentials.credentials.create',
    CreateCredentialRequest,
    { callers: ['admin-api', 'provisioning'] },
  ),
  /**
   * The provider's multi-tenant app's credential (consent links), owned by no instance. Reading,
   * testing, downloading and rotating it use the subjects below with its id, as for any credential.
   */
  CreateProviderCredential: rpcSubject<CreateProviderCredentialRequest, CredentialView>(
    'credentials.provider-credentials.create',
    CreateProviderCredentialRequest,
  ),
  /** Provider-level credentials only (an instance's are listed by `ListCredentials`). */
  ListProviderCredentials: rpcSubject<ListProviderCredentialsRequest, CredentialView[]>(
    'credentials.provider-credentials.list',
    ListProviderCredentialsRequest,
    { callers: ['admin-api', 'provisioning'] },
  ),
  /** Key material arrives sealed to the import key (see `GetImportKey`), never in clear text. */
  ImportCredential: rpcSubject<SealedImportCredentialRequest, CredentialView>(
    'credentials.credentials.import',
    SealedImportCredentialRequest,
  ),
  /** The public key imports are sealed to (X25519; the same on every replica). */
  GetImportKey: rpcSubject<ImportKeyRequest, ImportKeyReply>('credentials.import-key.get', ImportKeyRequest),
  ListCredentials: rpcSubject<ListCredentialsRequest, CredentialView[]>(
    'credentials.credentials.list',
    ListCredentialsRequest,
  ),
  GetCredential: rpcSubject<CredentialRef, CredentialView>('credentials.credentials.get', CredentialRef, {
    callers: ['admin-api', 'auth-gateway', 'directory-sync', 'provisioning'],
  }),
  UpdateCredential: rpcSubject<UpdateCredentialRequest, CredentialView>(
    'credentials.credentials.update',
    UpdateCredentialRequest,
    { callers: ['admin-api', 'provisioning'] },
  ),
  DeleteCredential: rpcSubject<CredentialRef, DeletedReply>('credentials.credentials.delete', CredentialRef),
  DownloadCertificate: rpcSubject<DownloadCertificateRequest, CertificateFile>(
    'credentials.certificates.download',
    DownloadCertificateRequest,
    { callers: ['admin-api', 'provisioning'] },
  ),
  /** Creates the next certificate; the active one keeps working until the next is proven and promoted. */
  StartRotation: rpcSubject<StartRotationRequest, CredentialView>(
    'credentials.rotation.start',
    StartRotationRequest,
    { callers: ['admin-api', 'provisioning'] },
  ),
  /** Proves the pending certificate with a real token request, then makes it the active one. */
  CompleteRotation: rpcSubject<CredentialRef, CredentialView>(
    'credentials.rotation.complete',
    CredentialRef,
    { callers: ['admin-api', 'provisioning'] },
  ),
  /** Stops using the previous certificate (after it was removed from the app registration). */
  RetireCertificate: rpcSubject<CredentialRef, CredentialView>('credentials.rotation.retire', CredentialRef, {
    callers: ['admin-api', 'provisioning'],
  }),
  AbortRotation: rpcSubject<CredentialRef, CredentialView>('credentials.rotation.abort', CredentialRef),
  /** A fresh token request with the credential's active certificate (no cache): for "test settings". */
  TestCredential: rpcSubject<CredentialRef, CredentialTestReply>(
    'credentials.credentials.test',
    CredentialRef,
    { callers: ['admin-api', 'provisioning'] },
  ),
  /**
   * App access tokens, one subject per resource so that the bus lets each service ask only for the
   * resources it needs (the resource is fixed by the subject, never a field). Cached and single-flight
   * per (credential, tenant, resource) in the credentials service.
   */
  AcquireGraphToken: rpcSubject<AcquireTokenRequest, AccessTokenReply>(
    'credentials.tokens.acquire.graph',
    AcquireTokenRequest,
    // Provisioning: app registrations, consent and checks; directory sync: reading the directory.
    { callers: ['provisioning', 'directory-sync'] },
  ),
  AcquireExchangeToken: rpcSubject<AcquireTokenRequest, AccessTokenReply>(
    'credentials.tokens.acquire.exchange',
    AcquireTokenRequest,
    // Only the checklist's EWS check of an instance on EWS mail access.
    { callers: ['provisioning'] },
  ),
  /**
   * A client assertion (RFC 7523, as MSAL builds it: PS256, `x5t#S256`) signed with the credential's active
   * key, for a code redemption at the token endpoint named in `audience`. The key never leaves.
   */
  SignClientAssertion: rpcSubject<SignClientAssertionRequest, SignedJwtReply>(
    'credentials.signatures.client-assertion',
    SignClientAssertionRequest,
    { callers: ['auth-gateway', 'admin-api'] },
  ),
  /**
   * A proof-of-possession JWT for Graph `application: addKey` / `removeKey`, signed by one of the
   * credential's current certificates (Microsoft Learn: "Generate proof of possession tokens for rolling keys").
   */
  SignProofOfPossession: rpcSubject<SignProofOfPossessionRequest, SignedJwtReply>(
    'credentials.signatures.proof-of-possession',
    SignProofOfPossessionRequest,
    { callers: ['provisioning'] },
  ),
} as const;

export const CredentialsEvents = {
  /** A credential's active certificate expires in 60, 30 or 7 days (each sent once). */
  CredentialExpiring: eventSubject<CredentialExpiringEvent>('credential.expiring', CredentialExpiringEvent, {
    publisher: 'credentials',
    // Provisioning renews the certificate on the app registration at the 60-day notice.
    consumers: [{ service: 'provisioning', durable: 'provisioning_credential-expiring' }],
  }),
} as const;
