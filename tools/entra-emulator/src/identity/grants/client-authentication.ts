import { timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { ClientAuthenticationMethod } from '../../issued-tokens/access-token-issuer';
import { aadsts } from '../errors/aadsts-catalog';
import { JWT_BEARER_ASSERTION_TYPE, verifyClientAssertion } from './client-assertion-verifier';
import type { RegisteredClient } from '../clients/registered-client';
import type { TokenRequestForm } from './token-request-form';

export interface ClientAuthenticationContext {
  acceptedAssertionAudiences: string[];
  clock: Clock;
  /** Whether this grant and client need a credential (a confidential client) or must not send one. */
  requirement: 'required' | 'forbidden' | 'optional';
}

/**
 * Authenticates the client at the token endpoint (RFC 6749 section 2.3): a certificate assertion
 * (RFC 7523) or a client secret, in the body or as HTTP Basic. Returns how it authenticated, for
 * the token's `appidacr`.
 */
export async function authenticateClient(
  form: TokenRequestForm,
  client: RegisteredClient,
  context: ClientAuthenticationContext,
): Promise<ClientAuthenticationMethod> {
  const presented = form.clientAssertion !== undefined || form.clientSecret !== undefined;
  if (!presented) {
    if (context.requirement === 'required') throw aadsts.credentialMissing();
    return 'none';
  }
  if (context.requirement === 'forbidden') throw aadsts.publicClientWithCredential();
  if (form.clientAssertion !== undefined) {
    if (form.clientAssertionType !== JWT_BEARER_ASSERTION_TYPE) throw aadsts.unsupportedAssertionType();
    await verifyClientAssertion(form.clientAssertion, client, {
      acceptedAudiences: context.acceptedAssertionAudiences,
      clock: context.clock,
    });
    return 'certificate';
  }
  verifyClientSecret(form.clientSecret ?? '', client, context.clock);
  return 'secret';
}

function verifyClientSecret(secret: string, client: RegisteredClient, clock: Clock): void {
  const matching = client.passwordCredentials.filter(
    (credential) => credential.secretText && sameSecret(credential.secretText, secret),
  );
  if (matching.length === 0) throw aadsts.invalidClientSecret(client.appId);
  const now = clock.now();
  const current = matching.some(
    (credential) =>
      (!credential.endDateTime || new Date(credential.endDateTime).getTime() > now) &&
      (!credential.startDateTime || new Date(credential.startDateTime).getTime() <= now),
  );
  if (!current) throw aadsts.clientSecretExpired(client.appId);
}

function sameSecret(expected: string, presented: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
