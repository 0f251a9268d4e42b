import { createHash } from 'node:crypto';
import type { ResolvedInstance } from '../instances/resolved-instance';
import { escapeHtml, page } from '../pages/html';

export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

export function taskpanePage(instance: ResolvedInstance, authorityHost: string, scope: string): string {
  const base = new URL(instance.baseUrl).pathname;
  return page({
    title: 'Archive',
    scripts: [OFFICE_JS, `${base}/addin/msal-browser.min.js`, `${base}/addin/taskpane.js`],
    data: {
      base,
      'client-id': instance.clientId,
      authority: `${authorityHost}/${instance.tenantId}`,
      scope: `api://${instance.clientId}/${scope}`,
    },
    body: '<h1>Archive</h1><p id="status" data-state="idle" role="status">Starting...</p>',
  });
}

export function dialogDonePage(instance: ResolvedInstance, code: string): string {
  const base = new URL(instance.baseUrl).pathname;
  return page({
    title: 'Signed in',
    scripts: [OFFICE_JS, `${base}/addin/dialog-done.js`],
    data: { result: code },
    body: '<h1>Signed in</h1><p>You can close this window.</p>',
  });
}

/** A stable add-in id per instance (the manifest's Id must not change between downloads). */
function addinId(instance: ResolvedInstance): string {
  const hex = createHash('sha256').update(`archive365-addin:${instance.baseUrl}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An add-in only (XML) manifest for Outlook: a read-mode task pane on the gateway's origin. */
export function addinManifest(instance: ResolvedInstance): string {
  const x = escapeHtml;
  const base = instance.baseUrl;
  return `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
  xmlns:mailappor="http://schemas.microsoft.com/office/mailappversionoverrides/1.0"
  xsi:type="MailApp">
  <Id>${addinId(instance)}</Id>
  <Version>1.0.0.0</Version>
  <ProviderName>archive365</ProviderName>
  <DefaultLocale>en-US</DefaultLocale>
  <DisplayName DefaultValue="Archive (${x(instance.alias)})"/>
  <Description DefaultValue="Sign in to your email archive from Outlook."/>
  <IconUrl DefaultValue="${x(base)}/addin/icon-64.png"/>
  <HighResolutionIconUrl DefaultValue="${x(base)}/addin/icon-64.png"/>
  <SupportUrl DefaultValue="${x(base)}/oidc/me"/>
  <AppDomains>
    <AppDomain>${x(instance.origin)}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Mailbox"/>
  </Hosts>
  <Requirements>
    <Sets>
      <Set Name="Mailbox" MinVersion="1.1"/>
    </Sets>
  </Requirements>
  <FormSettings>
    <Form xsi:type="ItemRead">
      <DesktopSettings>
        <SourceLocation DefaultValue="${x(base)}/addin/taskpane.html"/>
        <RequestedHeight>250</RequestedHeight>
      </DesktopSettings>
    </Form>
  </FormSettings>
  <Permissions>ReadItem</Permissions>
  <Rule xsi:type="RuleCollection" Mode="Or">
    <Rule xsi:type="ItemIs" ItemType="Message" FormType="Read"/>
  </Rule>
  <DisableEntityHighlighting>false</DisableEntityHighlighting>
</OfficeApp>
`;
}
