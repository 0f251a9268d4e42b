import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The customer's tenant that directory sync asks tokens for when it reads with the provider's
 * multi-tenant app (a consent-link instance); null while the instance's own credential is used.
 */
export class SyncProfileConsentTenant1764300001600 implements MigrationInterface {
  name = 'SyncProfileConsentTenant1764300001600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'sync_profiles',
      new TableColumn({ name: 'consent_tenant_id', type: 'varchar', length: '36', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Without the column a provider credential would read the provider's own tenant: unassign it.
    await queryRunner.query(
      'UPDATE sync_profiles SET credential_id = NULL WHERE consent_tenant_id IS NOT NULL',
    );
    await queryRunner.dropColumn('sync_profiles', 'consent_tenant_id');
  }
}
