import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { CertificateMaterial } from '../certificates';
import { CREDENTIALS_CONFIG, takeMasterKeys, type CredentialsConfig } from '../config';
import { CredentialsError, CredentialsErrorCode } from '../errors';
import {
  MasterKeyRing,
  createCanary,
  parseMasterKeys,
  parseSealedSecret,
  serializeSealedSecret,
  verifyCanary,
} from '../key-vault';
import {
  CredentialsRepository,
  KeyCanariesRepository,
  type Certificate,
  type NewCertificate,
} from '../store';

const CANARY_ID = 'master-key';

/**
 * Seals and opens private keys with the configured master keys. At start-up it proves the keys fit
 * the stored data (a wrong key stops the service with a clear message), refuses to start while any
 * stored key names a master key that is not configured, and rewraps everything sealed with a key
 * that is no longer the active one, so that an old key can then be removed from configuration.
 */
@Injectable()
export class KeyVaultService implements OnModuleInit {
  private readonly logger = new Logger(KeyVaultService.name);
  private readonly ring: MasterKeyRing;

  constructor(
    @Inject(CREDENTIALS_CONFIG) config: CredentialsConfig,
    private readonly credentials: CredentialsRepository,
    private readonly canaries: KeyCanariesRepository,
  ) {
    const material = takeMasterKeys(config);
    const keys = parseMasterKeys(material.keys);
    this.ring = new MasterKeyRing(keys, material.activeKeyId ?? keys[0].id);
    // The ring holds its own copies: the parsed ones are wiped, so the key bytes exist once.
    for (const { key } of keys) key.fill(0);
  }

  async onModuleInit(): Promise<void> {
    await this.checkCanary();
    await this.rewrapStaleKeys();
  }

  seal(privateKeyPem: string, certificateId: string): string {
    return serializeSealedSecret(this.ring.seal(privateKeyPem, associatedData(certificateId)));
  }

  /** A certificate row to store, under a new id, with its private key sealed for that id only. */
  sealedCertificate(
    credentialId: string,
    material: CertificateMaterial,
    source: Certificate['source'],
    state: Certificate['state'],
  ): NewCertificate {
    const id = randomUUID();
    return {
      id,
      credentialId,
      state,
      source,
      subject: material.subject,
      keySize: material.keySize,
      thumbprintSha1: material.thumbprintSha1,
      thumbprintSha256: material.thumbprintSha256,
      serialNumber: material.serialNumber,
      certificatePem: material.certificatePem,
      sealedPrivateKey: this.seal(material.privateKeyPem, id),
      notBefore: material.notBefore.toISOString(),
      notAfter: material.notAfter.toISOString(),
    };
  }

  open(sealed: string, certificateId: string): string {
    return this.ring.open(parseSealedSecret(sealed), associatedData(certificateId)).toString('utf8');
  }

  /** A key derived from a master key for another purpose (the active one unless `masterKeyId` names one). */
  deriveKey(purpose: string, masterKeyId?: string): { masterKeyId: string; key: Buffer } {
    const id = masterKeyId ?? this.ring.activeKeyId;
    if (!this.ring.keyIds.includes(id)) throw new Error(`master key "${id}" is not configured`);
    return { masterKeyId: id, key: this.ring.deriveKey(purpose, id) };
  }

  /** The first replica to start on an empty database writes the canary; every start verifies it. */
  private async checkCanary(): Promise<void> {
    verifyCanary(this.ring, await this.canaries.writeOnceAndRead(CANARY_ID, createCanary(this.ring)));
  }

  /**
   * Every row, not only the canary: a replica still running with the old configuration during a
   * rolling update may have sealed new keys with the previous master key.
   */
  private async rewrapStaleKeys(): Promise<void> {
    const rows = await this.credentials.sealedKeys();
    const byKey = new Map<string, string[]>();
    for (const row of rows) {
      const keyId = parseSealedSecret(row.sealedPrivateKey).masterKeyId;
      byKey.set(keyId, [...(byKey.get(keyId) ?? []), row.id]);
    }
    const missing = [...byKey.keys()].filter((keyId) => !this.ring.keyIds.includes(keyId));
    if (missing.length > 0) {
      throw new CredentialsError(
        CredentialsErrorCode.UnknownMasterKey,
        `Private keys in this database are sealed with master key(s) ${missing.map((id) => `"${id}" (${byKey.get(id)?.length} keys)`).join(', ')}, which are not configured. Add them back to CREDENTIALS_MASTER_KEYS with their original values, then restart.`,
        { masterKeyId: missing[0] },
      );
    }
    const stale = rows.filter((row) => this.ring.needsRewrap(parseSealedSecret(row.sealedPrivateKey)));
    await this.credentials.replaceSealedKeys(
      stale.map((row) => ({
        id: row.id,
        sealedPrivateKey: serializeSealedSecret(
          this.ring.rewrap(parseSealedSecret(row.sealedPrivateKey), associatedData(row.id)),
        ),
      })),
    );
    // After the keys: a crash in between leaves a stale canary, rewrapped at the next start.
    const canary = await this.canaries.writeOnceAndRead(CANARY_ID, createCanary(this.ring));
    if (this.ring.needsRewrap(parseSealedSecret(canary))) {
      await this.canaries.replace(CANARY_ID, createCanary(this.ring));
    }
    if (stale.length > 0) {
      this.logger.log(`Rewrapped ${stale.length} private key(s) to master key "${this.ring.activeKeyId}"`);
    }
  }
}

/** Binds a sealed key to its certificate: copied onto another row, it no longer opens. */
function associatedData(certificateId: string): string {
  return `certificate:${certificateId}`;
}
