import { type Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { DirectoryHarness } from './directory-harness';
import { READER } from './directory-fixture';

interface DeltaPage<T> {
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  value: T[];
}

/** Follows nextLinks to the deltaLink, as a sync engine does. */
export async function deltaRound<T>(
  graph: Client,
  start: string,
): Promise<{ items: T[]; pages: number; deltaLink: string }> {
  const items: T[] = [];
  let page: DeltaPage<T> = await graph.api(start).get();
  let pages = 1;
  items.push(...page.value);
  while (page['@odata.nextLink']) {
    page = await graph.api(page['@odata.nextLink']).get();
    items.push(...page.value);
    pages++;
  }
  return { items, pages, deltaLink: page['@odata.deltaLink'] ?? '' };
}

/**
 * A delta link older than 7 days is refused with 400 syncStateNotFound, an unknown token with 410, as
 * Graph does. Eight days on, the cached access token has expired too: a fresh client gets a new one.
 */
export async function expectExpiredAndUnknown(
  harness: DirectoryHarness,
  deltaLink: string,
  unknownTokenPath: string,
): Promise<void> {
  expect((await harness.control('POST', '/clock/advance', { days: 8 })).status).toBe(200);
  const later = harness.graphClient(READER);
  const expired: GraphError = await later
    .api(deltaLink)
    .get()
    .catch((caught: GraphError) => caught);
  expect(expired.statusCode).toBe(400);
  expect(expired.code).toBe('syncStateNotFound');
  const unknown: GraphError = await later
    .api(unknownTokenPath)
    .get()
    .catch((caught: GraphError) => caught);
  expect(unknown.statusCode).toBe(410);
}
