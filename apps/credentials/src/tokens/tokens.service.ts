import { Inject, Injectable } from '@nestjs/common';
import {
  scopeOf,
  type AccessTokenReply,
  type AcquireTokenRequest,
  type CredentialTestReply,
  type CredentialTestWarning,
  type TokenResource,
} from '@archive365/contracts';
import type { AccessToken } from '@azure/identity';
import { decodeJwt } from 'jose';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../config';
import { CredentialsRepository, type Signer } from '../store';
import { KeyVaultService } from '../vault';
import { TokenProvider, type TokenIdentity } from './token-provider';

/** App tokens for other services and the checks that prove a certificate with a real token request. */
@Injectable()
export class TokensService {
  constructor(
    @Inject(CREDENTIALS_CONFIG) private readonly config: CredentialsConfig,
    private readonly credentials: CredentialsRepository,
    private readonly vault: KeyVaultService,
    private readonly provider: TokenProvider,
  ) {}

  /**
   * A token for `resource` (fixed by the subject it was asked on) signed for with the credential's
   * active certificate (cached, single-flight, per resource), in the credential's tenant or, for a
   * multi-tenant app, the tenant the caller names (cached per tenant).
   */
  async acquire(request: AcquireTokenRequest, resource: TokenResource): Promise<AccessTokenReply> {
    const signer = await this.credentials.activeSigner(request.credentialId);
    const token = await this.provider.token(this.identityOf(signer, request.tenantId), scopeOf(resource));
    return { accessToken: token.token, expiresOn: new Date(token.expiresOnTimestamp).toISOString() };
  }

  /**
   * Tests the credential as it is now (no cache: a certificate removed a minute ago must fail), and
   * reports the token's application permissions: Entra issues a token even without admin consent,
   * only without `roles`, so a setup check must read them.
   */
  async test(credentialId: string): Promise<CredentialTestReply> {
    const token = await this.provider.prove(
      this.identityOf(await this.credentials.activeSigner(credentialId)),
      this.config.PROOF_SCOPE,
    );
    const roles = rolesOf(token.token);
    const { clientId, tenantId } = (await this.credentials.load(credentialId)).credential;
    return {
      ok: true,
      roles,
      expiresOn: new Date(token.expiresOnTimestamp).toISOString(),
      ...(roles.length === 0 ? { warnings: [consentMissing(clientId, tenantId)] } : {}),
    };
  }

  /** A real token request signed with one named certificate, no cache in between (a rotation's proof). */
  async proveCertificate(credentialId: string, certificateId: string): Promise<AccessToken> {
    const signer = await this.credentials.signer(credentialId, certificateId);
    return this.provider.prove(this.identityOf(signer), this.config.PROOF_SCOPE);
  }

  /** Drops cached clients and tokens of a credential (edited, rotated or deleted). */
  forget(credentialId: string, certificateId?: string): void {
    this.provider.forget(credentialId, certificateId);
  }

  private identityOf(
    { credential, certificate, sealedPrivateKey }: Signer,
    tenantId?: string,
  ): TokenIdentity {
    return {
      credentialId: credential.id,
      certificateId: certificate.id,
      // The token provider keys its clients and cache by tenant too.
      tenantId: tenantId ?? credential.tenantId,
      clientId: credential.clientId,
      thumbprintSha1: certificate.thumbprintSha1,
      certificatePem: certificate.certificatePem,
      openPrivateKey: () => this.vault.open(sealedPrivateKey, certificate.id),
    };
  }
}

/** Entra issued a token without application permissions: admin consent was not granted (yet). */
function consentMissing(clientId: string, tenantId: string): CredentialTestWarning {
  return {
    code: 'ADMIN_CONSENT_MISSING',
    message:
      'the credential works, but its token carries no application permissions: admin consent has not been granted for the app',
    hint: `in the Entra admin center, open App registrations > the app ${clientId} > API permissions, add the application permissions (Microsoft Graph Directory.Read.All) and choose "Grant admin consent"; or open https://login.microsoftonline.com/${tenantId}/adminconsent?client_id=${clientId} as an administrator`,
  };
}

/** The `roles` claim of an access token Entra just issued to us (read, not verified: we are its client). */
function rolesOf(accessToken: string): string[] {
  try {
    const claims = decodeJwt(accessToken);
    return Array.isArray(claims.roles)
      ? claims.roles.filter((role): role is string => typeof role === 'string')
      : [];
  } catch {
    return [];
  }
}
