import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Administrator } from './administrator.entity';

/** Owns `administrators`: who in the provider's tenant may sign in. */
@Injectable()
export class AdministratorStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get administrators() {
    return this.dataSource.getRepository(Administrator);
  }

  async findByIdentity(tenantId: string, objectId: string): Promise<Administrator | undefined> {
    return (await this.administrators.findOneBy({ tenantId, objectId: objectId.toLowerCase() })) ?? undefined;
  }

  async find(id: string): Promise<Administrator | undefined> {
    return (await this.administrators.findOneBy({ id })) ?? undefined;
  }

  /** Adds the administrator, or answers the existing one (the bootstrap runs at every start). */
  async ensure(
    tenantId: string,
    objectId: string,
    displayName: string,
    createdBy: string,
  ): Promise<Administrator> {
    const existing = await this.findByIdentity(tenantId, objectId);
    if (existing) return existing;
    return this.administrators.save(
      this.administrators.create({
        id: randomUUID(),
        tenantId,
        objectId: objectId.toLowerCase(),
        displayName,
        createdBy,
        createdAt: new Date().toISOString(),
      }),
    );
  }

  /** The name Microsoft gave at sign-in replaces the placeholder of a bootstrap entry. */
  async rename(id: string, displayName: string): Promise<void> {
    await this.administrators.update({ id }, { displayName });
  }

  async page(limit: number, offset: number): Promise<[Administrator[], number]> {
    return this.administrators.findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.administrators.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}
