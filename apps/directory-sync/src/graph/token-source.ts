import { Subjects } from '@archive365/contracts';
import { RpcCallError, type RpcClient } from '@archive365/messaging';
import { DirectoryReadError } from './directory-read.error';

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** Renew a little before expiry, as MSAL does: a page must never start with a token about to lapse. */
const MARGIN_MS = 5 * 60_000;
/**
 * Token failures that can pass by themselves: Entra ID throttling (AADSTS50196 among them), an authority
 * that did not answer, a failure the credentials service could not name. Every other refusal (an
 * AADSTS code such as 700027, a missing credential) stays until an administrator acts: no retry helps.
 */
const PASSING_REASONS = new Set(['THROTTLED', 'AADSTS50196', 'AUTHORITY_UNREACHABLE', 'UNKNOWN']);

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
      const reply = await this.rpc.send(Subjects.AcquireToken, {
        credentialId: this.credentialId,
        scope: GRAPH_SCOPE,
      });
      this.cached = { token: reply.accessToken, renewAt: Date.parse(reply.expiresOn) - MARGIN_MS };
      return reply.accessToken;
    } catch (error) {
      throw noToken(error);
    }
  }

  forget(): void {
    this.cached = undefined;
  }
}

/** The credentials service's refusal in the run's words: its message, the AADSTS code and its fix. */
function noToken(error: unknown): DirectoryReadError {
  if (!(error instanceof RpcCallError))
    return new DirectoryReadError('no-token', 'no Graph token: the credentials service did not answer', {
      permanent: false,
    });
  const { message, reason, hint, code } = error.body;
  const detail = `${message}${reason ? ` (${reason})` : ''}${hint ? `; to fix: ${hint}` : ''}`;
  const passing = code === 'TIMEOUT' || code === 'INTERNAL' || PASSING_REASONS.has(reason ?? '');
  return new DirectoryReadError('no-token', `no Graph token for the credential: ${detail}`, {
    permanent: !passing,
  });
}
