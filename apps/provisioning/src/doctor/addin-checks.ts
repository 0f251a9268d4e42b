import type { CredentialView, DoctorCheckView, EffectiveSetupOptions } from '@archive365/contracts';
import { explainAadsts } from '../graph/plain-words';
import type { ExtraCaTrust } from '../platform/trust-ca';
import { probeAuthorize, type ProbeAnswer } from './authorize-probe';
import { fail, pass, skip } from './check';

/** The delegated scope the add-in asks for (the auth gateway's ADDIN_API_SCOPE). */
export const ADDIN_SCOPE = 'access_as_user';

const TITLES = {
  'addin-spa-redirect-uri': 'The Outlook add-in can sign in (its SPA redirect URI is registered)',
  'addin-identifier-uri': 'Our API is exposed under its identifier URI',
  'addin-scope': `Our API offers the delegated scope ${ADDIN_SCOPE}`,
} as const;

/**
 * Nested app authentication for the Outlook add-in (Microsoft Learn, "Enable single sign-on in an Office
 * Add-in with nested app authentication"): the add-in's broker signs in with the SPA redirect URI
 * `brk-multihub://<add-in origin>` and asks for `api://{appId}/access_as_user`. Each part is asked of
 * Microsoft's authorize endpoint as the add-in would meet it, without signing anyone in, so no Graph
 * permission on app registrations is needed: the SPA redirect URI on its own (AADSTS50011 on Microsoft's
 * page), then the API through the instance's Web redirect URI, already checked: an unknown identifier
 * URI is AADSTS500011 ("resource principal not found"), an unknown scope AADSTS70011 (AADSTS650053 on
 * some tenants). Absent when the instance does not use the add-in.
 */
export async function addInChecks(
  trust: ExtraCaTrust,
  authorityHost: string,
  credential: CredentialView,
  webRedirectUri: string,
  options: EffectiveSetupOptions,
  webRedirectAccepted: boolean,
): Promise<DoctorCheckView[]> {
  if (!options.addInOrigin) return [];
  const identifierUri = `api://${credential.clientId}`;
  const brokerUri = `brk-multihub://${new URL(options.addInOrigin).host}`;
  const probe = (redirectUri: string, scope: string) =>
    probeAuthorize(trust, {
      authorityHost,
      tenantId: credential.tenantId,
      clientId: credential.clientId,
      redirectUri,
      responseType: 'code',
      scope,
    });
  const context = { clientId: credential.clientId, tenantId: credential.tenantId };

  const broker = await probe(brokerUri, 'openid profile');
  const checks: DoctorCheckView[] = [
    broker.kind === 'sign-in-page'
      ? pass('addin-spa-redirect-uri', TITLES['addin-spa-redirect-uri'], `${brokerUri} is accepted`)
      : fail(
          'addin-spa-redirect-uri',
          TITLES['addin-spa-redirect-uri'],
          broker.kind !== 'unexpected' && broker.aadsts === 'AADSTS50011'
            ? {
                code: 'AADSTS50011',
                message: `The add-in's redirect URI ${brokerUri} is not registered on the app ${credential.clientId}: Outlook cannot sign users in to the archive.`,
                fix: `Add exactly ${brokerUri} as a Single-page application redirect URI (Authentication > Add a platform > Single-page application), or run the automatic setup again.`,
              }
            : other(broker, context),
        ),
  ];

  if (!webRedirectAccepted) {
    const why = 'not checked: the Web redirect URI is not accepted';
    return [
      ...checks,
      skip('addin-identifier-uri', TITLES['addin-identifier-uri'], why),
      skip('addin-scope', TITLES['addin-scope'], why),
    ];
  }
  const api = await probe(webRedirectUri, `openid ${identifierUri}/${ADDIN_SCOPE}`);
  const aadsts = api.kind === 'error-page' || api.kind === 'error-redirect' ? api.aadsts : undefined;
  if (aadsts === 'AADSTS500011') {
    return [
      ...checks,
      fail('addin-identifier-uri', TITLES['addin-identifier-uri'], {
        code: aadsts,
        message: `The app ${credential.clientId} does not expose an API as ${identifierUri}: the add-in's token request names a resource Microsoft does not know.`,
        fix: `Set the Application ID URI to ${identifierUri} (Expose an API > Application ID URI > Add), or run the automatic setup again.`,
      }),
      skip('addin-scope', TITLES['addin-scope'], 'not checked: the identifier URI is missing'),
    ];
  }
  checks.push(pass('addin-identifier-uri', TITLES['addin-identifier-uri'], `${identifierUri} is known`));
  if (api.kind === 'sign-in-page') {
    checks.push(pass('addin-scope', TITLES['addin-scope'], `${identifierUri}/${ADDIN_SCOPE} is accepted`));
  } else if (aadsts === 'AADSTS70011' || aadsts === 'AADSTS650053' || aadsts === 'AADSTS65005') {
    checks.push(
      fail('addin-scope', TITLES['addin-scope'], {
        code: aadsts,
        message: `The API ${identifierUri} has no delegated scope ${ADDIN_SCOPE}: the add-in cannot get a token for the archive.`,
        fix: `Add the scope ${ADDIN_SCOPE} under Expose an API > Add a scope ("Admins and users" may consent, state Enabled), or run the automatic setup again.`,
      }),
    );
  } else {
    checks.push(fail('addin-scope', TITLES['addin-scope'], other(api, context)));
  }
  return checks;
}

function other(answer: ProbeAnswer, context: Parameters<typeof explainAadsts>[2]) {
  if (answer.kind === 'error-page' || answer.kind === 'error-redirect') {
    return explainAadsts(answer.aadsts, `sign-in refused with ${answer.aadsts}`, context);
  }
  return {
    code: 'UNEXPECTED_ANSWER',
    message: `Microsoft's sign-in page answered ${answer.kind === 'unexpected' ? answer.status : 200}, which the check does not understand.`,
    fix: "Run the checks again; if it persists, sign in once from the add-in to see Microsoft's message.",
  };
}
