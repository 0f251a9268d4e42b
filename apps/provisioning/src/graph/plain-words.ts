import type { PlainProblem } from '@archive365/contracts';

export interface ProblemContext {
  tenantId?: string;
  clientId?: string;
  thumbprintSha1?: string;
  redirectUri?: string;
  permission?: string;
}

/**
 * Microsoft's AADSTS codes in plain words, each with the exact fix (Microsoft Learn, "Microsoft Entra
 * authentication and authorization error codes").
 */
export function explainAadsts(code: string, microsoftMessage: string, context: ProblemContext): PlainProblem {
  const app = context.clientId ? `the app ${context.clientId}` : 'the app';
  switch (code) {
    case 'AADSTS90002':
      return {
        code,
        message: `The tenant ${context.tenantId ?? ''} does not exist (or is not in this cloud).`,
        fix: 'Correct the directory (tenant) ID on the credential: copy "Tenant ID" from the Microsoft Entra admin center overview page.',
      };
    case 'AADSTS700016':
      return {
        code,
        message: `The tenant ${context.tenantId ?? ''} has no app registration with the client ID ${context.clientId ?? ''}.`,
        fix: 'Check the application (client) ID on the credential, and that the app is registered in this tenant; or run the automatic setup, which creates it.',
      };
    case 'AADSTS7000229':
      return {
        code,
        message: `${app} has no service principal (enterprise application) in tenant ${context.tenantId ?? ''}; since 2026 an app needs one in every tenant where it gets tokens.`,
        fix: `Create it: run the automatic setup again, or in PowerShell: New-MgServicePrincipal -AppId ${context.clientId ?? '<client id>'} (then grant admin consent again).`,
      };
    case 'AADSTS700027':
      if (/has expired|is expired/i.test(microsoftMessage)) {
        return {
          code,
          message: `The certificate ${context.thumbprintSha1 ?? ''} registered on ${app} has expired there.`,
          fix: 'Renew the certificate: start a renewal for the credential, or rotate it and upload the new certificate (.cer) under "Certificates & secrets"; then remove the expired key.',
        };
      }
      return {
        code,
        message: `The certificate ${context.thumbprintSha1 ?? ''} is not registered on ${app}.`,
        fix: `Upload the credential's certificate (.cer, thumbprint ${context.thumbprintSha1 ?? ''}) under "Certificates & secrets" of the app registration, or run the automatic setup again.`,
      };
    case 'AADSTS7000112':
      return {
        code,
        message: `${app} is disabled in the tenant.`,
        fix: 'Enable it: Enterprise applications > the app > Properties > "Enabled for users to sign-in?" = Yes.',
      };
    case 'AADSTS50011':
      return {
        code,
        message: `The redirect URI ${context.redirectUri ?? ''} is not registered on ${app}: Microsoft shows users an error page instead of signing them in.`,
        fix: `Add exactly ${context.redirectUri ?? ''} as a Web redirect URI (Authentication > Add a platform > Web).`,
      };
    case 'AADSTS700054':
      return {
        code,
        message: `ID tokens are not enabled on ${app}: the sign-in flow that asks for an id_token fails.`,
        fix: 'Tick "ID tokens (used for implicit and hybrid flows)" under Authentication of the app registration.',
      };
    case 'AADSTS65001':
      return {
        code,
        message: `Nobody has consented to ${app}'s permissions in this tenant.`,
        fix: 'Grant admin consent: API permissions > "Grant admin consent for <organization>".',
      };
    default:
      return {
        code,
        message: `Microsoft refused: ${microsoftMessage}`,
        fix: 'Look the code up in Microsoft\'s "authentication and authorization error codes" and correct the app registration; then run the checks again.',
      };
  }
}
