import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { KeyCanary } from './key-canary.entity';

/** The one owner of the `key_canaries` table: known values sealed with the master key. */
@Injectable()
export class KeyCanariesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes the canary unless one exists (the first replica on an empty database wins); answers the stored one. */
  async writeOnceAndRead(id: string, sealed: string): Promise<string> {
    const canaries = this.dataSource.getRepository(KeyCanary);
    await canaries
      .createQueryBuilder()
      .insert()
      .values({ id, sealed, createdAt: new Date().toISOString() })
      .orIgnore()
      .execute();
    return (await canaries.findOneByOrFail({ id })).sealed;
  }

  async replace(id: string, sealed: string): Promise<void> {
    await this.dataSource.getRepository(KeyCanary).update({ id }, { sealed });
  }
}
