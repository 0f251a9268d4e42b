import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The database itself keeps the rotation invariants: at most one active and one pending certificate
 * per credential, whatever two replicas do at the same moment. Subjects of imported certificates
 * may be long: the column becomes text.
 */
export class OneActiveOnePendingCertificate1764300000500 implements MigrationInterface {
  name = 'OneActiveOnePendingCertificate1764300000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'certificates',
      new TableIndex({
        name: 'certificates_one_active',
        columnNames: ['credential_id'],
        isUnique: true,
        where: "state = 'active'",
      }),
    );
    await queryRunner.createIndex(
      'certificates',
      new TableIndex({
        name: 'certificates_one_pending',
        columnNames: ['credential_id'],
        isUnique: true,
        where: "state = 'pending'",
      }),
    );
    await queryRunner.changeColumn(
      'certificates',
      'subject',
      new TableColumn({ name: 'subject', type: 'text' }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn(
      'certificates',
      'subject',
      new TableColumn({ name: 'subject', type: 'varchar', length: '300' }),
    );
    await queryRunner.dropIndex('certificates', 'certificates_one_pending');
    await queryRunner.dropIndex('certificates', 'certificates_one_active');
  }
}
