import type { CredentialTestReply, CredentialView, DoctorCheckView } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { explainAadsts } from '../graph/plain-words';
import type { ExtraCaTrust } from '../platform/trust-ca';
import { fail, pass, skip } from './check';

const DAY_MS = 86_400_000;
/** The threshold: a certificate that expires within 30 days fails the check. */
const EXPIRY_MARGIN_DAYS = 30;

export type TokenOutcome =
  { ok: true; reply: CredentialTestReply } | { ok: false; reason: string; message: string };

/** A fresh token request with the credential (no cache): the one test that proves the identity side. */
export async function requestToken(test: () => Promise<CredentialTestReply>): Promise<TokenOutcome> {
  try {
    return { ok: true, reply: await test() };
  } catch (error) {
    if (error instanceof RpcCallError) {
      return { ok: false, reason: error.body.reason ?? error.body.code, message: error.body.message };
    }
    throw error;
  }
}

/** Does the tenant exist? Its OpenID configuration answers without any credential. */
export async function checkTenant(
  trust: ExtraCaTrust,
  authorityHost: string,
  tenantId: string,
): Promise<DoctorCheckView> {
  const title = 'The tenant exists';
  const response = await trust.fetch(
    `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`,
  );
  if (response.ok) return pass('tenant', title, `tenant ${tenantId} answers`);
  const body = (await response.json().catch(() => ({}))) as { error_description?: string };
  const code = /AADSTS\d+/.exec(body.error_description ?? '')?.[0] ?? 'AADSTS90002';
  return fail('tenant', title, explainAadsts(code, body.error_description ?? '', { tenantId }));
}

/**
 * What one token request tells: the app registration, its service principal, the certificate and the
 * token itself, each its own check so the failure names the one thing to fix.
 */
export function identityChecks(
  credential: CredentialView,
  token: TokenOutcome,
  tenantOk: boolean,
  now: Date,
): DoctorCheckView[] {
  const certificate = credential.activeCertificate;
  const context = {
    tenantId: credential.tenantId,
    clientId: credential.clientId,
    thumbprintSha1: certificate.thumbprintSha1,
  };
  const reason = token.ok ? '' : token.reason;
  const blocked = (name: string, title: string) => skip(name, title, 'not checked: an earlier check failed');
  const checks: DoctorCheckView[] = [];

  const appTitle = 'The app registration exists in the tenant';
  const appMissing = reason === 'AADSTS700016';
  checks.push(
    !tenantOk
      ? blocked('application', appTitle)
      : appMissing
        ? fail('application', appTitle, explainAadsts(reason, token.ok ? '' : token.message, context))
        : pass('application', appTitle, `app ${credential.clientId} is registered`),
  );

  const spTitle = 'The service principal exists in the tenant';
  checks.push(
    !tenantOk || appMissing
      ? blocked('service-principal', spTitle)
      : reason === 'AADSTS7000229'
        ? fail('service-principal', spTitle, explainAadsts(reason, token.ok ? '' : token.message, context))
        : pass('service-principal', spTitle, 'the app has its service principal (enterprise application)'),
  );

  const certificateTitle = "The credential's certificate is uploaded to the app registration";
  checks.push(
    !tenantOk || appMissing || reason === 'AADSTS7000229'
      ? blocked('certificate', certificateTitle)
      : reason === 'AADSTS700027'
        ? fail('certificate', certificateTitle, explainAadsts(reason, token.ok ? '' : token.message, context))
        : pass(
            'certificate',
            certificateTitle,
            `certificate ${certificate.thumbprintSha1} matches a registered key`,
          ),
  );

  const daysLeft = Math.floor((Date.parse(certificate.notAfter) - now.getTime()) / DAY_MS);
  const expiryTitle = `The certificate is valid for more than ${EXPIRY_MARGIN_DAYS} days`;
  checks.push(
    daysLeft > EXPIRY_MARGIN_DAYS
      ? pass('certificate-expiry', expiryTitle, `valid until ${certificate.notAfter} (${daysLeft} days)`)
      : fail('certificate-expiry', expiryTitle, {
          code: daysLeft < 0 ? 'CERTIFICATE_EXPIRED' : 'CERTIFICATE_EXPIRING',
          message:
            daysLeft < 0
              ? `The certificate ${certificate.thumbprintSha1} expired on ${certificate.notAfter}: no token can be issued with it.`
              : `The certificate ${certificate.thumbprintSha1} expires in ${daysLeft} days (${certificate.notAfter}).`,
          fix:
            daysLeft < 0
              ? 'Create a new certificate for the credential (rotation), upload it to the app registration (or run the automatic setup), then retire the old one.'
              : 'Renew it now: start a renewal for the credential (automatic on the app registration), or rotate it and upload the new certificate.',
        }),
  );

  const tokenTitle = 'A token is issued with the certificate';
  const attributed = ['AADSTS90002', 'AADSTS700016', 'AADSTS7000229', 'AADSTS700027'].includes(reason);
  checks.push(
    token.ok
      ? pass('token', tokenTitle, `token issued; roles: ${token.reply.roles.join(', ') || '(none)'}`)
      : attributed
        ? blocked('token', tokenTitle)
        : fail('token', tokenTitle, explainAadsts(reason, token.message, context)),
  );
  return checks;
}
