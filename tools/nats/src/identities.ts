import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@archive365/contracts';
import { readSeed } from '@archive365/messaging';
import { nkeys } from 'nats';

export interface ServiceIdentity {
  service: ServiceName;
  /** The seed file the service reads (NATS_NKEY_SEED_FILE); a secret. */
  seedFile: string;
  publicKey: string;
}

/**
 * One NKey per service in `dir/<service>.nk`. Existing seeds are kept, so regenerating the server
 * configuration after a contracts change does not change who the services are.
 */
export function ensureIdentities(dir: string): ServiceIdentity[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return SERVICE_NAMES.map((service) => {
    const seedFile = join(dir, `${service}.nk`);
    if (!existsSync(seedFile)) {
      const user = nkeys.createUser();
      writeFileSync(seedFile, `${new TextDecoder().decode(user.getSeed())}\n`, { mode: 0o600 });
    }
    return { service, seedFile, publicKey: publicKeyOf(seedFile) };
  });
}

/** Reads an existing public key list instead (`service=U...` lines), for seeds kept in a secret store. */
export function publicKeysFrom(file: string): Record<ServiceName, string> {
  const keys = {} as Record<ServiceName, string>;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const [name, key] = line.trim().split('=');
    const service = SERVICE_NAMES.find((known) => known === name);
    if (service && key?.startsWith('U')) keys[service] = key;
  }
  const missing = SERVICE_NAMES.filter((service) => !keys[service]);
  if (missing.length > 0) throw new Error(`${file} has no public key for ${missing.join(', ')}`);
  return keys;
}

function publicKeyOf(seedFile: string): string {
  return nkeys.fromSeed(readSeed(seedFile)).getPublicKey();
}
