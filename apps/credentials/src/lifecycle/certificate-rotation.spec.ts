import { CredentialsError, CredentialsErrorCode } from '../errors';
import {
  abort,
  activeCertificate,
  createRotation,
  pendingCertificate,
  promote,
  proveNext,
  retire,
  startRotation,
  type CertificateRotation,
} from './certificate-rotation';

const t0 = new Date('2026-11-28T10:00:00Z');
const t1 = new Date('2026-11-29T10:00:00Z');
const t2 = new Date('2026-11-30T10:00:00Z');

function thrown(action: () => unknown): CredentialsError {
  try {
    action();
  } catch (error) {
    if (error instanceof CredentialsError) return error;
    throw error;
  }
  throw new Error('expected a CredentialsError');
}

const states = (rotation: CertificateRotation) =>
  Object.fromEntries(rotation.certificates.map((slot) => [slot.certificateId, slot.state]));

describe('certificate rotation', () => {
  const created = createRotation('cert-1', t0);

  it('starts with exactly one active certificate', () => {
    expect(states(created)).toEqual({ 'cert-1': 'active' });
    expect(activeCertificate(created).certificateId).toBe('cert-1');
    expect(pendingCertificate(created)).toBeUndefined();
  });

  it('runs a full rotation with overlap: start, prove, promote, retire', () => {
    const started = startRotation(created, 'cert-2', t0);
    expect(states(started)).toEqual({ 'cert-1': 'active', 'cert-2': 'pending' });
    expect(activeCertificate(started).certificateId).toBe('cert-1');

    const proven = proveNext(started, 'cert-2', t1);
    expect(pendingCertificate(proven)?.provenAt).toEqual(t1);

    const promoted = promote(proven, 'cert-2', t1);
    expect(states(promoted)).toEqual({ 'cert-1': 'retiring', 'cert-2': 'active' });

    const retired = retire(promoted, 'cert-1', t2);
    expect(states(retired)).toEqual({ 'cert-1': 'retired', 'cert-2': 'active' });
    expect(retired.certificates.find((slot) => slot.certificateId === 'cert-1')?.changedAt).toEqual(t2);
  });

  it('does not change the state it was given', () => {
    const started = startRotation(created, 'cert-2', t0);
    promote(proveNext(started, 'cert-2', t1), 'cert-2', t1);
    expect(states(started)).toEqual({ 'cert-1': 'active', 'cert-2': 'pending' });
  });

  it('keeps the first proof time when proven again', () => {
    const proven = proveNext(proveNext(startRotation(created, 'cert-2', t0), 'cert-2', t1), 'cert-2', t2);
    expect(pendingCertificate(proven)?.provenAt).toEqual(t1);
  });

  it('allows only one pending certificate at a time', () => {
    const error = thrown(() => startRotation(startRotation(created, 'cert-2', t0), 'cert-3', t0));
    expect(error.code).toBe(CredentialsErrorCode.RotationAlreadyPending);
    expect(error.message).toBe(
      'A rotation is already under way with certificate cert-2; finish it (prove and promote) or abort it first.',
    );
  });

  it('refuses to promote a certificate that was not proven by a token request', () => {
    const error = thrown(() => promote(startRotation(created, 'cert-2', t0), 'cert-2', t1));
    expect(error.code).toBe(CredentialsErrorCode.NotProven);
    expect(error.message).toContain('run a successful token test before switching');
  });

  it('aborts a pending rotation and leaves the active certificate alone', () => {
    const aborted = abort(startRotation(created, 'cert-2', t0), 'cert-2', t1);
    expect(states(aborted)).toEqual({ 'cert-1': 'active', 'cert-2': 'retired' });
    expect(states(startRotation(aborted, 'cert-3', t2))).toMatchObject({ 'cert-3': 'pending' });
  });

  it('can start the next rotation while the previous certificate is still retiring', () => {
    const promoted = promote(proveNext(startRotation(created, 'cert-2', t0), 'cert-2', t1), 'cert-2', t1);
    expect(states(startRotation(promoted, 'cert-3', t2))).toEqual({
      'cert-1': 'retiring',
      'cert-2': 'active',
      'cert-3': 'pending',
    });
  });

  it.each<[string, (rotation: CertificateRotation) => CertificateRotation, CredentialsErrorCode, string]>([
    [
      'retire the active certificate',
      (r) => retire(r, 'cert-1', t1),
      CredentialsErrorCode.InvalidTransition,
      'Cannot retire certificate cert-1: it is active, and only a retiring certificate can be retired.',
    ],
    [
      'abort the active certificate',
      (r) => abort(r, 'cert-1', t1),
      CredentialsErrorCode.InvalidTransition,
      'Cannot abort certificate cert-1: it is active',
    ],
    [
      'prove the active certificate',
      (r) => proveNext(r, 'cert-1', t1),
      CredentialsErrorCode.InvalidTransition,
      'only a pending certificate can be proven',
    ],
    [
      'promote an unknown certificate',
      (r) => promote(r, 'cert-9', t1),
      CredentialsErrorCode.CertificateNotFound,
      'Certificate cert-9 does not belong to this credential.',
    ],
    [
      'reuse a certificate id',
      (r) => startRotation(r, 'cert-1', t1),
      CredentialsErrorCode.DuplicateCertificateId,
      'already belongs to this credential',
    ],
  ])('refuses to %s with a clear error', (_case, step, code, message) => {
    const error = thrown(() => step(created));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('refuses to retire a certificate twice or revive a retired one', () => {
    const done = retire(
      promote(proveNext(startRotation(created, 'cert-2', t0), 'cert-2', t1), 'cert-2', t1),
      'cert-1',
      t2,
    );
    expect(thrown(() => retire(done, 'cert-1', t2)).message).toContain('it is retired');
    expect(thrown(() => promote(done, 'cert-1', t2)).message).toContain('start a new rotation');
  });

  it('reports a stored state without exactly one active certificate', () => {
    const broken: CertificateRotation = {
      certificates: [{ certificateId: 'a', state: 'retiring', changedAt: t0 }],
    };
    expect(thrown(() => activeCertificate(broken)).message).toContain('has 0 active certificates');
    expect(thrown(() => startRotation(broken, 'b', t0)).code).toBe(CredentialsErrorCode.InvalidTransition);
  });
});
