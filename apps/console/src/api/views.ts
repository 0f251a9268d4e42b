// Shapes of the admin API's answers that the console reads. The OpenAPI document describes request
// bodies and parameters (generated into ./generated); answers are typed here, field for field.

export interface Page<T> {
  items: T[];
  total: number;
  limit?: number;
  offset: number;
}

export interface Me {
  kind: string;
  name: string;
  instances: string[] | null;
}

export interface InstanceView {
  id: string;
  alias: string;
  displayName: string;
  publicBaseUrl: string;
  createdAt: string;
}

export interface CertificateView {
  id: string;
  state: 'pending' | 'active' | 'retiring' | 'retired';
  source: 'generated' | 'imported';
  thumbprintSha1: string;
  thumbprintSha256: string;
  notBefore: string;
  notAfter: string;
}

export interface RenewalView {
  id: string;
  state: 'running' | 'succeeded' | 'failed';
  /** The next step to run (or the one that failed). */
  step:
    | 'create-certificate'
    | 'add-key'
    | 'prove-and-switch'
    | 'remove-old-key'
    | 'retire-old-certificate'
    | 'done';
  trigger: 'expiring' | 'request';
  problem?: PlainProblem;
  attempts: number;
  startedAt: string;
  finishedAt?: string;
}

export interface CredentialView {
  id: string;
  name: string;
  clientId: string;
  tenantId: string;
  activeCertificate: CertificateView;
  certificates: CertificateView[];
}

export interface CertificateFile {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

export interface CredentialTestReply {
  ok: true;
  roles: string[];
  expiresOn: string;
  warnings?: { code?: string; message: string; fix?: string }[];
}

export interface PlainProblem {
  code: string;
  message: string;
  fix: string;
}

export interface SetupStepView {
  name: string;
  title: string;
  state: 'pending' | 'done' | 'failed' | 'skipped';
  changed: boolean;
  detail?: string;
  problem?: PlainProblem;
}

export interface SetupView {
  id: string;
  mode: string;
  state: 'running' | 'waiting-for-sign-in' | 'waiting-for-consent' | 'succeeded' | 'failed' | 'interrupted';
  credentialId?: string;
  clientId?: string;
  tenantId?: string;
  /** While `waiting-for-sign-in`: what the customer's administrator enters where. */
  signIn?: { userCode: string; verificationUri: string; message: string; expiresAt: string };
  consentUrl?: string;
  steps: SetupStepView[];
  graphWrites: number;
  problem?: PlainProblem;
}

export interface GuideView {
  redirectUri: string;
  certificateFileName: string;
  certificateThumbprintSha1: string;
  steps: { title: string; text: string; values?: Record<string, string>; warning?: string }[];
}

export interface DoctorCheckView {
  name: string;
  title: string;
  outcome: 'pass' | 'fail' | 'warn' | 'skip';
  detail: string;
  problem?: PlainProblem;
}

export interface DoctorRunView {
  ok: boolean;
  checks: DoctorCheckView[];
  finishedAt: string;
}

export interface SyncConfigurationView {
  userFilter: 'licensed' | 'enabled' | 'groups';
  groupIds: string[];
  includeGuests: boolean;
  includeSharedMailboxes: boolean;
  includeRooms: boolean;
  includeDisabled: boolean;
  leaverAction: 'disable-login' | 'delete';
  leaverThreshold: { maxCount: number; maxPercent: number };
  schedule: { enabled: boolean; intervalMinutes: number };
}

export interface SyncRunView {
  id: string;
  kind: 'preview' | 'full' | 'delta';
  state: string;
  startedAt: string;
  finishedAt?: string;
  usersRead: number;
  counts: Record<'create' | 'update' | 'disable' | 'delete' | 'unchanged' | 'excluded' | 'recreated', number>;
  reason?: string;
}

export interface PlanItemView {
  sign: '+' | '~' | '-' | '=' | ' ' | '?';
  action: string;
  oid: string;
  userName: string;
  displayName: string;
  changes: { field: string; from: string; to: string }[];
  reasons: string[];
}

export interface ArchiveUserView {
  id: string;
  userName: string;
  displayName: string;
  primaryAddress: string;
  aliases: string[];
  state: string;
  archiveId: string;
}

export interface GroupView {
  id: string;
  displayName: string;
  description?: string;
  mail?: string;
}

export interface SignInSettingsView {
  instanceAlias: string;
  credentialId: string;
  responseType: 'code' | 'id_token';
  redirectUri: string;
  addinManifestUrl: string;
}
