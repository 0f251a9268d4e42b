import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  Subjects,
  type AssignSyncCredentialRequest,
  type CredentialUsageReply,
  type SyncConfigurationView,
  type SyncProfileView,
  type UpdateSyncConfigurationRequest,
} from '@archive365/contracts';
import { RpcCallError, RpcClient } from '@archive365/messaging';
import { DirectorySyncError, DirectorySyncErrorCode } from '../errors/directory-sync.error';
import type { SyncProfile } from './sync-profile.entity';
import { SyncProfilesRepository, type ProfileSettings } from './sync-profiles.repository';

@Injectable()
export class SyncProfilesService {
  constructor(
    private readonly profiles: SyncProfilesRepository,
    private readonly rpc: RpcClient,
  ) {}

  async assignCredential(request: AssignSyncCredentialRequest): Promise<SyncProfileView> {
    const profile = await this.profiles.existingByAlias(request.instanceAlias);
    let consentTenantId: string | null = null;
    if (request.credentialId) {
      // The credentials service owns credentials: ask it, and refuse another instance's credential.
      const credential = await this.rpc
        .send(Subjects.GetCredential, { credentialId: request.credentialId })
        .catch((error: unknown) => {
          throw asDirectorySyncError(error);
        });
      if (credential.owner === 'provider') {
        consentTenantId = await this.consentTenantOf(profile.alias, credential.id);
      } else if (credential.instanceAlias !== profile.alias) {
        throw new DirectorySyncError(
          DirectorySyncErrorCode.CredentialOfOtherInstance,
          `credential ${credential.id} belongs to instance "${credential.instanceAlias ?? ''}", not "${profile.alias}"`,
          { field: 'credentialId' },
        );
      }
    }
    await this.profiles.assignCredential(profile.instanceId, request.credentialId ?? null, consentTenantId);
    return toView({ ...profile, credentialId: request.credentialId ?? null, consentTenantId });
  }

  /**
   * The provider's multi-tenant app reads a customer's directory only in the tenant that consented to
   * it: the instance's latest setup must be a succeeded consent link with this credential. Without that
   * tenant the token would be the provider's own tenant's, and sync would read the wrong directory.
   */
  private async consentTenantOf(alias: string, credentialId: string): Promise<string> {
    const setup = await this.rpc.send(Subjects.GetSetup, { instanceAlias: alias }).catch((error: unknown) => {
      if (error instanceof RpcCallError && error.body.code === ErrorCode.NotFound) return undefined;
      throw new DirectorySyncError(
        DirectorySyncErrorCode.CredentialsUnavailable,
        `the consent of instance "${alias}" could not be checked: ${error instanceof RpcCallError ? error.body.message : 'the provisioning service did not answer'}`,
        { hint: 'try again when the provisioning service is running' },
      );
    });
    if (
      setup?.mode === 'consent-link' &&
      setup.state === 'succeeded' &&
      setup.credentialId === credentialId &&
      setup.tenantId
    ) {
      return setup.tenantId.toLowerCase();
    }
    throw new DirectorySyncError(
      DirectorySyncErrorCode.ConsentTenantUnknown,
      `credential ${credentialId} is the provider's multi-tenant app, and instance "${alias}" has no succeeded consent to it: the customer's tenant is unknown`,
      {
        field: 'credentialId',
        hint: "complete the instance's consent link setup (the customer's administrator consents to the provider's app) and assign the credential again, or assign a credential of the instance",
      },
    );
  }

  async usageOf(credentialId: string): Promise<CredentialUsageReply> {
    const users = await this.profiles.usingCredential(credentialId);
    return { usedBy: users.map((profile) => `the directory sync of instance "${profile.alias}"`) };
  }

  async configuration(alias: string): Promise<SyncConfigurationView> {
    const profile = await this.profiles.existingByAlias(alias);
    return toConfigurationView(profile);
  }

  async updateConfiguration(request: UpdateSyncConfigurationRequest): Promise<SyncConfigurationView> {
    const profile = await this.profiles.existingByAlias(request.instanceAlias);
    const settings: ProfileSettings = {
      userFilter: request.userFilter,
      groupIds: request.groupIds?.map((id) => id.toLowerCase()),
      includeGuests: request.includeGuests,
      includeSharedMailboxes: request.includeSharedMailboxes,
      includeRooms: request.includeRooms,
      includeDisabled: request.includeDisabled,
      leaverAction: request.leaverAction,
      thresholdCount: request.leaverThreshold?.maxCount,
      thresholdPercent: request.leaverThreshold?.maxPercent,
      scheduleEnabled: request.schedule?.enabled,
      scheduleMinutes: request.schedule?.intervalMinutes,
      newUserPrivileges: request.newUserPrivileges,
    };
    const defined = Object.fromEntries(
      Object.entries(settings).filter(([, value]) => value !== undefined),
    ) as ProfileSettings;
    const next = { ...profile, ...defined };
    if (next.userFilter === 'groups' && next.groupIds.length === 0) {
      throw new DirectorySyncError(
        DirectorySyncErrorCode.NoGroups,
        'the groups filter needs at least one group',
        { field: 'groupIds', hint: 'name the object ids of the groups whose members are archived' },
      );
    }
    // Who is in scope changed: the next scheduled run reads everything rather than only the changes.
    const scopeChanged = (
      [
        'userFilter',
        'groupIds',
        'includeGuests',
        'includeSharedMailboxes',
        'includeRooms',
        'includeDisabled',
      ] as const
    ).some((key) => JSON.stringify(profile[key]) !== JSON.stringify(next[key]));
    await this.profiles.updateSettings(profile.instanceId, defined, scopeChanged);
    return toConfigurationView(scopeChanged ? { ...next, deltaLink: null, deltaLinkAt: null } : next);
  }
}

/** The credentials service's refusal, in this service's terms. */
function asDirectorySyncError(error: unknown): unknown {
  if (!(error instanceof RpcCallError)) return error;
  if (error.body.code === ErrorCode.NotFound) {
    return new DirectorySyncError(DirectorySyncErrorCode.CredentialNotFound, error.body.message, {
      field: 'credentialId',
      hint: "list the instance's credentials to see their ids",
    });
  }
  return new DirectorySyncError(
    DirectorySyncErrorCode.CredentialsUnavailable,
    `the credential could not be checked: ${error.body.message}`,
    {
      hint: 'try again when the credentials service is running',
    },
  );
}

function toView(profile: SyncProfile): SyncProfileView {
  return {
    instanceAlias: profile.alias,
    userFilter: profile.userFilter,
    leaverAction: profile.leaverAction,
    ...(profile.credentialId ? { credentialId: profile.credentialId } : {}),
  };
}

function toConfigurationView(profile: SyncProfile): SyncConfigurationView {
  return {
    instanceAlias: profile.alias,
    ...(profile.credentialId ? { credentialId: profile.credentialId } : {}),
    ...(profile.directoryTenantId ? { directoryTenantId: profile.directoryTenantId } : {}),
    userFilter: profile.userFilter,
    groupIds: profile.groupIds,
    includeGuests: profile.includeGuests,
    includeSharedMailboxes: profile.includeSharedMailboxes,
    includeRooms: profile.includeRooms,
    includeDisabled: profile.includeDisabled,
    leaverAction: profile.leaverAction,
    leaverThreshold: { maxCount: profile.thresholdCount, maxPercent: profile.thresholdPercent },
    schedule: { enabled: profile.scheduleEnabled, intervalMinutes: profile.scheduleMinutes },
    newUserPrivileges: profile.newUserPrivileges,
    ...(profile.deltaLinkAt ? { deltaTrackedSince: profile.deltaLinkAt } : {}),
  };
}
