import { Subjects } from '@archive365/contracts';
import { RpcCallError, type RpcClient } from '@archive365/messaging';
import { decodeJwt } from 'jose';
import { DirectoryReadError } from './directory-read.error';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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
    /** The customer's tenant when the credential is the provider's multi-tenant app (consent link). */
    private readonly consentTenantId: string | null = null,
  ) {}

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return this.cached.token;
    try {
      // Graph's token subject: directory sync is allowed no other resource's tokens.
      const reply = await this.rpc.send(Subjects.AcquireGraphToken, {
        credentialId: this.credentialId,
        ...(this.consentTenantId ? { tenantId: this.consentTenantId } : {}),
      });
      this.cached = { token: reply.accessToken, renewAt: Date.parse(reply.expiresOn) - MARGIN_MS };
      return reply.accessToken;
    } catch (error) {
      throw noToken(error);
    }
  }

  /**
   * The directory (tenant) GUID the tokens are issued in, from the token's `tid` claim. Graph's
   * `/organization` would say the same but needs Organization.Read.All, beyond the least-privileged
   * User.Read.All + GroupMember.Read.All that sync needs otherwise; the token is ours, issued by Entra
   * over TLS a moment ago, so reading one claim of it needs no signature check.
   */
  async tenantId(): Promise<string> {
    const token = await this.token();
    let tid: unknown;
    try {
      tid = decodeJwt(token)['tid'];
    } catch {
      tid = undefined;
    }
    if (typeof tid !== 'string' || !GUID.test(tid)) {
      throw new DirectoryReadError('unavailable', 'the Graph token names no directory (tenant) id');
    }
    return tid.toLowerCase();
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
