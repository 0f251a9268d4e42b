import { randomUUID } from 'node:crypto';
import { MigrationTestDatabase } from '@archive365/testing';
import type { DataSource } from 'typeorm';
import { provisioningMigrations } from '../src/migrations';
import { Lease } from '../src/persistence/lease.entity';
import { LeasesRepository } from '../src/persistence/leases.repository';
import { Renewal } from '../src/persistence/renewal.entity';
import { RenewalsRepository } from '../src/persistence/renewals.repository';

const STARTS = 10;
const [first, second, third] = provisioningMigrations;

/** The repositories below need only these tables' entities. */
const ENTITIES = [Renewal, Lease];

const ENGINES = [
  ['PostgreSQL', 'postgres'],
  ['SQLite', 'sqlite'],
] as const;

function renewalOf(credentialId: string) {
  return {
    id: randomUUID(),
    credentialId,
    instanceAlias: 'litware',
    applicationObjectId: randomUUID(),
    trigger: 'request' as const,
  };
}

/**
 * "One renewal per credential at a time" is kept by the database, on both engines: however many
 * starts race (on one replica or several), one renewal row is running and every start answers it.
 */
describe.each(ENGINES)('provisioning: one running renewal per credential (%s)', (_name, engine) => {
  const db = new MigrationTestDatabase(engine, 'provisioning');
  let dataSource: DataSource;
  let renewals: RenewalsRepository;

  beforeAll(async () => {
    dataSource = await db.migrated(provisioningMigrations, ENTITIES);
    renewals = new RenewalsRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db.close();
  });

  it(`lets one of ${STARTS} concurrent starts begin, and gives all of them its renewal`, async () => {
    const credentialId = randomUUID();
    const started = await Promise.all(
      Array.from({ length: STARTS }, () => renewals.beginUnlessRunning(renewalOf(credentialId))),
    );
    expect(started.filter((start) => start.began)).toHaveLength(1);
    expect(new Set(started.map((start) => start.renewal.id)).size).toBe(1);
    const rows = await dataSource.getRepository(Renewal).findBy({ credentialId });
    expect(rows.map((row) => [row.id, row.state])).toEqual([[started[0]?.renewal.id, 'running']]);
  });

  it('lets one of several concurrent retries of a failed renewal run it again', async () => {
    const credentialId = randomUUID();
    const { renewal } = await renewals.beginUnlessRunning(renewalOf(credentialId));
    await renewals.fail(renewal.id, { code: 'PROOF_REJECTED', message: 'refused', fix: 'fix it' });
    const failed = await renewals.byId(renewal.id);
    const retried = await Promise.all(
      Array.from({ length: STARTS }, () => renewals.retryUnlessRunning(failed ?? renewal)),
    );
    expect(retried.filter((retry) => retry.began)).toHaveLength(1);
    expect(new Set(retried.map((retry) => retry.renewal.id))).toEqual(new Set([renewal.id]));
    expect((await renewals.byId(renewal.id))?.state).toBe('running');
  });

  it('begins a new renewal once the last one finished', async () => {
    const credentialId = randomUUID();
    const { renewal } = await renewals.beginUnlessRunning(renewalOf(credentialId));
    await renewals.advance(renewal.id, 'done');
    const next = await renewals.beginUnlessRunning(renewalOf(credentialId));
    expect(next.began).toBe(true);
    expect(next.renewal.id).not.toBe(renewal.id);
  });

  it(`gives a lease to one of ${STARTS} concurrent acquisitions by one replica, even in one millisecond`, async () => {
    const leases = new LeasesRepository(dataSource);
    const name = `renewal:${randomUUID()}`;
    const held = await Promise.all(Array.from({ length: STARTS }, () => leases.acquire(name, 60_000)));
    expect(held.filter(Boolean)).toHaveLength(1);
    // Its holder keeps it; after release the next one gets it.
    expect(await leases.acquire(name, 60_000, true)).toBe(true);
    await leases.release(name);
    expect(await leases.acquire(name, 60_000)).toBe(true);
  });
});

describe.each(ENGINES)('provisioning: renewals started twice before the index (%s)', (_name, engine) => {
  const db = new MigrationTestDatabase(engine, 'provisioning');

  afterAll(async () => {
    await db.close();
  });

  it('keeps the latest running and closes the others as superseded', async () => {
    if (!first || !second || !third) throw new Error('the migration history changed: update this test');
    const before = await db.migrated([first, second], ENTITIES);
    const credentialId = randomUUID();
    const rows = ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z'].map((startedAt) =>
      before.getRepository(Renewal).create({
        ...renewalOf(credentialId),
        state: 'running',
        step: 'create-certificate',
        oldCertificateId: null,
        newCertificateId: null,
        newKeyId: null,
        problem: null,
        attempts: 0,
        startedAt,
        updatedAt: startedAt,
        finishedAt: null,
      }),
    );
    // One insert each: TypeORM's multi-row insert on SQLite was seen to store one row's values under
    // the other's id, which made this test fail one run in two.
    for (const row of rows) await before.getRepository(Renewal).insert(row);
    await before.destroy();

    const after = await db.migrated(provisioningMigrations, ENTITIES);
    try {
      const [older, latest] = rows.map((row) => row.id);
      const settled = await after.getRepository(Renewal).findBy({ credentialId });
      expect(settled.find((row) => row.id === latest)?.state).toBe('running');
      expect(settled.find((row) => row.id === older)).toMatchObject({
        state: 'failed',
        problem: { code: 'SUPERSEDED' },
      });
      const again = await new RenewalsRepository(after).beginUnlessRunning(renewalOf(credentialId));
      expect(again).toMatchObject({ began: false, renewal: { id: latest } });
    } finally {
      await after.destroy();
    }
  });
});
