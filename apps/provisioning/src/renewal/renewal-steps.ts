import { randomUUID } from 'node:crypto';
import type { CertificateView, CredentialView, PlainProblem, RenewalStep } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { GraphCallError, type GraphSession } from '../graph/graph-session';
import type { Renewal } from '../persistence/renewal.entity';
import type { RegisteredKeysRepository } from '../persistence/registered-keys.repository';
import type { RenewalsRepository } from '../persistence/renewals.repository';
import type { CredentialsClient } from '../platform/credentials.client';

/** A step's decision that needs the administrator: recorded as the renewal's problem. */
export class RenewalBlocked extends Error {
  constructor(readonly problem: PlainProblem) {
    super(problem.message);
  }
}

export interface RenewalDeps {
  credentials: CredentialsClient;
  renewals: RenewalsRepository;
  keys: RegisteredKeysRepository;
  graph: GraphSession;
  /** How long a new certificate may take to work after addKey (Entra replication). */
  propagationWaitMs: number;
  /** True when an administrator asked for this attempt (a retry after a fix). */
  retriedByAdministrator: boolean;
}

const certificate = (credential: CredentialView, id: string | null): CertificateView | undefined =>
  credential.certificates.find((candidate) => candidate.id === id);

/**
 * Runs one step and answers the next. Each step first looks whether its effect is already there (a
 * crash may have stopped the service after the effect and before the record), so repeating is harmless.
 */
export async function runRenewalStep(renewal: Renewal, deps: RenewalDeps): Promise<RenewalStep | 'done'> {
  const step = renewal.step;
  switch (step) {
    case 'create-certificate':
      return createCertificate(renewal, deps);
    case 'add-key':
      return addKey(renewal, deps);
    case 'prove-and-switch':
      return proveAndSwitch(renewal, deps);
    case 'remove-old-key':
      return removeOldKey(renewal, deps);
    case 'retire-old-certificate':
      return retireOld(renewal, deps);
    case 'done':
      return 'done';
  }
}

async function createCertificate(renewal: Renewal, deps: RenewalDeps): Promise<RenewalStep> {
  let credential = await deps.credentials.credential(renewal.credentialId);
  const oldCertificateId = renewal.oldCertificateId ?? credential.activeCertificate.id;
  let pending = credential.certificates.find((candidate) => candidate.state === 'pending');
  if (!pending) {
    credential = await deps.credentials.startRotation(renewal.credentialId);
    pending = credential.certificates.find((candidate) => candidate.state === 'pending');
  }
  if (!pending) throw new Error('the credentials service created no pending certificate');
  await deps.renewals.advance(renewal.id, 'add-key', { oldCertificateId, newCertificateId: pending.id });
  return 'add-key';
}

async function addKey(renewal: Renewal, deps: RenewalDeps): Promise<RenewalStep> {
  const credential = await deps.credentials.credential(renewal.credentialId);
  const next = certificate(credential, renewal.newCertificateId);
  if (next?.state === 'active') return advance(renewal, deps, 'remove-old-key');
  if (next?.state !== 'pending') throw rotationChanged(credential);
  if (await deps.keys.keyIdOf(renewal.credentialId, next.thumbprintSha1)) {
    return advance(renewal, deps, 'prove-and-switch');
  }
  // Retried after a refusal whose fix is an upload by hand: a second key with the same certificate
  // would stay behind on the app registration, so try the uploaded one before adding it again.
  if (await uploadedByHand(renewal, deps)) return advance(renewal, deps, 'remove-old-key');
  // The keyId is chosen and saved before the call: after a crash, a second addKey with it is refused
  // as a duplicate, which tells us the first one went through.
  const keyId = renewal.newKeyId ?? randomUUID();
  if (!renewal.newKeyId) await deps.renewals.intendKeyId(renewal.id, keyId);
  const der = await deps.credentials.publicCertificate(renewal.credentialId, 'pending');
  const proof = await deps.credentials.proofOfPossession(renewal.credentialId, renewal.applicationObjectId);
  try {
    const added = await deps.graph.post<{ keyId?: string }>(
      `/applications/${renewal.applicationObjectId}/addKey`,
      {
        keyCredential: {
          type: 'AsymmetricX509Cert',
          usage: 'Verify',
          key: der.contentBase64,
          keyId,
          displayName: `CN=archive renewal ${new Date().toISOString().slice(0, 10)}`,
        },
        passwordCredential: null,
        proof: proof.jwt,
      },
    );
    await deps.keys.remember(
      renewal.credentialId,
      next.thumbprintSha1,
      renewal.applicationObjectId,
      added.keyId ?? keyId,
    );
  } catch (error) {
    if (GraphCallError.is(error, 400) && error.message.includes(keyId)) {
      await deps.keys.remember(renewal.credentialId, next.thumbprintSha1, renewal.applicationObjectId, keyId);
    } else {
      throw error;
    }
  }
  return advance(renewal, deps, 'prove-and-switch');
}

/** After a refused addKey: did the administrator upload the new certificate by hand? */
async function uploadedByHand(renewal: Renewal, deps: RenewalDeps): Promise<boolean> {
  if (!deps.retriedByAdministrator) return false;
  try {
    await deps.credentials.completeRotation(renewal.credentialId);
    return true;
  } catch (error) {
    if (error instanceof RpcCallError) return false;
    throw error;
  }
}

async function proveAndSwitch(renewal: Renewal, deps: RenewalDeps): Promise<RenewalStep> {
  const deadline = Date.now() + deps.propagationWaitMs;
  for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
    const credential = await deps.credentials.credential(renewal.credentialId);
    const next = certificate(credential, renewal.newCertificateId);
    if (next?.state === 'active') return advance(renewal, deps, 'remove-old-key');
    if (next?.state !== 'pending') throw rotationChanged(credential);
    try {
      // A real token request signed with the new certificate, then the switch (credentials service).
      await deps.credentials.completeRotation(renewal.credentialId);
      return advance(renewal, deps, 'remove-old-key');
    } catch (error) {
      const stillReplicating = error instanceof RpcCallError && error.body.reason === 'AADSTS700027';
      if (!stillReplicating || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

async function removeOldKey(renewal: Renewal, deps: RenewalDeps): Promise<RenewalStep> {
  const credential = await deps.credentials.credential(renewal.credentialId);
  const old = certificate(credential, renewal.oldCertificateId);
  if (!old || old.state === 'retired') return advance(renewal, deps, 'retire-old-certificate');
  const keyId =
    (await deps.keys.keyIdOf(renewal.credentialId, old.thumbprintSha1)) ??
    (await keyIdOnRegistration(renewal, deps, old.thumbprintSha1));
  if (!keyId) {
    if (deps.retriedByAdministrator) return advance(renewal, deps, 'retire-old-certificate');
    throw new RenewalBlocked({
      code: 'OLD_KEY_UNKNOWN',
      message: `The key id of the old certificate ${old.thumbprintSha1} on the app registration is not known (it was uploaded outside this service), so it cannot be removed automatically. The new certificate is already in use.`,
      fix: `Remove the certificate with thumbprint ${old.thumbprintSha1} under "Certificates & secrets" of the app registration, then start the renewal again to finish.`,
    });
  }
  // Signed by the new certificate: the one that stays.
  const proof = await deps.credentials.proofOfPossession(
    renewal.credentialId,
    renewal.applicationObjectId,
    renewal.newCertificateId ?? undefined,
  );
  try {
    await deps.graph.post(`/applications/${renewal.applicationObjectId}/removeKey`, {
      keyId,
      proof: proof.jwt,
    });
  } catch (error) {
    // Already gone (a crash after the removal, or removed by hand): the effect is there.
    if (!GraphCallError.is(error, 404)) throw error;
  }
  await deps.keys.forget(renewal.credentialId, old.thumbprintSha1);
  return advance(renewal, deps, 'retire-old-certificate');
}

/**
 * The key id of a certificate uploaded by hand (the provider's app's first one is), found by its
 * thumbprint, which Graph keeps as the key's `customKeyIdentifier`. Only an app that may read its own
 * registration can look; for another the administrator removes the key.
 */
async function keyIdOnRegistration(
  renewal: Renewal,
  deps: RenewalDeps,
  thumbprintSha1: string,
): Promise<string | undefined> {
  const identifier = Buffer.from(thumbprintSha1, 'hex').toString('base64');
  try {
    const app = await deps.graph.find<{
      keyCredentials?: { keyId?: string; customKeyIdentifier?: string }[];
    }>(`/applications/${renewal.applicationObjectId}`, { select: ['keyCredentials'] });
    return app?.keyCredentials?.find((key) => key.customKeyIdentifier === identifier)?.keyId;
  } catch (error) {
    if (GraphCallError.is(error, 403)) return undefined;
    throw error;
  }
}

async function retireOld(renewal: Renewal, deps: RenewalDeps): Promise<'done'> {
  const credential = await deps.credentials.credential(renewal.credentialId);
  if (certificate(credential, renewal.oldCertificateId)?.state === 'retiring') {
    await deps.credentials.retire(renewal.credentialId);
  }
  await deps.renewals.advance(renewal.id, 'done');
  return 'done';
}

async function advance<S extends RenewalStep>(renewal: Renewal, deps: RenewalDeps, next: S): Promise<S> {
  await deps.renewals.advance(renewal.id, next);
  return next;
}

function rotationChanged(credential: CredentialView): RenewalBlocked {
  return new RenewalBlocked({
    code: 'ROTATION_CHANGED',
    message: `The credential's certificates changed outside this renewal (a manual rotation was aborted or completed); active is ${credential.activeCertificate.thumbprintSha1}.`,
    fix: 'Start a new renewal; it begins from the current certificates.',
  });
}
