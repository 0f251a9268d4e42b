import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The admin API's own tables: administrators, API tokens and sessions, pending sign-ins, the audit log. */
export class CreateAdminApiTables1764400000100 implements MigrationInterface {
  name = 'CreateAdminApiTables1764400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'administrators',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'tenant_id', type: 'varchar', length: '36' },
          { name: 'object_id', type: 'varchar', length: '36' },
          { name: 'display_name', type: 'varchar', length: '200' },
          { name: 'created_by', type: 'varchar', length: '200' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        indices: [new TableIndex({ columnNames: ['tenant_id', 'object_id'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'access_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'instances', type: 'text', isNullable: true },
          { name: 'administrator_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '200' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'expires_at', type: 'varchar', length: '30' },
          { name: 'revoked_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'last_used_at', type: 'varchar', length: '30', isNullable: true },
        ],
        indices: [new TableIndex({ columnNames: ['kind', 'created_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sign_in_requests',
        columns: [
          { name: 'state', type: 'varchar', length: '64', isPrimary: true },
          { name: 'code_verifier', type: 'varchar', length: '128' },
          { name: 'nonce', type: 'varchar', length: '64' },
          { name: 'return_to', type: 'varchar', length: '500' },
          { name: 'expires_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'at', type: 'varchar', length: '30' },
          { name: 'actor_kind', type: 'varchar', length: '20' },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'actor_name', type: 'varchar', length: '200' },
          { name: 'action', type: 'varchar', length: '120' },
          { name: 'method', type: 'varchar', length: '10' },
          { name: 'path', type: 'varchar', length: '500' },
          { name: 'instance_alias', type: 'varchar', length: '63', isNullable: true },
          { name: 'target_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'source_ip', type: 'varchar', length: '64' },
          { name: 'user_agent', type: 'varchar', length: '300' },
          { name: 'status', type: 'integer' },
          { name: 'outcome', type: 'varchar', length: '10' },
          { name: 'error_code', type: 'varchar', length: '40', isNullable: true },
        ],
        indices: [
          new TableIndex({ columnNames: ['at'] }),
          new TableIndex({ columnNames: ['instance_alias'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_events', 'sign_in_requests', 'access_tokens', 'administrators']) {
      await queryRunner.dropTable(table);
    }
  }
}
