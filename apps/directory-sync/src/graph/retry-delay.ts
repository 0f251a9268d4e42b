/**
 * How long to wait before retrying a throttled or failed Graph request: `Retry-After` when Graph sent
 * one (seconds, as Graph sends it), else exponential backoff with full jitter (so replicas and tenants
 * do not retry in step), never more than `maxMs`.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | null | undefined,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const seconds = retryAfter ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(maxMs, Math.ceil(seconds * 1000));
  const ceiling = Math.min(maxMs, 250 * 2 ** attempt);
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}
