import { Subjects } from '@archive365/contracts';
import type { ProvisioningPlatform } from './provisioning-platform';

export interface TokenLoad {
  successes: number;
  failures: string[];
  stop(): Promise<void>;
}

/**
 * Graph token requests for one credential, back to back in `concurrency` workers, as the services send
 * them under load, until stopped: a renewal must not fail one of them.
 */
export function startTokenLoad(
  platform: ProvisioningPlatform,
  credentialId: string,
  concurrency = 1,
): TokenLoad {
  let running = true;
  const load: TokenLoad = { successes: 0, failures: [], stop: async () => undefined };
  const worker = async () => {
    while (running) {
      try {
        await platform.rpc.send(Subjects.AcquireGraphToken, { credentialId }, { timeoutMs: 20_000 });
        load.successes++;
      } catch (error) {
        load.failures.push(error instanceof Error ? error.message : String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  load.stop = async () => {
    running = false;
    await Promise.all(workers);
  };
  return load;
}
