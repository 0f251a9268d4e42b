import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  Subjects,
  type ConfigureSignInRequest,
  type SignInSettingsView,
} from '@archive365/contracts';
import { RpcCallError, RpcClient } from '@archive365/messaging';
import { SettingsError, SettingsErrorCode } from '../errors/settings-error';
import type { SignInSettings } from './sign-in-settings.entity';
import { InstanceResolver } from './instance-resolver';
import { SignInSettingsRepository } from './sign-in-settings.repository';

/** Administrators set how an instance's users sign in; the instance and credential must exist. */
@Injectable()
export class SignInSettingsService {
  constructor(
    private readonly settings: SignInSettingsRepository,
    private readonly rpc: RpcClient,
    private readonly resolver: InstanceResolver,
  ) {}

  async configure(request: ConfigureSignInRequest): Promise<SignInSettingsView> {
    const instance = await this.existing(
      () => this.rpc.send(Subjects.GetInstance, { alias: request.instanceAlias }),
      SettingsErrorCode.InstanceNotFound,
    );
    await this.existing(
      () => this.rpc.send(Subjects.GetCredential, { credentialId: request.credentialId }),
      SettingsErrorCode.CredentialNotFound,
    );
    const saved = await this.settings.replace({
      instanceAlias: request.instanceAlias,
      credentialId: request.credentialId,
      tenantId: request.tenantId ?? null,
      responseType: request.responseType ?? 'code',
      updatedAt: new Date().toISOString(),
    });
    this.resolver.forget(request.instanceAlias);
    return view(saved, instance.publicBaseUrl);
  }

  async get(alias: string): Promise<SignInSettingsView> {
    const saved = await this.settings.settingsFor(alias);
    if (!saved)
      throw new SettingsError(
        SettingsErrorCode.NotConfigured,
        `sign-in is not set up for instance "${alias}"`,
      );
    const instance = await this.existing(
      () => this.rpc.send(Subjects.GetInstance, { alias }),
      SettingsErrorCode.InstanceNotFound,
    );
    return view(saved, instance.publicBaseUrl);
  }

  private async existing<T>(call: () => Promise<T>, missing: SettingsErrorCode): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof RpcCallError && error.body.code === ErrorCode.NotFound) {
        throw new SettingsError(missing, error.body.message, {
          field: missing === SettingsErrorCode.InstanceNotFound ? 'instanceAlias' : 'credentialId',
        });
      }
      throw new SettingsError(SettingsErrorCode.DependencyFailed, 'the credentials service did not answer');
    }
  }
}

function view(settings: SignInSettings, publicBaseUrl: string): SignInSettingsView {
  const base = `${publicBaseUrl.replace(/\/+$/, '')}/${settings.instanceAlias}`;
  return {
    instanceAlias: settings.instanceAlias,
    credentialId: settings.credentialId,
    ...(settings.tenantId ? { tenantId: settings.tenantId } : {}),
    responseType: settings.responseType,
    redirectUri: `${base}/oidc/signin`,
    addinManifestUrl: `${base}/addin/manifest.xml`,
    updatedAt: settings.updatedAt,
  };
}
