import { IsUUID } from 'class-validator';
import type { PlainProblem } from './setup.dto';
import { OptionalField } from '../validation/safe-text';

/** Renewal of a credential's certificate on its app registration (Graph `addKey` / `removeKey`). */
export class StartRenewalRequest {
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;

  /** The app registration's Object ID, when no setup of the instance recorded it. */
  @OptionalField()
  @IsUUID('all', { message: 'applicationObjectId must be the Object ID (GUID) of the app registration' })
  applicationObjectId?: string;
}

export class RenewalRef {
  @IsUUID('all', { message: 'credentialId must be a credential id (GUID)' })
  credentialId!: string;
}

/** The steps, in order; each is recorded before the next starts, so a crash resumes where it stopped. */
export const RENEWAL_STEPS = [
  'create-certificate',
  'add-key',
  'prove-and-switch',
  'remove-old-key',
  'retire-old-certificate',
] as const;
export type RenewalStep = (typeof RENEWAL_STEPS)[number];

export type RenewalState = 'running' | 'succeeded' | 'failed';

export interface RenewalView {
  id: string;
  credentialId: string;
  /** Absent for the provider's multi-tenant app (a provider-level credential), which is no instance's. */
  instanceAlias?: string;
  state: RenewalState;
  /** The next step to run (or the one that failed). */
  step: RenewalStep | 'done';
  trigger: 'expiring' | 'request';
  oldCertificateId?: string;
  newCertificateId?: string;
  problem?: PlainProblem;
  attempts: number;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
}
