import { Inject, Injectable } from '@nestjs/common';
import {
  effectiveSetupOptions,
  type GuideRequest,
  type GuideStep,
  type GuideView,
} from '@archive365/contracts';
import { PROVISIONING_CONFIG, type ProvisioningConfig } from '../app/provisioning.config';
import { ProvisioningError, ProvisioningErrorCode } from '../errors/provisioning.error';
import { redirectUriOf, requiredPermissions } from '../graph/permissions';
import { SetupsRepository } from '../persistence/setups.repository';
import { CredentialsClient, NO_CLIENT_ID } from '../platform/credentials.client';
import { exchangeScopeScript } from './exchange-powershell';

/**
 * The manual guide: the portal steps with this instance's exact values, and the Exchange PowerShell
 * built from its sync filter. The doctor then verifies what the administrator did.
 */
@Injectable()
export class GuideService {
  constructor(
    @Inject(PROVISIONING_CONFIG) private readonly config: ProvisioningConfig,
    private readonly credentials: CredentialsClient,
    private readonly setups: SetupsRepository,
  ) {}

  async guide(request: GuideRequest): Promise<GuideView> {
    const instance = await this.credentials.instance(request.instanceAlias);
    const credential = await this.credentials.credential(request.credentialId);
    if (credential.instanceAlias !== instance.alias) {
      throw new ProvisioningError(
        ProvisioningErrorCode.StateConflict,
        `credential ${credential.id} belongs to instance "${credential.instanceAlias}"`,
        { field: 'credentialId', hint: 'use a credential of this instance' },
      );
    }
    const lastSetup = await this.setups.latestFor(instance.alias);
    const options = request.options
      ? effectiveSetupOptions(request.options)
      : (lastSetup?.options ?? effectiveSetupOptions(undefined));
    const permissions = requiredPermissions(options);
    const inEntra = permissions.filter((permission) => permission.grantedIn === 'entra');
    const inExchange = permissions.filter((permission) => permission.grantedIn === 'exchange');
    const redirectUri = redirectUriOf(instance.publicBaseUrl, instance.alias);
    const appName = `${this.config.APP_DISPLAY_NAME} (${instance.alias})`;
    const clientId = credential.clientId === NO_CLIENT_ID ? '<Application (client) ID>' : credential.clientId;
    const certificate = credential.activeCertificate;
    const certificateFileName = `${credential.name.replace(/[^A-Za-z0-9._-]+/g, '-')}-${certificate.thumbprintSha1.slice(0, 8)}.cer`;

    const steps: GuideStep[] = [
      {
        title: 'Register the app',
        text: 'Microsoft Entra admin center > Identity > Applications > App registrations > New registration. Supported account types: accounts in this organizational directory only.',
        values: { Name: appName },
      },
      {
        title: 'Copy the IDs into the credential',
        text: "On the app's Overview page, copy the Application (client) ID and the Directory (tenant) ID into this credential. Note the Object ID too: automatic certificate renewal needs it.",
        values: { Credential: credential.name },
      },
      {
        title: 'Upload the certificate',
        text: 'Certificates & secrets > Certificates > Upload certificate: the .cer file downloaded from this credential (its public part; the private key never leaves the archive).',
        values: {
          File: certificateFileName,
          'Thumbprint (SHA-1)': certificate.thumbprintSha1,
          'Valid until': certificate.notAfter,
        },
      },
      {
        title: 'Add the redirect URI',
        text: `Authentication > Add a platform > Web > Redirect URIs: exactly the value below (no trailing slash).${
          options.idTokens ? ' Then tick "ID tokens (used for implicit and hybrid flows)" and save.' : ''
        }`,
        values: { 'Redirect URI': redirectUri, ...(options.idTokens ? { 'ID tokens': 'ticked' } : {}) },
      },
      {
        title: 'Add the permissions and grant admin consent',
        text: `API permissions > Add a permission > Application permissions: add each permission below, then "Grant admin consent for <your organization>".`,
        values: Object.fromEntries(
          inEntra.map((permission) => [`${permission.resourceName} ${permission.value}`, permission.reason]),
        ),
        ...(inEntra.some((permission) => permission.legacy)
          ? {
              warning:
                'full_access_as_app is legacy EWS access: Exchange Online blocks EWS since 1 October 2026 unless the tenant allows the app (EWSEnabled / EWSAllowedAppIDs) and switches EWS off on 1 April 2027. Prefer Graph mail access.',
            }
          : {}),
      },
      {
        title: 'Make sure the service principal exists',
        text: 'Since 2026 the app needs its service principal (Enterprise applications) in the tenant; the portal creates it at registration. If it is missing, create it with the command below.',
        powershell: `New-MgServicePrincipal -AppId ${clientId}`,
      },
    ];
    if (inExchange.length > 0) {
      steps.push({
        title: 'Grant mailbox access in Exchange, scoped to the archived mailboxes',
        text: 'Mail access is granted in Exchange Online ("RBAC for Applications"), limited to the mailboxes the archive reads. Do not add Mail.Read or MailboxItem.Export.All under API permissions.',
        powershell: exchangeScopeScript({
          alias: instance.alias,
          appDisplayName: appName,
          clientId,
          syncFilter: request.syncFilter ?? 'licensed',
          ...(request.groupAddress ? { groupAddress: request.groupAddress } : {}),
          permissions: inExchange,
        }),
        warning:
          'A tenant-wide grant of Mail.Read or MailboxItem.Export.All in Entra ID (admin consent under API permissions) lets the app read every mailbox and defeats this scope: remove such a grant. The checks report it.',
      });
    }
    steps.push({
      title: 'Run the checks',
      text: 'Test settings runs every check with this credential and names anything still wrong, with its fix.',
    });
    return {
      instanceAlias: instance.alias,
      credentialId: credential.id,
      redirectUri,
      certificateFileName,
      certificateThumbprintSha1: certificate.thumbprintSha1,
      steps,
    };
  }
}
