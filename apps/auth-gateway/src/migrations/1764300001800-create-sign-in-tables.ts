import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateSignInTables1764300001800 implements MigrationInterface {
  name = 'CreateSignInTables1764300001800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sign_in_settings',
        columns: [
          { name: 'instance_alias', type: 'varchar', length: '63', isPrimary: true },
          { name: 'credential_id', type: 'varchar', length: '36' },
          { name: 'tenant_id', type: 'varchar', length: '253', isNullable: true },
          { name: 'response_type', type: 'varchar', length: '16' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sign_in_attempts',
        columns: [
          { name: 'state_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'instance_alias', type: 'varchar', length: '63' },
          { name: 'browser_hash', type: 'varchar', length: '64' },
          { name: 'nonce', type: 'varchar', length: '64' },
          { name: 'code_verifier', type: 'varchar', length: '128', isNullable: true },
          { name: 'response_type', type: 'varchar', length: '16' },
          { name: 'return_to', type: 'varchar', length: '1000' },
          { name: 'expires_at', type: 'bigint' },
        ],
        indices: [{ name: 'sign_in_attempts_expiry', columnNames: ['expires_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'spent_tokens',
        columns: [
          { name: 'digest', type: 'varchar', length: '64', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'expires_at', type: 'bigint' },
        ],
        indices: [{ name: 'spent_tokens_expiry', columnNames: ['expires_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'session_public_keys',
        columns: [
          { name: 'kid', type: 'varchar', length: '64', isPrimary: true },
          { name: 'public_jwk', type: 'text' },
          { name: 'created_at', type: 'bigint' },
          { name: 'published_until', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'dialog_results',
        columns: [
          { name: 'code_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'instance_alias', type: 'varchar', length: '63' },
          { name: 'session', type: 'text' },
          { name: 'expires_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'dialog_results',
      'session_public_keys',
      'spent_tokens',
      'sign_in_attempts',
      'sign_in_settings',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
