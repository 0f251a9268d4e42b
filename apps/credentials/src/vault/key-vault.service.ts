import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../app/credentials.config';
import { Certificate } from '../credentials/certificate.entity';
import {
  KeyVaultError,
  KeyVaultErrorCode,
  MasterKeyRing,
  createCanary,
  parseMasterKeys,
  parseSealedSecret,
  serializeSealedSecret,
  verifyCanary,
} from '../key-vault';
import { KeyCanary } from './key-canary.entity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const keys = parseMasterKeys(config.CREDENTIALS_MASTER_KEYS);
    this.ring = new MasterKeyRing(keys, config.CREDENTIALS_ACTIVE_MASTER_KEY ?? keys[0].id);
  }

  async onModuleInit(): Promise<void> {
    await this.checkCanary();
    await this.rewrapStaleKeys();
  }

  seal(privateKeyPem: string, certificateId: string): string {
    return serializeSealedSecret(this.ring.seal(privateKeyPem, associatedData(certificateId)));
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
    const canaries = this.dataSource.getRepository(KeyCanary);
    await canaries
      .createQueryBuilder()
      .insert()
      .values({ id: CANARY_ID, sealed: createCanary(this.ring), createdAt: new Date().toISOString() })
      .orIgnore()
      .execute();
    verifyCanary(this.ring, (await canaries.findOneByOrFail({ id: CANARY_ID })).sealed);
  }

  /**
   * Every row, not only the canary: a replica still running with the old configuration during a
   * rolling update may have sealed new keys with the previous master key.
   */
  private async rewrapStaleKeys(): Promise<void> {
    const rows = await this.dataSource
      .getRepository(Certificate)
      .find({ select: { id: true, sealedPrivateKey: true } });
    const byKey = new Map<string, string[]>();
    for (const row of rows) {
      const keyId = parseSealedSecret(row.sealedPrivateKey).masterKeyId;
      byKey.set(keyId, [...(byKey.get(keyId) ?? []), row.id]);
    }
    const missing = [...byKey.keys()].filter((keyId) => !this.ring.keyIds.includes(keyId));
    if (missing.length > 0) {
      throw new KeyVaultError(
        KeyVaultErrorCode.UNKNOWN_MASTER_KEY,
        `Private keys in this database are sealed with master key(s) ${missing.map((id) => `"${id}" (${byKey.get(id)?.length} keys)`).join(', ')}, which are not configured. Add them back to CREDENTIALS_MASTER_KEYS with their original values, then restart.`,
        missing[0],
      );
    }
    const stale = rows.filter((row) => this.ring.needsRewrap(parseSealedSecret(row.sealedPrivateKey)));
    const canary = await this.dataSource.getRepository(KeyCanary).findOneByOrFail({ id: CANARY_ID });
    const canaryStale = this.ring.needsRewrap(parseSealedSecret(canary.sealed));
    if (stale.length === 0 && !canaryStale) return;
    await this.dataSource.transaction(async (manager) => {
      const certificates = manager.getRepository(Certificate);
      for (const row of stale) {
        const moved = this.ring.rewrap(parseSealedSecret(row.sealedPrivateKey), associatedData(row.id));
        await certificates.update({ id: row.id }, { sealedPrivateKey: serializeSealedSecret(moved) });
      }
      if (canaryStale)
        await manager.getRepository(KeyCanary).update({ id: CANARY_ID }, { sealed: createCanary(this.ring) });
    });
    this.logger.log(`Rewrapped ${stale.length} private key(s) to master key "${this.ring.activeKeyId}"`);
  }
}

/** Binds a sealed key to its certificate: copied onto another row, it no longer opens. */
function associatedData(certificateId: string): string {
  return `certificate:${certificateId}`;
}
