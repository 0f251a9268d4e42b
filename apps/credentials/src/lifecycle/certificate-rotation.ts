import { CredentialsError, CredentialsErrorCode } from '../errors';
import type { CertificateState } from '@archive365/contracts';

/**
 * - `pending`: created, perhaps uploaded, not yet proven by a real token request;
 * - `active`: the certificate tokens are requested with;
 * - `retiring`: the previous active one, still valid and registered during the overlap;
 * - `retired`: no longer used (and, for an aborted pending one, never was).
 */
export type { CertificateState };

export interface RotationSlot {
  readonly certificateId: string;
  readonly state: CertificateState;
  /** When a token request signed with this certificate first succeeded while it was pending. */
  readonly provenAt?: Date;
  readonly changedAt: Date;
}

/** A credential's certificates. Invariants: exactly one `active`, at most one `pending`. */
export interface CertificateRotation {
  readonly certificates: readonly RotationSlot[];
}

/** A new credential starts with its first certificate active: it is proven by the credential test. */
export function createRotation(firstCertificateId: string, now: Date): CertificateRotation {
  return { certificates: [{ certificateId: firstCertificateId, state: 'active', changedAt: now }] };
}

export function activeCertificate(rotation: CertificateRotation): RotationSlot {
  const active = rotation.certificates.filter((slot) => slot.state === 'active');
  if (active.length !== 1) {
    // Only reachable with state built outside these functions (e.g. edited rows).
    throw new CredentialsError(
      CredentialsErrorCode.InvalidTransition,
      `The credential has ${active.length} active certificates; it must have exactly one. Repair the stored rotation state.`,
    );
  }
  return active[0];
}

export function pendingCertificate(rotation: CertificateRotation): RotationSlot | undefined {
  return rotation.certificates.find((slot) => slot.state === 'pending');
}

/** Step 1: a next certificate is created while the active one keeps working. */
export function startRotation(
  rotation: CertificateRotation,
  nextCertificateId: string,
  now: Date,
): CertificateRotation {
  activeCertificate(rotation);
  if (rotation.certificates.some((slot) => slot.certificateId === nextCertificateId)) {
    throw new CredentialsError(
      CredentialsErrorCode.DuplicateCertificateId,
      `Certificate ${nextCertificateId} already belongs to this credential; a rotation needs a new certificate.`,
      { certificateId: nextCertificateId },
    );
  }
  const pending = pendingCertificate(rotation);
  if (pending) {
    throw new CredentialsError(
      CredentialsErrorCode.RotationAlreadyPending,
      `A rotation is already under way with certificate ${pending.certificateId}; finish it (prove and promote) or abort it first.`,
      { certificateId: pending.certificateId },
    );
  }
  return {
    certificates: [
      ...rotation.certificates,
      { certificateId: nextCertificateId, state: 'pending', changedAt: now },
    ],
  };
}

/** Step 2: a real token request signed with the pending certificate succeeded. */
export function proveNext(
  rotation: CertificateRotation,
  certificateId: string,
  now: Date,
): CertificateRotation {
  const slot = requireState(rotation, certificateId, 'pending', 'prove');
  return replace(rotation, { ...slot, provenAt: slot.provenAt ?? now, changedAt: now });
}

/** Step 3: the proven certificate becomes active; the previous one keeps working as `retiring`. */
export function promote(
  rotation: CertificateRotation,
  certificateId: string,
  now: Date,
): CertificateRotation {
  const slot = requireState(rotation, certificateId, 'pending', 'promote');
  if (!slot.provenAt) {
    throw new CredentialsError(
      CredentialsErrorCode.NotProven,
      `Certificate ${certificateId} has not been proven yet; upload it to the app registration and run a successful token test before switching to it.`,
      { certificateId },
    );
  }
  const previous = activeCertificate(rotation);
  return {
    certificates: rotation.certificates.map((current) => {
      if (current.certificateId === certificateId) return { ...current, state: 'active', changedAt: now };
      if (current.certificateId === previous.certificateId)
        return { ...current, state: 'retiring', changedAt: now };
      return current;
    }),
  };
}

/** Step 4: the overlap is over; the old certificate is no longer used (remove it from the app registration). */
export function retire(rotation: CertificateRotation, certificateId: string, now: Date): CertificateRotation {
  const slot = requireState(rotation, certificateId, 'retiring', 'retire');
  return replace(rotation, { ...slot, state: 'retired', changedAt: now });
}

/** Gives up a rotation before the switch; the active certificate is untouched. */
export function abort(rotation: CertificateRotation, certificateId: string, now: Date): CertificateRotation {
  const slot = requireState(rotation, certificateId, 'pending', 'abort');
  return replace(rotation, { ...slot, state: 'retired', changedAt: now });
}

type Step = 'prove' | 'promote' | 'retire' | 'abort';

function requireState(
  rotation: CertificateRotation,
  certificateId: string,
  expected: CertificateState,
  step: Step,
): RotationSlot {
  const slot = rotation.certificates.find((current) => current.certificateId === certificateId);
  if (!slot) {
    throw new CredentialsError(
      CredentialsErrorCode.CertificateNotFound,
      `Certificate ${certificateId} does not belong to this credential.`,
      { certificateId },
    );
  }
  if (slot.state !== expected) {
    throw new CredentialsError(
      CredentialsErrorCode.InvalidTransition,
      `Cannot ${step} certificate ${certificateId}: it is ${slot.state}, and only a ${expected} certificate can be ${pastTense(step)}. ${whatToDo(slot.state)}`,
      { certificateId },
    );
  }
  return slot;
}

function pastTense(step: Step): string {
  switch (step) {
    case 'prove':
      return 'proven';
    case 'promote':
      return 'promoted';
    case 'retire':
      return 'retired';
    case 'abort':
      return 'aborted';
  }
}

function whatToDo(state: CertificateState): string {
  switch (state) {
    case 'pending':
      return 'Prove and promote it, or abort the rotation.';
    case 'active':
      return 'Start a rotation to replace it; the active certificate is retired only after a successor is promoted.';
    case 'retiring':
      return 'It was replaced already; retire it once the overlap is over.';
    case 'retired':
      return 'It is no longer in use; start a new rotation if another certificate is needed.';
  }
}

function replace(rotation: CertificateRotation, updated: RotationSlot): CertificateRotation {
  return {
    certificates: rotation.certificates.map((slot) =>
      slot.certificateId === updated.certificateId ? updated : slot,
    ),
  };
}
