import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, Subjects, type CredentialView, type InstanceView } from '@archive365/contracts';
import { RpcCallError, RpcClient } from '@archive365/messaging';
import * as oidc from 'openid-client';
import { AUTH_GATEWAY_CONFIG, AuthGatewayConfig } from '../app/auth-gateway.config';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import { clientAssertionAuth } from '../sign-in/client-assertion-auth';
import { JwksCache } from '../validation/jwks-cache';
import { authorityFetch } from './authority-fetch';
import type { ResolvedInstance } from './resolved-instance';
import { SignInSettingsRepository } from './sign-in-settings.repository';
import { TtlCache } from './ttl-cache';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Microsoft asks relying parties to refetch signing keys at least daily. */
const JWKS_MAX_AGE_MS = 24 * 3600 * 1000;

type Lookup = { found: true; instance: ResolvedInstance } | { found: false };

/**
 * Alias → everything a sign-in needs: sign-in settings (own table), the instance's public URL (credentials
 * service), the app registration (the credential's client id and tenant) and the tenant's discovery
 * document and keys. Cached per alias, misses included, so unknown aliases cost the same as known ones.
 */
@Injectable()
export class InstanceResolver implements OnApplicationShutdown {
  private readonly logger = new Logger(InstanceResolver.name);
  private readonly lookups: TtlCache<Lookup>;
  private readonly configurations: TtlCache<oidc.Configuration>;
  private readonly keySets = new Map<string, JwksCache>();
  readonly fetch: typeof fetch;
  private readonly closeFetch: () => Promise<void>;

  constructor(
    @Inject(AUTH_GATEWAY_CONFIG) private readonly config: AuthGatewayConfig,
    private readonly settings: SignInSettingsRepository,
    private readonly rpc: RpcClient,
  ) {
    const authority = authorityFetch(config.ENTRA_CA_FILE);
    this.fetch = authority.fetch;
    this.closeFetch = authority.close;
    this.lookups = new TtlCache(config.INSTANCE_CACHE_SECONDS * 1000);
    this.configurations = new TtlCache(config.INSTANCE_CACHE_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.closeFetch();
  }

  async resolve(alias: string): Promise<ResolvedInstance> {
    const lookup = await this.lookups.get(alias, () => this.lookUp(alias));
    if (!lookup.found) throw new SignInError(SignInErrorCode.NotAvailable);
    return lookup.instance;
  }

  /** Settings changed: the next sign-in resolves the alias again. */
  forget(alias: string): void {
    this.lookups.delete(alias);
  }

  private async lookUp(alias: string): Promise<Lookup> {
    const settings = await this.settings.settingsFor(alias);
    if (!settings) return { found: false };
    const instance = await this.ask(() => this.rpc.send(Subjects.GetInstance, { alias }));
    if (!instance) return { found: false };
    const credential = await this.ask(() =>
      this.rpc.send(Subjects.GetCredential, { credentialId: settings.credentialId }),
    );
    if (!credential) {
      this.logger.warn({ alias }, 'sign-in settings name a credential that no longer exists');
      return { found: false };
    }
    return {
      found: true,
      instance: await this.build(instance, credential, settings.tenantId, settings.responseType),
    };
  }

  private async build(
    instance: InstanceView,
    credential: CredentialView,
    tenant: string | null,
    responseType: ResolvedInstance['responseType'],
  ): Promise<ResolvedInstance> {
    const origin = new URL(instance.publicBaseUrl).origin;
    const baseUrl = `${instance.publicBaseUrl.replace(/\/+$/, '')}/${instance.alias}`;
    const configuration = await this.discover(tenant ?? credential.tenantId, credential, responseType);
    const metadata = configuration.serverMetadata();
    const tenantId = tenantOfIssuer(metadata.issuer);
    if (!metadata.jwks_uri)
      throw new SignInError(SignInErrorCode.DependencyFailed, { internal: 'no jwks_uri' });
    return {
      alias: instance.alias,
      origin,
      baseUrl,
      redirectUri: `${baseUrl}/oidc/signin`,
      responseType,
      credentialId: credential.id,
      clientId: credential.clientId,
      tenantId,
      allowedTenantIds: [tenantId],
      issuer: metadata.issuer,
      oidc: configuration,
      jwks: this.keySet(metadata.jwks_uri),
    };
  }

  /** openid-client discovery of the tenant's v2.0 issuer; a verified domain is first mapped to its GUID. */
  private discover(
    tenant: string,
    credential: CredentialView,
    responseType: ResolvedInstance['responseType'],
  ): Promise<oidc.Configuration> {
    const key = `${tenant}|${credential.id}|${credential.clientId}|${responseType}`;
    return this.configurations.get(key, async () => {
      try {
        const tenantId = GUID.test(tenant) ? tenant.toLowerCase() : await this.tenantIdOfDomain(tenant);
        const configuration = await oidc.discovery(
          new URL(`${this.config.ENTRA_AUTHORITY_HOST}/${tenantId}/v2.0`),
          credential.clientId,
          { [oidc.clockTolerance]: this.config.CLOCK_SKEW_SECONDS },
          clientAssertionAuth(this.rpc, credential.id),
          { [oidc.customFetch]: this.fetch as oidc.CustomFetch, timeout: 10 },
        );
        if (responseType === 'id_token') oidc.useIdTokenResponseType(configuration);
        return configuration;
      } catch (error) {
        throw new SignInError(SignInErrorCode.DependencyFailed, {
          internal: `discovery of tenant ${tenant} failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    });
  }

  private async tenantIdOfDomain(domain: string): Promise<string> {
    const response = await this.fetch(
      `${this.config.ENTRA_AUTHORITY_HOST}/${encodeURIComponent(domain)}/v2.0/.well-known/openid-configuration`,
    );
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    return tenantOfIssuer(((await response.json()) as { issuer: string }).issuer);
  }

  private keySet(jwksUri: string): JwksCache {
    let keys = this.keySets.get(jwksUri);
    if (!keys) {
      keys = new JwksCache(
        jwksUri,
        async (uri) => {
          const response = await this.fetch(uri);
          if (!response.ok) throw new Error(`the JWKS answered ${response.status}`);
          return response.json();
        },
        {
          minRefreshIntervalMs: this.config.JWKS_REFRESH_MIN_INTERVAL_SECONDS * 1000,
          maxAgeMs: JWKS_MAX_AGE_MS,
        },
      );
      this.keySets.set(jwksUri, keys);
    }
    return keys;
  }

  /** The reply, undefined when the object does not exist, a DependencyFailed error when nobody answered. */
  private async ask<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof RpcCallError && error.body.code === ErrorCode.NotFound) return undefined;
      throw new SignInError(SignInErrorCode.DependencyFailed, {
        internal: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** `https://login.microsoftonline.com/{tid}/v2.0` → `{tid}`. */
function tenantOfIssuer(issuer: string): string {
  const tid = new URL(issuer).pathname.split('/')[1] ?? '';
  if (!GUID.test(tid))
    throw new SignInError(SignInErrorCode.DependencyFailed, {
      internal: `issuer ${issuer} names no tenant id`,
    });
  return tid.toLowerCase();
}
