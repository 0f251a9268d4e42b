import { Inject, Injectable } from '@nestjs/common';
import type { TokenCredential } from '@azure/identity';
import type { FetchOptions } from '@microsoft/microsoft-graph-client';
import { RpcClient } from '@archive365/messaging';
import { PROVISIONING_CONFIG, type ProvisioningConfig } from '../app/provisioning.config';
import { ExtraCaTrust } from '../platform/trust-ca';
import { AppTokenCredential } from './app-token-credential';
import { GRAPH_DEFAULT_SCOPE, GraphSession } from './graph-session';

/** Makes Graph sessions: with an administrator's delegated token, or with a credential's app token. */
@Injectable()
export class GraphSessions {
  constructor(
    @Inject(PROVISIONING_CONFIG) private readonly config: ProvisioningConfig,
    readonly trust: ExtraCaTrust,
    private readonly rpc: RpcClient,
  ) {}

  delegated(credential: TokenCredential, scopes: string[]): GraphSession {
    return new GraphSession(credential, scopes, this.config.GRAPH_BASE_URL, this.fetchOptions());
  }

  /** As the app itself: the credential's token, in its own tenant or the one named. */
  asApp(credentialId: string, tenantId?: string): GraphSession {
    return new GraphSession(
      new AppTokenCredential(this.rpc, credentialId, tenantId),
      [GRAPH_DEFAULT_SCOPE],
      this.config.GRAPH_BASE_URL,
      this.fetchOptions(),
    );
  }

  private fetchOptions(): FetchOptions {
    // undici's Agent and the one @types/node declares differ only in declarations.
    return (this.trust.dispatcher ? { dispatcher: this.trust.dispatcher } : {}) as unknown as FetchOptions;
  }
}
