import { Injectable } from '@nestjs/common';
import {
  IMPORT_SEALING_ALGORITHM,
  ImportMaterial,
  type ImportCredentialRequest,
  type ImportKeyReply,
  type SealedImportCredentialRequest,
} from '@archive365/contracts';
import { validatePayload } from '@archive365/messaging';
import { CredentialsError, CredentialsErrorCode } from '../errors/credentials.error';
import { KeyVaultService } from '../vault/key-vault.service';
import { openSealedMaterial } from './open-sealed-material';
import { x25519FromSeed, type X25519KeyPair } from './x25519-key-pair';

const PURPOSE = 'archive365/credentials/import-sealing-key/v1';

/**
 * The import key: an X25519 key pair derived from each master key, so every replica has the same
 * one without storing it, and rotating the master key rotates it. Its id is the master key's id.
 */
@Injectable()
export class ImportSealingService {
  private readonly pairs = new Map<string, X25519KeyPair>();

  constructor(private readonly vault: KeyVaultService) {}

  currentKey(): ImportKeyReply {
    const { keyId, pair } = this.pair();
    return { keyId, algorithm: IMPORT_SEALING_ALGORITHM, publicKey: pair.publicKeyBase64Url };
  }

  /** The import with its key material opened and validated like any other input. */
  async open(request: SealedImportCredentialRequest): Promise<ImportCredentialRequest> {
    const { sealed, ...identity } = request;
    const pair = this.pairOrUndefined(sealed.keyId);
    const plaintext = pair && openSealedMaterial(sealed, pair, request.instanceAlias);
    if (!plaintext) {
      throw new CredentialsError(
        CredentialsErrorCode.CertificateRejected,
        'the sealed key material does not open with the current import key (it was sealed to another key or altered)',
        { field: 'sealed', hint: 'fetch the import key again (credentials.import-key.get) and seal again' },
      );
    }
    let material: unknown;
    try {
      material = JSON.parse(plaintext.toString('utf8'));
    } catch {
      material = undefined;
    } finally {
      plaintext.fill(0);
    }
    const validated = await validatePayload(ImportMaterial, material);
    if (!validated.ok) {
      throw new CredentialsError(CredentialsErrorCode.CertificateRejected, validated.error.message, {
        field: validated.error.field ?? 'sealed',
      });
    }
    return { ...identity, ...validated.value };
  }

  private pair(keyId?: string): { keyId: string; pair: X25519KeyPair } {
    const derived = this.vault.deriveKey(PURPOSE, keyId);
    let pair = this.pairs.get(derived.masterKeyId);
    if (!pair) {
      pair = x25519FromSeed(derived.key);
      this.pairs.set(derived.masterKeyId, pair);
    }
    derived.key.fill(0);
    return { keyId: derived.masterKeyId, pair };
  }

  private pairOrUndefined(keyId: string): X25519KeyPair | undefined {
    try {
      return this.pair(keyId).pair;
    } catch {
      return undefined; // Not a configured master key id.
    }
  }
}
