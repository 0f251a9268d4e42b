import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateCredentials1764300000300 implements MigrationInterface {
  name = 'CreateCredentials1764300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'credentials',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'instance_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'client_id', type: 'varchar', length: '36' },
          { name: 'tenant_id', type: 'varchar', length: '253' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['instance_id'],
            referencedTableName: 'instances',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [new TableIndex({ columnNames: ['instance_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'certificates',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'credential_id', type: 'varchar', length: '36' },
          { name: 'state', type: 'varchar', length: '10' },
          { name: 'source', type: 'varchar', length: '10' },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'key_size', type: 'integer' },
          { name: 'thumbprint_sha1', type: 'varchar', length: '40' },
          { name: 'thumbprint_sha256', type: 'varchar', length: '64' },
          { name: 'serial_number', type: 'varchar', length: '64' },
          { name: 'certificate_pem', type: 'text' },
          { name: 'sealed_private_key', type: 'text' },
          { name: 'not_before', type: 'varchar', length: '30' },
          { name: 'not_after', type: 'varchar', length: '30' },
          { name: 'proven_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'changed_at', type: 'varchar', length: '30' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'expiry_notices', type: 'varchar', length: '20', default: "''" },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['credential_id'],
            referencedTableName: 'credentials',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({ columnNames: ['credential_id'] }),
          new TableIndex({ columnNames: ['state', 'not_after'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'key_canaries',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'sealed', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('key_canaries');
    await queryRunner.dropTable('certificates');
    await queryRunner.dropTable('credentials');
  }
}
