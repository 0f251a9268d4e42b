import { keepingCertificatesOnSqlite } from './keeping-certificates-on-sqlite';
import { TableCheck, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A credential may belong to the hosting provider instead of an instance: its multi-tenant app, used
 * for every instance's consent link. `owner` says which, `instance_id` is null exactly for the
 * provider's, and the database keeps the two in step. A provider credential's idempotency key is
 * unique among provider credentials (the per-instance index does not see rows without an instance).
 */
export class ProviderLevelCredentials1764300000900 implements MigrationInterface {
  name = 'ProviderLevelCredentials1764300000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'credentials',
      new TableColumn({ name: 'owner', type: 'varchar', length: '10', default: "'instance'" }),
    );
    await setInstanceIdNullable(queryRunner, true);
    await queryRunner.createCheckConstraint(
      'credentials',
      new TableCheck({
        name: 'credentials_owner_matches_instance',
        expression:
          "(owner = 'instance' AND instance_id IS NOT NULL) OR (owner = 'provider' AND instance_id IS NULL)",
      }),
    );
    await queryRunner.createIndex(
      'credentials',
      new TableIndex({
        name: 'credentials_one_provider_per_idempotency_key',
        columnNames: ['idempotency_key'],
        isUnique: true,
        where: "owner = 'provider' AND idempotency_key IS NOT NULL",
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('credentials', 'credentials_one_provider_per_idempotency_key');
    // Provider credentials cannot exist without the column: they go with it, with their certificates.
    await queryRunner.query("DELETE FROM credentials WHERE owner = 'provider'");
    await keepingCertificatesOnSqlite(queryRunner, async () => {
      await queryRunner.dropCheckConstraint('credentials', 'credentials_owner_matches_instance');
      await setInstanceIdNullable(queryRunner, false);
      await queryRunner.dropColumn('credentials', 'owner');
    });
  }
}

/**
 * Changes only the nullability of `instance_id`. The column is changed from its own description as the
 * database reports it: a freshly described `varchar` differs from PostgreSQL's `character varying`,
 * and TypeORM answers such a difference by dropping and re-adding the column, losing every value.
 */
async function setInstanceIdNullable(queryRunner: QueryRunner, nullable: boolean): Promise<void> {
  const table = await queryRunner.getTable('credentials');
  const column = table?.findColumnByName('instance_id');
  if (!table || !column) throw new Error('credentials.instance_id is missing');
  const changed = column.clone();
  changed.isNullable = nullable;
  await queryRunner.changeColumn(table, column, changed);
}
