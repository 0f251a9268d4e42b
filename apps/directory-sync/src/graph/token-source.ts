import { Subjects } from '@archive365/contracts';
import { RpcCallError, type RpcClient } from '@archive365/messaging';
import { DirectoryReadError } from './directory-read.error';

/** Renew a little before expiry, as MSAL does: a page must never start with a token about to lapse. */
const MARGIN_MS = 5 * 60_000;

/**
 * App tokens for Graph from the credentials service (the private key never leaves it), kept in memory
 * for the run until shortly before they expire. The token is a secret: never logged, never in an error.
 */
export class TokenSource {
  private cached: { token: string; renewAt: number } | undefined;

  constructor(
    private readonly rpc: RpcClient,
    private readonly credentialId: string,
  ) {}

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return this.cached.token;
    try {
      // Graph's token subject: directory sync is allowed no other resource's tokens.
      const reply = await this.rpc.send(Subjects.AcquireGraphToken, { credentialId: this.credentialId });
      this.cached = { token: reply.accessToken, renewAt: Date.parse(reply.expiresOn) - MARGIN_MS };
      return reply.accessToken;
    } catch (error) {
      const detail =
        error instanceof RpcCallError ? error.body.message : 'the credentials service did not answer';
      throw new DirectoryReadError('no-token', `no Graph token for the credential: ${detail}`);
    }
  }

  forget(): void {
    this.cached = undefined;
  }
}
