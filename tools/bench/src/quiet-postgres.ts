import { withPostgres } from './with-postgres';

/**
 * Waits until PostgreSQL has nothing of an earlier run left to do: a checkpoint writes out what the run
 * left dirty, and autovacuum's workers (which a 100,000-row insert sets off within a minute) finish.
 * Each measured run then starts from the same state; otherwise one run's clean-up lands in the next
 * run's time (the floor's included).
 */
export async function quietPostgres(url: string, timeoutMs = 120_000): Promise<void> {
  await withPostgres(url, async (client) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`,
      );
      if (Number(rows[0]?.n ?? 0) === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await client.query('CHECKPOINT');
  });
}
