import type { CredentialView, DoctorCheckView, EffectiveSetupOptions } from '@archive365/contracts';
import { explainAadsts } from '../graph/plain-words';
import type { ExtraCaTrust } from '../platform/trust-ca';
import { probeAuthorize, type ProbeAnswer } from './authorize-probe';
import { fail, pass, skip } from './check';

/** The redirect URI and, when the instance uses that flow, ID token issuance, as users would meet them. */
export async function signInChecks(
  trust: ExtraCaTrust,
  authorityHost: string,
  credential: CredentialView,
  redirectUri: string,
  options: EffectiveSetupOptions,
  appExists: boolean,
): Promise<DoctorCheckView[]> {
  const redirectTitle = `The redirect URI ${redirectUri} is registered exactly`;
  const idTokenTitle = 'ID tokens are enabled (implicit and hybrid flows)';
  if (!appExists) {
    return [
      skip('redirect-uri', redirectTitle, 'not checked: the app registration was not found'),
      skip('id-tokens', idTokenTitle, 'not checked: the app registration was not found'),
    ];
  }
  const context = { clientId: credential.clientId, tenantId: credential.tenantId, redirectUri };
  const probe = (responseType: 'code' | 'id_token') =>
    probeAuthorize(trust, {
      authorityHost,
      tenantId: credential.tenantId,
      clientId: credential.clientId,
      redirectUri,
      responseType,
    });
  const code = await probe('code');
  const checks = [judge('redirect-uri', redirectTitle, code, `${redirectUri} is accepted`, context)];
  if (!options.idTokens) {
    checks.push(skip('id-tokens', idTokenTitle, 'the instance signs users in with code + PKCE only'));
  } else if (code.kind !== 'sign-in-page') {
    checks.push(skip('id-tokens', idTokenTitle, 'not checked: the redirect URI is not accepted'));
  } else {
    checks.push(
      judge('id-tokens', idTokenTitle, await probe('id_token'), 'an id_token sign-in is accepted', context),
    );
  }
  return checks;
}

function judge(
  name: string,
  title: string,
  answer: ProbeAnswer,
  success: string,
  context: Parameters<typeof explainAadsts>[2],
): DoctorCheckView {
  switch (answer.kind) {
    case 'sign-in-page':
      return pass(name, title, success);
    case 'error-page':
    case 'error-redirect':
      return fail(
        name,
        title,
        explainAadsts(answer.aadsts, `sign-in refused with ${answer.aadsts}`, context),
      );
    case 'unexpected':
      return fail(name, title, {
        code: 'UNEXPECTED_ANSWER',
        message: `Microsoft's sign-in page answered ${answer.status}, which the check does not understand.`,
        fix: "Run the checks again; if it persists, sign in once by hand to see Microsoft's message.",
      });
  }
}
