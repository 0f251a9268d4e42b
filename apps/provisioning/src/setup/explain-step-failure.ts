import type { PlainProblem } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { GraphCallError } from '../graph/graph-session';
import { explainAadsts, type ProblemContext } from '../graph/plain-words';

/** A failed setup step in plain words, with the fix. */
export function explainStepFailure(step: string, error: unknown, context: ProblemContext): PlainProblem {
  if (error instanceof GraphCallError) {
    if (error.status === 403) {
      return {
        code: error.code,
        message: `Microsoft Graph refused the step "${step}": the signed-in account may not ${
          step === 'admin-consent' ? 'grant admin consent' : 'change app registrations'
        } in this tenant.`,
        fix:
          step === 'admin-consent'
            ? "Sign in with a Global Administrator or Privileged Role Administrator of the customer's tenant and start again."
            : 'Sign in with a Global Administrator, Application Administrator or Cloud Application Administrator and start again.',
      };
    }
    if (error.status === 429 || error.status >= 500) {
      return {
        code: error.code,
        message: `Microsoft Graph was unavailable during "${step}" (${error.status}).`,
        fix: 'Start the setup again in a few minutes: the steps already done are checked, not repeated.',
      };
    }
    return {
      code: error.code,
      message: `Microsoft Graph refused the step "${step}": ${error.message}`,
      fix: 'Correct what the message names in the app registration, or start the setup again.',
    };
  }
  if (error instanceof RpcCallError) {
    if (error.body.reason?.startsWith('AADSTS'))
      return explainAadsts(error.body.reason, error.body.message, context);
    return {
      code: error.body.reason ?? error.body.code,
      message: `The credentials service refused the step "${step}": ${error.body.message}`,
      fix: error.body.hint ?? 'Check that the credentials service is running, then start the setup again.',
    };
  }
  return {
    code: 'STEP_FAILED',
    message: `The step "${step}" failed unexpectedly; the service logged the detail.`,
    fix: 'Start the setup again; if it fails the same way, report it with the time of the failure.',
  };
}
