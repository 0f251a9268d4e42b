import type { AccessToken, TokenCredential } from '@azure/identity';
import { Subjects, TOKEN_RESOURCES } from '@archive365/contracts';
import type { RpcClient } from '@archive365/messaging';

/**
 * A credential's app token for Microsoft Graph, from the credentials service (which holds the key and
 * caches tokens): what the doctor and the renewal talk to Graph with. Graph's token subject is the
 * only one this serves: the resource is fixed by the subject, not by the scope the SDK passes.
 */
export class AppTokenCredential implements TokenCredential {
  constructor(
    private readonly rpc: RpcClient,
    private readonly credentialId: string,
    private readonly tenantId?: string,
  ) {}

  async getToken(scopes: string | string[]): Promise<AccessToken> {
    const asked = [scopes].flat();
    if (asked.some((scope) => scope !== TOKEN_RESOURCES.graph)) {
      throw new Error(`only Microsoft Graph tokens are available here, not ${asked.join(' ')}`);
    }
    const reply = await this.rpc.send(
      Subjects.AcquireGraphToken,
      { credentialId: this.credentialId, ...(this.tenantId ? { tenantId: this.tenantId } : {}) },
      { timeoutMs: 30_000 },
    );
    return { token: reply.accessToken, expiresOnTimestamp: Date.parse(reply.expiresOn) };
  }
}
