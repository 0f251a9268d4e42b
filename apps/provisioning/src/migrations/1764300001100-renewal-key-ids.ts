import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Key ids on app registrations: what `removeKey` needs, remembered at upload and at `addKey`. */
export class RenewalKeyIds1764300001100 implements MigrationInterface {
  name = 'RenewalKeyIds1764300001100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'registered_keys',
        columns: [
          { name: 'credential_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'thumbprint_sha1', type: 'varchar', length: '40', isPrimary: true },
          { name: 'application_object_id', type: 'varchar', length: '36' },
          { name: 'key_id', type: 'varchar', length: '36' },
          { name: 'recorded_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    // The keyId chosen for `addKey` is saved before the call, so a crash right after it is recognised.
    await queryRunner.addColumn(
      'renewals',
      new TableColumn({ name: 'new_key_id', type: 'varchar', length: '36', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('renewals', 'new_key_id');
    await queryRunner.dropTable('registered_keys');
  }
}
