import { TokenFailureCode, type TokenFailureContext } from './token-failure';

export interface FailureDescription {
  readonly summary: string;
  readonly hint: string;
}

const PORTAL_CERTIFICATES = "the app registration's Certificates & secrets";

/** One sentence of what happened and one of what to do, for every failure code. */
export function describeFailure(
  code: TokenFailureCode,
  context: TokenFailureContext,
  aadsts: number | undefined,
): FailureDescription {
  const { tenantId, clientId } = context;
  const thumbprint = context.certificateThumbprint ? ` with thumbprint ${context.certificateThumbprint}` : '';
  const authority = context.authorityHost ?? 'the Microsoft Entra sign-in endpoint';
  switch (code) {
    case TokenFailureCode.TenantNotFound:
      return {
        summary: `Microsoft Entra ID does not know the tenant "${tenantId}".`,
        hint: `Check the directory (tenant) ID: use the tenant's GUID from the Entra admin center (Overview, Tenant ID) or one of its verified domains.`,
      };
    case TokenFailureCode.AppNotFound:
      return {
        summary: `The application "${clientId}" was not found (or is disabled) in tenant "${tenantId}".`,
        hint: `Check the application (client) ID and that the app is registered in tenant ${tenantId} (App registrations, Overview); an app registered in another tenant is not visible here.`,
      };
    case TokenFailureCode.CertificateNotRegistered:
      return {
        summary: `The certificate${thumbprint} is not registered on application "${clientId}".`,
        hint: `Upload the certificate${thumbprint} (download it as .cer from this credential) to ${PORTAL_CERTIFICATES}, then test again.`,
      };
    case TokenFailureCode.CertificateExpired:
      return {
        summary: `The certificate${thumbprint} registered on application "${clientId}" has expired.`,
        hint: `Rotate this credential's certificate and upload the new one to ${PORTAL_CERTIFICATES}; remove the expired one there afterwards.`,
      };
    case TokenFailureCode.InvalidAssertion:
      return {
        summary: 'Microsoft Entra ID rejected the signed client assertion.',
        hint: "Check that this server's clock is correct (within a few minutes) and that the credential's certificate and private key belong together; if the problem stays, generate a new certificate.",
      };
    case TokenFailureCode.ConsentMissing:
      return {
        summary: `Application "${clientId}" has no admin consent for the requested permissions in tenant "${tenantId}".`,
        hint: 'Grant admin consent: App registrations, API permissions, "Grant admin consent" (or run the setup step that grants it).',
      };
    case TokenFailureCode.InvalidScope:
      return {
        summary: `The requested scope${context.scope ? ` "${context.scope}"` : ''} is not valid for this app.`,
        hint: 'App-only tokens need a scope of the form "<resource>/.default" (e.g. https://graph.microsoft.com/.default); make sure the resource exists in the tenant and its permission is added.',
      };
    case TokenFailureCode.AuthorityUnreachable:
      return {
        summary: `${authority} could not be reached or its metadata could not be loaded.`,
        hint: `Check DNS, proxy and firewall rules from this service to ${authority}; if it is served with a private CA, make sure that CA is trusted (ENTRA_CA_FILE).`,
      };
    case TokenFailureCode.TlsUntrusted:
      return {
        summary: `The TLS certificate of ${authority} is not trusted.`,
        hint: "Give the issuing CA to this service (ENTRA_CA_FILE) or fix the endpoint's certificate; do not turn off TLS verification.",
      };
    case TokenFailureCode.Throttled:
      return {
        summary: 'Microsoft Entra ID is throttling token requests for this app.',
        hint: 'Wait and retry; tokens are cached for about an hour, so repeated throttling means something requests tokens in a loop.',
      };
    case TokenFailureCode.Unknown:
      return {
        summary: 'The token request failed for a reason this service does not recognise.',
        hint:
          aadsts === undefined
            ? 'Check the service logs for the underlying error and test the credential again.'
            : `Look up AADSTS${aadsts} at https://login.microsoftonline.com/error?code=${aadsts}.`,
      };
  }
}

/** Whether asking again later can succeed without anyone changing configuration. */
export function isTransientFailure(code: TokenFailureCode): boolean {
  switch (code) {
    case TokenFailureCode.AuthorityUnreachable:
    case TokenFailureCode.Throttled:
      return true;
    case TokenFailureCode.TenantNotFound:
    case TokenFailureCode.AppNotFound:
    case TokenFailureCode.CertificateNotRegistered:
    case TokenFailureCode.CertificateExpired:
    case TokenFailureCode.InvalidAssertion:
    case TokenFailureCode.ConsentMissing:
    case TokenFailureCode.InvalidScope:
    case TokenFailureCode.TlsUntrusted:
    case TokenFailureCode.Unknown:
      return false;
  }
}
