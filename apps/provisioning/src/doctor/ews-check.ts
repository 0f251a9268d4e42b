import type { DoctorCheckView, EffectiveSetupOptions } from '@archive365/contracts';
import type { ExtraCaTrust } from '../platform/trust-ca';
import { fail, pass, skip } from './check';

const TITLE = 'The tenant still allows EWS for the app (legacy option)';

/** A minimal, harmless EWS request: the server's answer to it is what tells whether EWS is open to us. */
const PROBE = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
<soap:Header><t:RequestServerVersion Version="Exchange2016"/></soap:Header>
<soap:Body><m:ResolveNames ReturnFullContactData="false"><m:UnresolvedEntry>archive-probe</m:UnresolvedEntry></m:ResolveNames></soap:Body>
</soap:Envelope>`;

/**
 * EWS in Exchange Online (Microsoft Learn / message center): blocked since 1 October 2026 unless the
 * tenant sets `EWSEnabled` or lists the app in `EWSAllowedAppIDs`; off for good on 1 April 2027. A
 * blocked app gets 403 with an empty body.
 */
export async function ewsCheck(
  trust: ExtraCaTrust,
  exchangeBaseUrl: string,
  options: EffectiveSetupOptions,
  exchangeToken: () => Promise<string>,
  clientId: string,
): Promise<DoctorCheckView[]> {
  if (!options.legacyEws) return [];
  let token: string;
  try {
    token = await exchangeToken();
  } catch {
    return [
      skip('ews', TITLE, 'not checked: no Exchange Online token could be issued (see the token check)'),
    ];
  }
  const response = await trust.fetch(`${exchangeBaseUrl.replace(/\/+$/, '')}/EWS/Exchange.asmx`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/xml; charset=utf-8' },
    body: PROBE,
  });
  await response.arrayBuffer().catch(() => undefined);
  if (response.status === 401) {
    return [
      fail('ews', TITLE, {
        code: 'EWS_TOKEN_REFUSED',
        message: 'Exchange Online refused the app token for EWS.',
        fix: 'Grant admin consent for Office 365 Exchange Online full_access_as_app, or better, move to Microsoft Graph mail access.',
      }),
    ];
  }
  if (response.status === 403) {
    return [
      fail('ews', TITLE, {
        code: 'EWS_BLOCKED',
        message:
          'Exchange Online blocks EWS for this app: since 1 October 2026 EWS is off unless the tenant allows the app, and it is switched off for good on 1 April 2027.',
        fix: `Move the instance to Microsoft Graph mail access (mailAccess "graph", scoped with RBAC for Applications). Until then an Exchange administrator may allow the app: Set-OrganizationConfig -EWSAllowedAppIDs @{Add="${clientId}"} (or -EWSEnabled $true), effective only until 1 April 2027.`,
      }),
    ];
  }
  return [
    pass(
      'ews',
      TITLE,
      `EWS answered (${response.status}); it stops for good on 1 April 2027: plan the move to Graph`,
    ),
  ];
}
