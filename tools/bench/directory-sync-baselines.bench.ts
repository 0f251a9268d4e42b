/**
 * The two reference points of the directory sync benchmark, each run in a process of its own by
 * `directory-sync.bench.ts` (which passes a Graph token in BENCH_GRAPH_TOKEN) and printing one JSON line:
 *
 * - naive: what a first implementation often looks like: the Graph client's PageIterator collects the
 *   users, then a TypeORM `save()` per user;
 * - floor: the least work that still does the job: plain undici requests for the pages, each page
 *   COPY'd into a staging table and upserted into a bare table, the next page fetched meanwhile.
 */
import { readFileSync } from 'node:fs';
import { processEnvironment } from '@archive365/config';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client as GraphClient, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { Client as PgClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
// The naive baseline is exactly what the rule forbids elsewhere: a DataSource and a save() per user.
// eslint-disable-next-line no-restricted-imports
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Agent, request } from 'undici';

export interface ChildFigures {
  users: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  detail?: string;
}

const SELECT =
  'id,userPrincipalName,displayName,givenName,surname,mail,proxyAddresses,accountEnabled,userType,assignedPlans';

interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName?: string;
  mail?: string | null;
  proxyAddresses?: string[];
}

function report(users: number, startedAt: number, cpu: NodeJS.CpuUsage, detail?: string): void {
  const used = process.cpuUsage(cpu);
  const figures: ChildFigures = {
    users,
    seconds: (performance.now() - startedAt) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...(detail ? { detail } : {}),
  };
  console.log(JSON.stringify(figures));
}

@Entity({ name: 'naive_archive_users' })
class NaiveArchiveUser {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 36, unique: true })
  oid!: string;

  @Column({ type: 'varchar', length: 320 })
  userName!: string;

  @Column({ type: 'varchar', length: 256 })
  displayName!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  primaryAddress!: string | null;

  @Column({ type: 'simple-json' })
  aliases!: string[];
}

export async function runNaive([graphUrl, caPath, databaseUrl, sample]: string[]): Promise<void> {
  const limit = Number(sample);
  const token = processEnvironment()['BENCH_GRAPH_TOKEN'] ?? '';
  const dispatcher = new Agent({ connect: { ca: readFileSync(caPath, 'utf8') } });
  const dataSource = await new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: [NaiveArchiveUser],
    synchronize: true,
  }).initialize();
  const graph = GraphClient.init({
    authProvider: (done) => done(null, token),
    baseUrl: graphUrl,
    customHosts: new Set([new URL(graphUrl).hostname]),
    fetchOptions: { dispatcher } as unknown as RequestInit,
  });
  const cpu = process.cpuUsage();
  const startedAt = performance.now();
  const users: GraphUser[] = [];
  const first = (await graph.api(`/users?$select=${SELECT}&$top=999`).get()) as PageCollection;
  const iterator = new PageIterator(graph, first, (user: GraphUser) => {
    users.push(user);
    return users.length < limit;
  });
  await iterator.iterate();
  const repository = dataSource.getRepository(NaiveArchiveUser);
  for (const user of users) {
    const existing = await repository.findOneBy({ oid: user.id });
    const row = existing ?? repository.create({ oid: user.id });
    row.userName = user.userPrincipalName.toLowerCase();
    row.displayName = user.displayName ?? row.userName;
    row.primaryAddress = user.mail?.toLowerCase() ?? null;
    row.aliases = (user.proxyAddresses ?? []).map((address) => address.slice(5).toLowerCase());
    await repository.save(row);
  }
  report(
    users.length,
    startedAt,
    cpu,
    `a sample of ${users.length} users (a full tenant would take ${(users.length ? 100_000 / users.length : 0).toFixed(0)}× as long)`,
  );
  await dataSource.destroy();
}

/**
 * Every page of the tenant's users, fetched with plain undici: the next page is asked for while the
 * caller handles one. The floor reads the tenant this way, and so does the warm-up before any run.
 */
export async function* userPages(
  graphUrl: string,
  caPath: string,
  token: string,
): AsyncGenerator<GraphUser[]> {
  const dispatcher = new Agent({ connect: { ca: readFileSync(caPath, 'utf8') } });
  type Page = { value: GraphUser[]; '@odata.nextLink'?: string };
  const get = async (url: string): Promise<Page> => {
    const response = await request(url, { dispatcher, headers: { authorization: `Bearer ${token}` } });
    if (response.statusCode !== 200) throw new Error(`Graph answered ${response.statusCode}`);
    return (await response.body.json()) as Page;
  };
  try {
    let pending: Promise<Page> | undefined = get(`${graphUrl}/v1.0/users?$select=${SELECT}&$top=999`);
    while (pending) {
      const page: Page = await pending;
      const next: string | undefined = page['@odata.nextLink'];
      pending = next ? get(next) : undefined;
      yield page.value;
    }
  } finally {
    await dispatcher.close();
  }
}

export async function runFloor([graphUrl, caPath, databaseUrl]: string[]): Promise<void> {
  const token = processEnvironment()['BENCH_GRAPH_TOKEN'] ?? '';
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    `CREATE TABLE bare_users (oid varchar(36) PRIMARY KEY, user_name varchar(320), display_name varchar(256), mail varchar(320), aliases text)`,
  );
  await db.query(
    `CREATE UNLOGGED TABLE bare_staging (oid varchar(36), user_name varchar(320), display_name varchar(256), mail varchar(320), aliases text)`,
  );
  const field = (value: string | null | undefined) =>
    value == null ? '\\N' : value.replace(/[\\\t\n\r]/g, ' ');
  const cpu = process.cpuUsage();
  const startedAt = performance.now();
  let users = 0;
  for await (const page of userPages(graphUrl ?? '', caPath ?? '', token)) {
    const text = page
      .map((user) =>
        [
          user.id,
          user.userPrincipalName.toLowerCase(),
          user.displayName,
          user.mail?.toLowerCase(),
          JSON.stringify(user.proxyAddresses ?? []),
        ]
          .map(field)
          .join('\t'),
      )
      .join('\n');
    await db.query('TRUNCATE bare_staging');
    await pipeline(Readable.from([`${text}\n`]), db.query(copyFrom('COPY bare_staging FROM STDIN')));
    await db.query(
      `INSERT INTO bare_users SELECT * FROM bare_staging ON CONFLICT (oid) DO UPDATE SET user_name = excluded.user_name,
         display_name = excluded.display_name, mail = excluded.mail, aliases = excluded.aliases`,
    );
    users += page.length;
  }
  report(users, startedAt, cpu);
  await db.end();
}
