import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RegisteredKey } from './registered-key.entity';

/** Owns `registered_keys`. */
@Injectable()
export class RegisteredKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async remember(
    credentialId: string,
    thumbprintSha1: string,
    applicationObjectId: string,
    keyId: string,
  ): Promise<void> {
    await this.dataSource.getRepository(RegisteredKey).save({
      credentialId,
      thumbprintSha1: thumbprintSha1.toUpperCase(),
      applicationObjectId,
      keyId: keyId.toLowerCase(),
      recordedAt: new Date().toISOString(),
    });
  }

  async keyIdOf(credentialId: string, thumbprintSha1: string): Promise<string | undefined> {
    const row = await this.dataSource
      .getRepository(RegisteredKey)
      .findOneBy({ credentialId, thumbprintSha1: thumbprintSha1.toUpperCase() });
    return row?.keyId;
  }

  async forget(credentialId: string, thumbprintSha1: string): Promise<void> {
    await this.dataSource
      .getRepository(RegisteredKey)
      .delete({ credentialId, thumbprintSha1: thumbprintSha1.toUpperCase() });
  }
}
