import { classifyFailure } from './classify-failure';
import { describeFailure } from './describe-failure';
import { gatherEvidence } from './failure-evidence';
import { sanitizeEntraDescription } from './sanitize-description';
import type { TokenFailure, TokenFailureContext } from './token-failure';

/**
 * Turns whatever `ClientCertificateCredential.getToken` threw into a `TokenFailure`. Only Entra's
 * description sentence (sanitised) is carried over from the original error, never its request,
 * headers or stack, which can hold the client assertion.
 */
export function toTokenFailure(error: unknown, context: TokenFailureContext): TokenFailure {
  const evidence = gatherEvidence(error);
  const code = classifyFailure(evidence);
  const { summary, hint } = describeFailure(code, context, evidence.aadsts);
  const entraSaid = evidence.description ? sanitizeEntraDescription(evidence.description) : '';
  const networkDetail = !entraSaid && evidence.systemCode ? ` (${evidence.systemCode})` : '';
  return {
    code,
    ...(evidence.aadsts === undefined ? {} : { aadsts: evidence.aadsts }),
    message: entraSaid ? `${summary} Entra ID said: ${entraSaid}` : `${summary}${networkDetail}`,
    hint,
  };
}
