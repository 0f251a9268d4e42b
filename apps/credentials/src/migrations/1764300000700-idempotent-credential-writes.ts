import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { keepingCertificatesOnSqlite } from './keeping-certificates-on-sqlite';

/**
 * Creates and imports become safe to retry: a client-chosen idempotency key, and the imported
 * certificate's thumbprint, are each unique within an instance (partial indexes: both are optional).
 */
export class IdempotentCredentialWrites1764300000700 implements MigrationInterface {
  name = 'IdempotentCredentialWrites1764300000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('credentials', [
      new TableColumn({ name: 'idempotency_key', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({
        name: 'imported_thumbprint_sha256',
        type: 'varchar',
        length: '64',
        isNullable: true,
      }),
    ]);
    await queryRunner.createIndex(
      'credentials',
      new TableIndex({
        name: 'credentials_one_per_idempotency_key',
        columnNames: ['instance_id', 'idempotency_key'],
        isUnique: true,
        where: 'idempotency_key IS NOT NULL',
      }),
    );
    await queryRunner.createIndex(
      'credentials',
      new TableIndex({
        name: 'credentials_one_per_imported_certificate',
        columnNames: ['instance_id', 'imported_thumbprint_sha256'],
        isUnique: true,
        where: 'imported_thumbprint_sha256 IS NOT NULL',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('credentials', 'credentials_one_per_imported_certificate');
    await queryRunner.dropIndex('credentials', 'credentials_one_per_idempotency_key');
    await keepingCertificatesOnSqlite(queryRunner, async () => {
      await queryRunner.dropColumn('credentials', 'imported_thumbprint_sha256');
      await queryRunner.dropColumn('credentials', 'idempotency_key');
    });
  }
}
