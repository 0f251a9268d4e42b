import type { PlainProblem } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import type { StepOutcome } from '../persistence/setups.repository';
import type { CredentialsClient } from '../platform/credentials.client';
import type { RequiredPermission } from '../graph/permissions';
import { explainAadsts } from '../graph/plain-words';

/** Codes that mean "not replicated yet" right after a write (Entra ID replicates within minutes). */
const STILL_PROPAGATING = new Set(['AADSTS700016', 'AADSTS700027', 'AADSTS7000229']);

/**
 * The proof that the setup worked: a fresh token request with the credential's certificate, whose
 * `roles` must carry every required permission. Retried while Entra ID may still be replicating.
 */
export async function waitForWorkingToken(
  credentials: CredentialsClient,
  credentialId: string,
  permissions: RequiredPermission[],
  waitMs: number,
  lost: AbortSignal,
): Promise<StepOutcome> {
  const deadline = Date.now() + waitMs;
  for (let delay = 1000; ; delay = Math.min(delay * 2, 15_000)) {
    let problem: PlainProblem;
    try {
      const reply = await credentials.test(credentialId);
      const missing = permissions.filter((permission) => !reply.roles.includes(permission.value));
      if (missing.length === 0) {
        return { state: 'done', changed: false, detail: `token issued with roles ${reply.roles.join(', ')}` };
      }
      problem = {
        code: 'ROLES_MISSING',
        message: `The token lacks ${missing.map((permission) => permission.value).join(', ')}: admin consent is missing for them.`,
        fix: 'Grant admin consent for these permissions (API permissions > Grant admin consent), or start the setup again.',
      };
    } catch (error) {
      if (!(error instanceof RpcCallError)) throw error;
      const reason = error.body.reason ?? '';
      problem = reason.startsWith('AADSTS')
        ? explainAadsts(reason, error.body.message, {})
        : {
            code: reason || error.body.code,
            message: error.body.message,
            fix: error.body.hint ?? 'Try again.',
          };
      if (!STILL_PROPAGATING.has(reason) && reason !== '')
        return { state: 'failed', changed: false, problem };
    }
    if (Date.now() + delay > deadline || lost.aborted) return { state: 'failed', changed: false, problem };
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
