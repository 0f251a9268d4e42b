import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const at = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '30', isNullable });
const id = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '36', isNullable });

/** Setups and their steps, checklist runs, certificate renewals, and the leases that keep them single. */
export class CreateProvisioning1764300001000 implements MigrationInterface {
  name = 'CreateProvisioning1764300001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'setups',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'instance_alias', type: 'varchar', length: '63' },
          { name: 'mode', type: 'varchar', length: '20' },
          { name: 'state', type: 'varchar', length: '30' },
          { name: 'options', type: 'text' },
          id('credential_id', true),
          { name: 'tenant_id', type: 'varchar', length: '253', isNullable: true },
          id('client_id', true),
          id('application_object_id', true),
          { name: 'sign_in', type: 'text', isNullable: true },
          { name: 'consent_state_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'consent_url', type: 'text', isNullable: true },
          { name: 'problem', type: 'text', isNullable: true },
          { name: 'graph_writes', type: 'integer', default: 0 },
          at('started_at'),
          at('updated_at'),
          at('finished_at', true),
        ],
        indices: [
          new TableIndex({ columnNames: ['instance_alias', 'started_at'] }),
          new TableIndex({ columnNames: ['consent_state_hash'], isUnique: true }),
          new TableIndex({ columnNames: ['credential_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'setup_steps',
        columns: [
          { ...id('setup_id'), isPrimary: true },
          { name: 'name', type: 'varchar', length: '60', isPrimary: true },
          { name: 'position', type: 'integer' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'state', type: 'varchar', length: '10' },
          { name: 'changed', type: 'boolean', default: false },
          { name: 'detail', type: 'text', isNullable: true },
          { name: 'problem', type: 'text', isNullable: true },
          at('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'doctor_runs',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'instance_alias', type: 'varchar', length: '63' },
          id('credential_id'),
          { name: 'ok', type: 'boolean' },
          { name: 'checks', type: 'text' },
          at('started_at'),
          at('finished_at'),
        ],
        indices: [new TableIndex({ columnNames: ['instance_alias', 'finished_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'renewals',
        columns: [
          { ...id('id'), isPrimary: true },
          id('credential_id'),
          { name: 'instance_alias', type: 'varchar', length: '63' },
          id('application_object_id'),
          { name: 'trigger', type: 'varchar', length: '10' },
          { name: 'state', type: 'varchar', length: '10' },
          { name: 'step', type: 'varchar', length: '30' },
          id('old_certificate_id', true),
          id('new_certificate_id', true),
          { name: 'problem', type: 'text', isNullable: true },
          { name: 'attempts', type: 'integer', default: 0 },
          at('started_at'),
          at('updated_at'),
          at('finished_at', true),
        ],
        indices: [new TableIndex({ columnNames: ['credential_id', 'started_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'leases',
        columns: [
          { name: 'name', type: 'varchar', length: '200', isPrimary: true },
          { name: 'owner', type: 'varchar', length: '64' },
          at('expires_at'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['leases', 'renewals', 'doctor_runs', 'setup_steps', 'setups']) {
      await queryRunner.dropTable(table);
    }
  }
}
