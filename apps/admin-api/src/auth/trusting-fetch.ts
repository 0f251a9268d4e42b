import { readFileSync } from 'node:fs';
import { trustingRootsAnd } from '@archive365/service-kit';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * A fetch for the sign-in's calls to Microsoft that also trusts one extra CA (the emulator's in
 * development): only these calls, never the whole process.
 */
export function fetchTrusting(caFile: string): typeof fetch {
  const dispatcher = new Agent({
    connect: { secureContext: trustingRootsAnd(readFileSync(caFile, 'utf8')) },
  });
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}
