import type { PlainProblem, RenewalStep } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { GraphCallError } from '../graph/graph-session';
import { explainAadsts } from '../graph/plain-words';

export interface RenewalContext {
  activeThumbprint?: string;
  newThumbprint?: string;
  oldThumbprint?: string;
}

/** Why a renewal step failed, and what the administrator must do (then start the renewal again). */
export function explainRenewalFailure(
  step: RenewalStep,
  error: unknown,
  context: RenewalContext,
): PlainProblem {
  if (error instanceof GraphCallError) {
    if (error.status === 401 && (step === 'add-key' || step === 'remove-old-key')) {
      return {
        code: 'PROOF_REJECTED',
        message: `The app registration refused the ${step === 'add-key' ? 'new certificate' : 'removal of the old certificate'}: Microsoft did not accept the proof of possession signed by certificate ${
          (step === 'add-key' ? context.activeThumbprint : context.newThumbprint) ?? ''
        }. A proof must be signed by a certificate that is on the app registration and valid now; an app with no valid certificate left cannot renew itself.`,
        fix:
          step === 'add-key'
            ? `Upload the new certificate by hand: download the pending certificate (.cer, thumbprint ${context.newThumbprint ?? ''}) from the credential and add it under "Certificates & secrets"; then start the renewal again, which continues from there.`
            : `Remove the old certificate (thumbprint ${context.oldThumbprint ?? ''}) under "Certificates & secrets" by hand, then start the renewal again.`,
      };
    }
    if (error.status === 403) {
      return {
        code: error.code,
        message: `Microsoft Graph refused ${step === 'add-key' ? 'addKey' : 'removeKey'} (${error.code}): a tenant policy (app management policy) may forbid the app to change its own certificates.`,
        fix: 'Ask the tenant administrator to allow certificate credentials for the app (Entra ID > App management policies), or rotate by hand: upload the pending certificate, then start the renewal again.',
      };
    }
    return {
      code: error.code,
      message: `Microsoft Graph answered ${error.status} ${error.code} during "${step}": ${error.message}`,
      fix:
        error.status === 429 || error.status >= 500
          ? 'Nothing to fix: the renewal is retried; start it again if it stays failed.'
          : 'Check the app registration named by the message, then start the renewal again.',
    };
  }
  if (error instanceof RpcCallError) {
    if (error.body.reason?.startsWith('AADSTS')) {
      return explainAadsts(error.body.reason, error.body.message, { thumbprintSha1: context.newThumbprint });
    }
    return {
      code: error.body.reason ?? error.body.code,
      message: `The credentials service refused "${step}": ${error.body.message}`,
      fix: error.body.hint ?? 'Check that the credentials service is running, then start the renewal again.',
    };
  }
  return {
    code: 'RENEWAL_STEP_FAILED',
    message: `The renewal step "${step}" failed unexpectedly; the service logged the detail.`,
    fix: 'Start the renewal again; it continues from this step.',
  };
}
