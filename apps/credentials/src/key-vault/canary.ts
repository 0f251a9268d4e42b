import { CredentialsError, CredentialsErrorCode } from '../errors';
import type { MasterKeyRing } from './master-key-ring';
import { parseSealedSecret, serializeSealedSecret } from './sealed-secret';

const CANARY_ASSOCIATED_DATA = 'archive365/key-vault/canary';
const CANARY_PLAINTEXT = 'archive365 master key canary v1';

export interface CanaryCheck {
  /** The master key the canary (and so the stored data) is sealed with. */
  readonly masterKeyId: string;
  /** The canary is sealed with a configured key that is no longer the active one: rewrap the data. */
  readonly needsRewrap: boolean;
}

/** A known value sealed with the active master key, stored beside the data it vouches for. */
export function createCanary(ring: MasterKeyRing): string {
  return serializeSealedSecret(ring.seal(CANARY_PLAINTEXT, CANARY_ASSOCIATED_DATA));
}

/**
 * Proves at startup that the configured master keys can open what is stored, so a wrong key stops
 * the service with a message instead of failing later on every credential.
 */
export function verifyCanary(ring: MasterKeyRing, canary: string): CanaryCheck {
  const sealed = parseSealedSecret(canary);
  let plaintext: Buffer;
  try {
    plaintext = ring.open(sealed, CANARY_ASSOCIATED_DATA);
  } catch (error) {
    throw error instanceof CredentialsError ? startupError(error, sealed.masterKeyId) : error;
  }
  if (plaintext.toString('utf8') !== CANARY_PLAINTEXT) {
    throw startupError(new CredentialsError(CredentialsErrorCode.MasterKeyMismatch, ''), sealed.masterKeyId);
  }
  return { masterKeyId: sealed.masterKeyId, needsRewrap: ring.needsRewrap(sealed) };
}

function startupError(cause: CredentialsError, masterKeyId: string): CredentialsError {
  if (cause.code === CredentialsErrorCode.UnknownMasterKey) {
    return new CredentialsError(
      cause.code,
      `The stored credentials are sealed with master key "${masterKeyId}", which is not configured. Add "${masterKeyId}" with its original value to the master keys (you may keep a new key active beside it), then restart.`,
      { masterKeyId },
    );
  }
  if (
    cause.code === CredentialsErrorCode.MasterKeyMismatch ||
    cause.code === CredentialsErrorCode.SecretTampered
  ) {
    return new CredentialsError(
      CredentialsErrorCode.MasterKeyMismatch,
      `The configured master key "${masterKeyId}" is not the key the stored credentials were sealed with. Restore the original value of "${masterKeyId}" (from the Secret it was created in), then restart; do not create a new key under the same id.`,
      { masterKeyId },
    );
  }
  // Configuration and format problems already say what to do.
  return cause;
}
