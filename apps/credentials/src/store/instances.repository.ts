import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Instance } from './instance.entity';

/** The one owner of the `instances` table. */
@Injectable()
export class InstancesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByAlias(alias: string): Promise<Instance | null> {
    return this.dataSource.getRepository(Instance).findOneBy({ alias });
  }

  /**
   * Inserts the instance unless one with its alias exists, and answers the stored one: when two
   * replicas create the same alias at once, the unique index decides and both answer the winner.
   */
  async insertUnlessAliasExists(instance: Instance): Promise<Instance> {
    const existing = await this.findByAlias(instance.alias);
    if (existing) return existing;
    try {
      await this.dataSource.getRepository(Instance).insert(instance);
      return instance;
    } catch (error) {
      const winner = await this.findByAlias(instance.alias);
      if (!winner) throw error;
      return winner;
    }
  }

  listByAlias(): Promise<Instance[]> {
    return this.dataSource.getRepository(Instance).find({ order: { alias: 'ASC' } });
  }
}
