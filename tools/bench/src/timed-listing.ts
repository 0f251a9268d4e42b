import type { Client } from '@microsoft/microsoft-graph-client';
import { type LatencySummary, summarize } from './latency-stats';

export interface ListingResult {
  label: string;
  users: number;
  pages: number;
  totalMs: number;
  usersPerSecond: number;
  pageLatency: LatencySummary;
}

interface Page {
  value: unknown[];
  '@odata.nextLink'?: string;
}

function result(label: string, users: number, pageMs: number[], totalMs: number): ListingResult {
  return {
    label,
    users,
    pages: pageMs.length,
    totalMs,
    usersPerSecond: Math.round(users / (totalMs / 1000)),
    pageLatency: summarize(pageMs),
  };
}

/** Lists every user by following `@odata.nextLink` with the Graph client, timing each page. */
export async function listWithClient(
  label: string,
  graph: Client,
  firstPath: string,
): Promise<ListingResult> {
  const pageMs: number[] = [];
  let users = 0;
  const started = performance.now();
  let next: string | undefined = firstPath;
  while (next) {
    const pageStarted = performance.now();
    const page = (await graph.api(next).get()) as Page;
    pageMs.push(performance.now() - pageStarted);
    users += page.value.length;
    next = page['@odata.nextLink'];
  }
  return result(label, users, pageMs, performance.now() - started);
}

/** The same listing with plain fetch and a bearer token: the cost of the server alone. */
export async function listWithFetch(
  label: string,
  fetchImpl: typeof fetch,
  firstUrl: string,
  token: string,
): Promise<ListingResult> {
  const pageMs: number[] = [];
  let users = 0;
  const started = performance.now();
  let next: string | undefined = firstUrl;
  while (next) {
    const pageStarted = performance.now();
    const response = await fetchImpl(next, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`Listing failed with HTTP ${response.status}.`);
    const page = (await response.json()) as Page;
    pageMs.push(performance.now() - pageStarted);
    users += page.value.length;
    next = page['@odata.nextLink'];
  }
  return result(label, users, pageMs, performance.now() - started);
}
