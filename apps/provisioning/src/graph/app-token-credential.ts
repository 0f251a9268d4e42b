import type { AccessToken, TokenCredential } from '@azure/identity';
import { Subjects } from '@archive365/contracts';
import type { RpcClient } from '@archive365/messaging';

/**
 * An app token of a credential, from the credentials service (which holds the key and caches tokens):
 * what the doctor and the renewal talk to Graph with.
 */
export class AppTokenCredential implements TokenCredential {
  constructor(
    private readonly rpc: RpcClient,
    private readonly credentialId: string,
    private readonly tenantId?: string,
  ) {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const scope = Array.isArray(scopes) ? (scopes[0] ?? '') : scopes;
    const reply = await this.rpc.send(
      Subjects.AcquireToken,
      { credentialId: this.credentialId, scope, ...(this.tenantId ? { tenantId: this.tenantId } : {}) },
      { timeoutMs: 30_000 },
    );
    return { token: reply.accessToken, expiresOnTimestamp: Date.parse(reply.expiresOn) };
  }
}
