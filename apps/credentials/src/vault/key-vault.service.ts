import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../app/credentials.config';
import { Certificate } from '../credentials/certificate.entity';
import { MasterKeyRing, createCanary, parseMasterKeys, parseSealedSecret, serializeSealedSecret, verifyCanary } from '../key-vault';
import { KeyCanary } from './key-canary.entity';

const CANARY_ID = 'master-key';

/**
 * Seals and opens private keys with the configured master keys. At start-up it proves the keys fit
 * the stored data (a wrong key stops the service with a clear message) and rewraps everything sealed
 * with a key that is no longer the active one, so an old key can then be removed from configuration.
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
    const canaries = this.dataSource.getRepository(KeyCanary);
    const canary = await canaries.findOneBy({ id: CANARY_ID });
    if (!canary) {
      await canaries.insert({ id: CANARY_ID, sealed: createCanary(this.ring), createdAt: new Date().toISOString() });
      this.logger.log(`Master key "${this.ring.activeKeyId}" is now the key of this database`);
      return;
    }
    const check = verifyCanary(this.ring, canary.sealed);
    if (check.needsRewrap) {
      await this.rewrapAll();
    }
  }

  seal(privateKeyPem: string, certificateId: string): string {
    return serializeSealedSecret(this.ring.seal(privateKeyPem, associatedData(certificateId)));
  }

  open(sealed: string, certificateId: string): string {
    return this.ring.open(parseSealedSecret(sealed), associatedData(certificateId)).toString('utf8');
  }

  /** Moves every sealed key (and the canary) to the active master key, in one transaction. */
  private async rewrapAll(): Promise<void> {
    const rewrapped = await this.dataSource.transaction(async (manager) => {
      const certificates = manager.getRepository(Certificate);
      let count = 0;
      for (const certificate of await certificates.find({ select: { id: true, sealedPrivateKey: true } })) {
        const sealed = parseSealedSecret(certificate.sealedPrivateKey);
        if (!this.ring.needsRewrap(sealed)) continue;
        const moved = this.ring.rewrap(sealed, associatedData(certificate.id));
        await certificates.update({ id: certificate.id }, { sealedPrivateKey: serializeSealedSecret(moved) });
        count++;
      }
      await manager.getRepository(KeyCanary).update({ id: CANARY_ID }, { sealed: createCanary(this.ring) });
      return count;
    });
    this.logger.log(`Rewrapped ${rewrapped} private key(s) to master key "${this.ring.activeKeyId}"`);
  }
}

/** Binds a sealed key to its certificate: copied onto another row, it no longer opens. */
function associatedData(certificateId: string): string {
  return `certificate:${certificateId}`;
}
