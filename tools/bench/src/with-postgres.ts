import { Client as PgClient } from 'pg';

/** Runs `work` on a connection of its own to `url`, closed after it, whatever `work` does. */
export async function withPostgres<T>(url: string, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
