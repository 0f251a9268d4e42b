import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import type { FetchOptions } from '@microsoft/microsoft-graph-client';
import { RpcClient } from '@archive365/messaging';
import { trustingRootsAnd } from '@archive365/service-kit';
import { Agent } from 'undici';
import { DIRECTORY_SYNC_CONFIG, type DirectorySyncConfig } from '../app/directory-sync.config';
import type { SyncProfile } from '../sync-profiles/sync-profile.entity';
import { GraphSession } from './graph-session';
import { ResourceBudget } from './resource-budget';
import { TokenSource } from './token-source';

/** Opens one Graph session per run; the resource-unit budget is shared by all runs of this replica. */
@Injectable()
export class GraphSessions {
  private readonly budget: ResourceBudget;
  private readonly fetchOptions?: FetchOptions;

  constructor(
    @Inject(DIRECTORY_SYNC_CONFIG) private readonly config: DirectorySyncConfig,
    private readonly rpc: RpcClient,
  ) {
    this.budget = new ResourceBudget(config.GRAPH_RESOURCE_UNITS_PER_10S);
    if (config.GRAPH_CA_FILE) {
      const secureContext = trustingRootsAnd(readFileSync(config.GRAPH_CA_FILE, 'utf8'));
      // undici's Agent and the fetch types of @types/node differ only in declarations.
      this.fetchOptions = {
        dispatcher: new Agent({ connect: { secureContext } }),
      } as unknown as FetchOptions;
    }
  }

  /** Reads with the profile's credential, in the customer's tenant when it is the provider's app. */
  open(profile: Pick<SyncProfile, 'credentialId' | 'consentTenantId'>, stopped: () => boolean): GraphSession {
    const credentialId = profile.credentialId ?? '';
    return new GraphSession({
      baseUrl: this.config.GRAPH_BASE_URL,
      fetchOptions: this.fetchOptions,
      maxRetries: this.config.GRAPH_MAX_RETRIES,
      maxBackoffMs: this.config.GRAPH_MAX_BACKOFF_MS,
      // Graph throttles per app and tenant: the provider's app has one budget in each customer tenant.
      budgetKey: profile.consentTenantId ? `${credentialId}:${profile.consentTenantId}` : credentialId,
      budget: this.budget,
      tokens: new TokenSource(this.rpc, credentialId, profile.consentTenantId),
      stopped,
    });
  }
}
