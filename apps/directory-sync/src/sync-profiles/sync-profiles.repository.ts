import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { profileNotFound } from '../errors/directory-sync.error';
import { SyncProfile } from './sync-profile.entity';

export type ProfileSettings = Partial<
  Pick<
    SyncProfile,
    | 'userFilter'
    | 'groupIds'
    | 'includeGuests'
    | 'includeSharedMailboxes'
    | 'includeRooms'
    | 'includeDisabled'
    | 'leaverAction'
    | 'thresholdCount'
    | 'thresholdPercent'
    | 'scheduleEnabled'
    | 'scheduleMinutes'
    | 'newUserPrivileges'
  >
>;

/** The safe defaults of a new instance (DESIGN.md section 4). */
export function defaultProfile(instanceId: string, alias: string): SyncProfile {
  return {
    instanceId,
    alias,
    userFilter: 'licensed',
    leaverAction: 'disable-login',
    credentialId: null,
    consentTenantId: null,
    directoryTenantId: null,
    groupIds: [],
    includeGuests: false,
    includeSharedMailboxes: false,
    includeRooms: false,
    includeDisabled: false,
    thresholdCount: 500,
    thresholdPercent: 10,
    scheduleEnabled: false,
    scheduleMinutes: 60,
    newUserPrivileges: ['search-own', 'export-own'],
    deltaLink: null,
    deltaLinkAt: null,
    createdAt: new Date().toISOString(),
  };
}

/** Owns `sync_profiles`: one row of directory settings per archive instance. */
@Injectable()
export class SyncProfilesRepository {
  constructor(@InjectRepository(SyncProfile) private readonly profiles: Repository<SyncProfile>) {}

  async createWithDefaults(manager: EntityManager, instanceId: string, alias: string): Promise<void> {
    await manager.getRepository(SyncProfile).insert(defaultProfile(instanceId, alias));
  }

  byAlias(alias: string): Promise<SyncProfile | null> {
    return this.profiles.findOneBy({ alias });
  }

  /** The instance's profile, for a request that names it: an unknown alias is the caller's not-found error. */
  async existingByAlias(alias: string): Promise<SyncProfile> {
    const profile = await this.byAlias(alias);
    if (!profile) throw profileNotFound(alias);
    return profile;
  }

  byInstanceId(instanceId: string): Promise<SyncProfile | null> {
    return this.profiles.findOneBy({ instanceId });
  }

  /** `consentTenantId`: the customer's tenant when the credential is the provider's multi-tenant app. */
  async assignCredential(
    instanceId: string,
    credentialId: string | null,
    consentTenantId: string | null,
  ): Promise<void> {
    // Another credential may read another tenant: incremental tracking starts over.
    await this.profiles.update(
      { instanceId },
      { credentialId, consentTenantId, deltaLink: null, deltaLinkAt: null },
    );
  }

  async updateSettings(instanceId: string, settings: ProfileSettings, forgetDelta: boolean): Promise<void> {
    const values = forgetDelta ? { ...settings, deltaLink: null, deltaLinkAt: null } : settings;
    // An update that changes nothing is valid (PATCH {}); TypeORM refuses an empty SET clause.
    if (Object.keys(values).length === 0) return;
    await this.profiles.update({ instanceId }, values);
  }

  async recordDirectoryTenant(instanceId: string, directoryTenantId: string): Promise<void> {
    await this.profiles.update({ instanceId }, { directoryTenantId });
  }

  async storeDeltaLink(instanceId: string, deltaLink: string | null): Promise<void> {
    await this.profiles.update(
      { instanceId },
      { deltaLink, deltaLinkAt: deltaLink ? new Date().toISOString() : null },
    );
  }

  usingCredential(credentialId: string): Promise<SyncProfile[]> {
    return this.profiles.find({ where: { credentialId }, order: { alias: 'ASC' } });
  }

  withSchedule(): Promise<SyncProfile[]> {
    return this.profiles.find({ where: { scheduleEnabled: true } });
  }
}
