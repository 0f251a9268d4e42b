import { escapeHtml, page } from './html';

export interface ConsentPageModel {
  action: string;
  flow: string;
  applicationName: string;
  publisherDomain: string;
  userPrincipalName: string;
  /** Permission display names, by resource. */
  permissions: string[];
}

/**
 * "Permissions requested - Accept for your organization": the administrator accepts (`idSIButton9`)
 * or cancels (`idBtn_Back`), as on Microsoft's consent prompt.
 */
export function consentPage(model: ConsentPageModel): string {
  const items = model.permissions.map((permission) => `<li>${escapeHtml(permission)}</li>`).join('\n');
  return page(
    'Permissions requested',
    `<h1>Permissions requested</h1>
<p>Review for your organization</p>
<p><strong id="appName">${escapeHtml(model.applicationName)}</strong> (${escapeHtml(model.publisherDomain)})</p>
<p>Signed in as <span id="signedInUser">${escapeHtml(model.userPrincipalName)}</span></p>
<p>This app would like to:</p>
<ul id="permissions">
${items}
</ul>
<p>If you accept, this app will get access to the specified resources for all users in your organization.</p>
<form method="post" action="${escapeHtml(model.action)}">
<input type="hidden" name="flow" value="${escapeHtml(model.flow)}">
<button type="submit" name="decision" value="accept" id="idSIButton9">Accept</button>
<button type="submit" name="decision" value="cancel" id="idBtn_Back" class="secondary">Cancel</button>
</form>`,
  );
}
