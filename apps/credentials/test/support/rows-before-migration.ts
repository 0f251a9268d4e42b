import type { DataSource } from 'typeorm';

export const STORED_AT = '2026-12-01T00:00:00.000Z';
export const STORED = {
  instanceId: '11111111-1111-4111-8111-111111111111',
  credentialId: '22222222-2222-4222-8222-222222222222',
  certificateId: '33333333-3333-4333-8333-333333333333',
} as const;

/**
 * One instance with one credential and its certificate, written with plain SQL as an older schema
 * stored them, for tests of what a later migration (or its undo) keeps.
 */
export async function storeInstanceCredential(dataSource: DataSource, subject: string): Promise<void> {
  const { instanceId, credentialId, certificateId } = STORED;
  await dataSource.query(
    `INSERT INTO instances (id, alias, display_name, public_base_url, created_at) VALUES ('${instanceId}', 'fabrikam', 'Fabrikam', 'https://archive.example.net', '${STORED_AT}')`,
  );
  await dataSource.query(
    `INSERT INTO credentials (id, instance_id, name, client_id, tenant_id, created_at, updated_at) VALUES ('${credentialId}', '${instanceId}', 'Fabrikam', '${credentialId}', 'fabrikam.example', '${STORED_AT}', '${STORED_AT}')`,
  );
  await dataSource.query(
    `INSERT INTO certificates (id, credential_id, state, source, subject, key_size, thumbprint_sha1, thumbprint_sha256, serial_number, certificate_pem, sealed_private_key, not_before, not_after, changed_at, created_at) VALUES ('${certificateId}', '${credentialId}', 'active', 'generated', '${subject}', 2048, 'AA', 'BB', '01', 'pem', 'v1.k1.sealed', '${STORED_AT}', '${STORED_AT}', '${STORED_AT}', '${STORED_AT}')`,
  );
}
