import { createTestDatabase, type TestDatabase } from '@archive365/testing';
import { Client, type PoolClient } from 'pg';
import { CopyChannel } from '../src/planning/copy-channel';

const COPY = `COPY items (id, label) FROM STDIN`;

/** COPY text rows `first`..`last`, labelled. */
const rows = (first: number, last: number, label = 'copied') =>
  Buffer.from(
    Array.from({ length: last - first + 1 }, (_, i) => `${first + i}\t${label}\n`).join(''),
    'utf8',
  );

/**
 * A first sync's writes on one connection: pages appended to a COPY that stays open across them,
 * statements in between taking their turn, and PostgreSQL's refusals reported, never waited on forever.
 */
describe('CopyChannel', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase('ds-copy-channel');
    client = new Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  beforeEach(async () => {
    await client.query(`DROP TABLE IF EXISTS items`);
    await client.query(`CREATE TABLE items (id integer PRIMARY KEY, label text NOT NULL)`);
  });

  const channel = () => new CopyChannel(client as unknown as PoolClient, COPY);
  const stored = async () =>
    (await client.query<{ id: number; label: string }>(`SELECT id, label FROM items ORDER BY id`)).rows;

  it('stores the pages of many COPYs, and a statement sent between pages sees the pages before it', async () => {
    const items = channel();
    await client.query('BEGIN');
    // 60 pages: more than one COPY takes.
    for (let page = 0; page < 30; page++) await items.append(rows(page * 10 + 1, page * 10 + 10));
    const relabelled = items.send(`UPDATE items SET label = $1`, ['before the update']);
    for (let page = 30; page < 60; page++) await items.append(rows(page * 10 + 1, page * 10 + 10));
    await relabelled;
    await items.settled();
    await client.query('COMMIT');

    const all = await stored();
    expect(all).toHaveLength(600);
    expect(all.filter((row) => row.label === 'before the update').map((row) => row.id)).toEqual(
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
    expect(all.slice(300).every((row) => row.label === 'copied')).toBe(true);
  });

  it("fails with PostgreSQL's error when a page breaks a key, then refuses every later page", async () => {
    const items = channel();
    await client.query('BEGIN');
    await items.append(rows(1, 10));
    await expect(
      (async () => {
        // The duplicate is seen once PostgreSQL reaches it: by a later append or by settled.
        await items.append(rows(5, 6));
        for (let page = 0; page < 100; page++) await items.append(rows(1000 + page * 10, 1009 + page * 10));
        await items.settled();
      })(),
    ).rejects.toThrow(/duplicate key value violates unique constraint "items_pkey"/);
    await expect(items.append(rows(20, 21))).rejects.toThrow(/duplicate key value/);
    await expect(items.settled()).rejects.toThrow(/duplicate key value/);
    await client.query('ROLLBACK');
    expect(await stored()).toEqual([]);
  });

  it('reports a COPY the database refuses outright instead of waiting for it to start', async () => {
    const items = channel();
    await client.query('BEGIN');
    await expect(client.query(`SELECT 1 / 0`)).rejects.toThrow(/division by zero/);
    await expect(items.append(rows(1, 2))).rejects.toThrow(/current transaction is aborted/);
    await client.query('ROLLBACK');
  });

  it('ends a COPY no page has come to for a second, so no statement stays open while the read waits', async () => {
    const items = channel();
    await client.query('BEGIN');
    await items.append(rows(1, 10));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    // Straight on the connection: answered only once the COPY is over (pg would queue it behind).
    const counted = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM items`);
    expect(counted.rows).toEqual([{ n: '10' }]);
    await items.append(rows(11, 12));
    await items.settled();
    await client.query('COMMIT');
    expect(await stored()).toHaveLength(12);
  });

  it('ends the open COPY when settled, so the connection takes the next statement', async () => {
    const items = channel();
    await client.query('BEGIN');
    await items.append(rows(1, 10));
    // Without settled, the rollback would wait behind the COPY for ever.
    await items.settled();
    await client.query('ROLLBACK');
    expect(await stored()).toEqual([]);
    // The connection is idle again: a statement of its own gets an answer.
    expect((await client.query<{ one: number }>(`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
  });
});
