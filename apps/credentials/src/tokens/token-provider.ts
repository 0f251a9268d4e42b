import { readFileSync } from 'node:fs';
import type { Agent } from 'node:https';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  ClientCertificateCredential,
  type AccessToken,
  type ClientCertificateCredentialOptions,
} from '@azure/identity';
import { TokenMetrics } from '@archive365/service-kit';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from '../config';
import { TokenFailureCode, diagnoseAuthority, toTokenFailure, tokenRequestFailed } from '../token-errors';
import { agentTrusting, throughAgent } from './trust-ca';

/** What a token request needs to know about a credential and the certificate it signs with. */
export interface TokenIdentity {
  credentialId: string;
  certificateId: string;
  tenantId: string;
  clientId: string;
  thumbprintSha1: string;
  /** Opens the sealed private key; called only when a new client must be built. */
  openPrivateKey(): string;
  certificatePem: string;
}

const MICROSOFT_AUTHORITY = 'https://login.microsoftonline.com';

/**
 * App tokens per (credential, certificate, resource). One `ClientCertificateCredential` per
 * certificate; one token request at a time per key (concurrent callers share it); the token is kept
 * until TOKEN_REFRESH_MARGIN_SECONDS before it expires. So a credential under load costs one token
 * request per token lifetime (about an hour), as Microsoft asks.
 */
@Injectable()
export class TokenProvider implements OnModuleInit {
  private readonly logger = new Logger(TokenProvider.name);
  private readonly clients = new Map<string, ClientCertificateCredential>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly inFlight = new Map<string, Promise<AccessToken>>();

  constructor(
    @Inject(CREDENTIALS_CONFIG) private readonly config: CredentialsConfig,
    private readonly tokenMetrics: TokenMetrics,
  ) {}

  private agent?: Agent;
  private transport: ClientCertificateCredentialOptions['additionalPolicies'] = [];

  onModuleInit(): void {
    if (this.config.ENTRA_CA_FILE) {
      // Only the token clients trust the extra CA (the emulator's), on top of the public roots.
      this.agent = agentTrusting(readFileSync(this.config.ENTRA_CA_FILE, 'utf8'));
      this.transport = [throughAgent(this.agent)];
      this.logger.log(`Token requests trust the extra certificate authority in ${this.config.ENTRA_CA_FILE}`);
    }
  }

  async token(identity: TokenIdentity, scope: string): Promise<AccessToken> {
    const key = `${clientKey(identity)}|${scope}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresOnTimestamp - this.config.TOKEN_REFRESH_MARGIN_SECONDS * 1000 > Date.now()) {
      this.tokenMetrics.cacheHit();
      return cached;
    }
    let running = this.inFlight.get(key);
    if (!running) {
      running = this.client(identity)
        .then((client) => this.request(identity, scope, client))
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    const token = await running;
    this.tokens.set(key, token);
    return token;
  }

  /** A token request with a fresh client and no cache: proves that a certificate is accepted now. */
  async prove(identity: TokenIdentity, scope: string): Promise<AccessToken> {
    return this.request(identity, scope, await this.newClient(identity));
  }

  /** Drops clients and tokens of a credential (edited, rotated or deleted). */
  forget(credentialId: string, certificateId?: string): void {
    const prefix = certificateId ? `${credentialId}|${certificateId}|` : `${credentialId}|`;
    for (const map of [this.clients, this.tokens] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) {
        if (key.startsWith(prefix)) map.delete(key);
      }
    }
  }

  private async client(identity: TokenIdentity): Promise<ClientCertificateCredential> {
    const key = clientKey(identity);
    let client = this.clients.get(key);
    if (!client) {
      client = await this.newClient(identity);
      this.clients.set(key, client);
    }
    return client;
  }

  private async newClient(identity: TokenIdentity): Promise<ClientCertificateCredential> {
    const authorityHost = this.config.ENTRA_AUTHORITY_HOST;
    return new ClientCertificateCredential(
      identity.tenantId,
      identity.clientId,
      // MSAL wants the private key and the certificate in one PEM.
      { certificate: `${identity.openPrivateKey()}\n${identity.certificatePem}` },
      // Instance discovery asks Microsoft's global endpoint about the authority: only for Microsoft's own.
      {
        authorityHost,
        disableInstanceDiscovery: authorityHost.replace(/\/+$/, '') !== MICROSOFT_AUTHORITY,
        additionalPolicies: this.transport,
      },
    );
  }

  private async request(
    identity: TokenIdentity,
    scope: string,
    client: ClientCertificateCredential,
  ): Promise<AccessToken> {
    try {
      return await this.tokenMetrics.entraCall(client.getToken(scope));
    } catch (error) {
      const context = {
        tenantId: identity.tenantId,
        clientId: identity.clientId,
        certificateThumbprint: identity.thumbprintSha1,
        scope,
        authorityHost: this.config.ENTRA_AUTHORITY_HOST,
      };
      let failure = toTokenFailure(error, context);
      if (failure.code === TokenFailureCode.AuthorityUnreachable) {
        // MSAL hides why the metadata failed (unknown tenant, untrusted TLS, down): ask once ourselves.
        const evidence = await diagnoseAuthority(
          this.config.ENTRA_AUTHORITY_HOST,
          identity.tenantId,
          this.agent,
        );
        if (evidence) failure = toTokenFailure(evidence, context);
      }
      this.logger.warn(
        { credentialId: identity.credentialId, code: failure.code, aadsts: failure.aadsts },
        'Token request refused',
      );
      throw tokenRequestFailed(failure);
    }
  }
}

function clientKey(identity: TokenIdentity): string {
  return `${identity.credentialId}|${identity.certificateId}|${identity.tenantId}|${identity.clientId}`;
}
