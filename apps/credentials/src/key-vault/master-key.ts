import { CredentialsError, CredentialsErrorCode } from '../errors';

/** AES-256 needs exactly 32 bytes of key. */
export const MASTER_KEY_LENGTH = 32;
/** Ids go into the serialised sealed form and into log lines, so they are kept short and plain. */
export const MASTER_KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function configError(message: string): CredentialsError {
  return new CredentialsError(CredentialsErrorCode.MasterKeyConfigInvalid, message);
}

export function assertMasterKeyId(id: string, where: string): void {
  if (!MASTER_KEY_ID_PATTERN.test(id)) {
    throw configError(
      `${where}: the master key id must be 1 to 64 letters, digits, "-" or "_" (got ${JSON.stringify(id.slice(0, 64))}).`,
    );
  }
}

/**
 * Parses `k2026a:<base64 of 32 bytes>,k2025b:<base64>` (the form of a Kubernetes Secret value).
 * Errors point at the entry by position and id but never repeat the key text: a typo in a secret
 * must not end up in a log.
 */
export function parseMasterKeys(config: string): MasterKey[] {
  const entries = config
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) {
    throw configError(
      'No master key is configured; set one as "<id>:<base64 of 32 random bytes>", e.g. generated with `openssl rand -base64 32`.',
    );
  }
  const keys = entries.map((entry, index) => parseEntry(entry, index + 1));
  const seen = new Set<string>();
  for (const { id } of keys) {
    if (seen.has(id)) {
      throw configError(`Master key id "${id}" appears twice; give every master key its own id.`);
    }
    seen.add(id);
  }
  return keys;
}

function parseEntry(entry: string, position: number): MasterKey {
  const separator = entry.indexOf(':');
  if (separator <= 0) {
    throw configError(`Master key entry ${position} is not in the form "<id>:<base64 key>".`);
  }
  const id = entry.slice(0, separator).trim();
  const encoded = entry.slice(separator + 1).trim();
  assertMasterKeyId(id, `Master key entry ${position}`);
  if (!STRICT_BASE64.test(encoded)) {
    throw configError(
      `Master key "${id}" is not valid base64; encode 32 random bytes, e.g. \`openssl rand -base64 32\`.`,
    );
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== MASTER_KEY_LENGTH) {
    throw configError(
      `Master key "${id}" decodes to ${key.length} bytes; it must be exactly ${MASTER_KEY_LENGTH} bytes (\`openssl rand -base64 32\`).`,
    );
  }
  return { id, key };
}
