import { call } from './api';
import { client } from './generated/client.gen';
import { directorySyncRun } from './generated/sdk.gen';
import type { DirectorySyncEventsData } from './generated/types.gen';
import type { SyncRunView } from './views';

/** States a run waits in (or ends in): nothing more happens until an administrator acts. */
export const SETTLED = new Set(['planned', 'held', 'succeeded', 'failed', 'rejected']);

/** Typed from the generated client, so a renamed route fails the typecheck rather than the stream. */
const EVENTS_URL: DirectorySyncEventsData['url'] = '/api/instances/{alias}/sync/runs/{runId}/events';
const POLL_MS = 500;

export type Feed = 'live' | 'polling';

function isRun(data: unknown, id: string): data is SyncRunView {
  return typeof data === 'object' && data !== null && (data as { id?: unknown }).id === id;
}

/**
 * Follows a run until it settles, from the admin API's Server-Sent Events. `EventSource` cannot send
 * the API token, so the stream is read with `fetch` through the generated client (its interceptor
 * adds the `Authorization` header). If the stream breaks (a proxy cutting it, the API answering
 * `unavailable`, its time limit) the run is polled instead, so the page still reaches the end.
 */
export async function followRun(
  alias: string,
  run: SyncRunView,
  onProgress: (run: SyncRunView, feed: Feed) => void,
): Promise<SyncRunView> {
  let current = run;
  if (SETTLED.has(current.state)) return current;
  try {
    const { stream } = await client.sse.get({
      url: EVENTS_URL,
      path: { alias, runId: run.id },
      // No silent reconnect loop: one failure and the page falls back to polling.
      sseMaxRetryAttempts: 1,
      onSseError: () => undefined,
    });
    for await (const data of stream) {
      if (!isRun(data, run.id)) continue; // `unavailable` carries no run: the stream ends after it
      current = data;
      onProgress(current, 'live');
      if (SETTLED.has(current.state)) return current;
    }
  } catch {
    // Falls through to polling: the reason does not matter to the page, only the run does.
  }
  while (!SETTLED.has(current.state)) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = await call<SyncRunView>(directorySyncRun({ path: { alias, runId: current.id } }));
    onProgress(current, 'polling');
  }
  return current;
}
