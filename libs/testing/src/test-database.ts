import { randomBytes } from 'node:crypto';
import { testEnvironment } from './test-environment';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Administrative connection for creating throw-away databases (TEST_POSTGRES_URL overrides it). */
export function testPostgresUrl(): string {
  return testEnvironment().TEST_POSTGRES_URL;
}

/** A fresh, empty PostgreSQL database for one test file, so parallel runs never see each other's rows. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `a365_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: testPostgresUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
