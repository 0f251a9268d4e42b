import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provider's multi-tenant app (a provider-level credential) is renewed too, and it belongs to no
 * instance: a renewal's `instance_alias` is null exactly for it.
 */
export class ProviderRenewals1764300001300 implements MigrationInterface {
  name = 'ProviderRenewals1764300001300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await setInstanceAliasNullable(queryRunner, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Renewals of the provider's app cannot be kept without an instance: they go.
    await queryRunner.query('DELETE FROM renewals WHERE instance_alias IS NULL');
    await setInstanceAliasNullable(queryRunner, false);
  }
}

/**
 * Changes only the nullability, from the column as the database describes it: a freshly described
 * `varchar` differs from PostgreSQL's `character varying`, and TypeORM answers such a difference by
 * dropping and re-adding the column, losing every value.
 */
async function setInstanceAliasNullable(queryRunner: QueryRunner, nullable: boolean): Promise<void> {
  const table = await queryRunner.getTable('renewals');
  const column = table?.findColumnByName('instance_alias');
  if (!table || !column) throw new Error('renewals.instance_alias is missing');
  const changed = column.clone();
  changed.isNullable = nullable;
  await queryRunner.changeColumn(table, column, changed);
}
