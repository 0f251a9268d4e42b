import { processEnvironment } from '@archive365/config';
import type { CredentialsConfig } from './credentials.config';

export interface MasterKeyMaterial {
  keys: string;
  activeKeyId?: string;
}

/**
 * Hands the master keys over once, to the key vault, and removes them from the configuration object
 * and from the process environment, so that nothing else (a debug dump, a child process, a later
 * reader of the config) can find them afterwards.
 */
export function takeMasterKeys(config: CredentialsConfig): MasterKeyMaterial {
  const material = {
    keys: config.CREDENTIALS_MASTER_KEYS,
    activeKeyId: config.CREDENTIALS_ACTIVE_MASTER_KEY,
  };
  if (!material.keys) {
    throw new Error('The master keys were already taken: only the key vault reads them, once.');
  }
  config.CREDENTIALS_MASTER_KEYS = '';
  // The environment variable stays set when the process was started with it; it holds the same secret.
  const environment = processEnvironment();
  delete environment['CREDENTIALS_MASTER_KEYS'];
  return material;
}
