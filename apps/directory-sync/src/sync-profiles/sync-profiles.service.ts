import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Subjects, type AssignSyncCredentialRequest, type CredentialUsageReply, type SyncProfileView } from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';
import { Repository } from 'typeorm';
import { DirectorySyncError, DirectorySyncErrorCode } from './directory-sync.error';
import { SyncProfile } from './sync-profile.entity';

@Injectable()
export class SyncProfilesService {
  constructor(
    @InjectRepository(SyncProfile) private readonly profiles: Repository<SyncProfile>,
    private readonly rpc: RpcClient,
  ) {}

  async assignCredential(request: AssignSyncCredentialRequest): Promise<SyncProfileView> {
    const profile = await this.profiles.findOneBy({ alias: request.instanceAlias });
    if (!profile) {
      throw new DirectorySyncError(DirectorySyncErrorCode.ProfileNotFound, `no sync profile for instance "${request.instanceAlias}"`, {
        field: 'instanceAlias',
        hint: 'the profile is created with the instance; check the alias',
      });
    }
    if (request.credentialId) {
      // The credentials service owns credentials: ask it, and refuse another instance's credential.
      const credential = await this.rpc.send(Subjects.GetCredential, { credentialId: request.credentialId });
      if (credential.instanceAlias !== profile.alias) {
        throw new DirectorySyncError(
          DirectorySyncErrorCode.CredentialOfOtherInstance,
          `credential ${credential.id} belongs to instance "${credential.instanceAlias}", not "${profile.alias}"`,
          { field: 'credentialId' },
        );
      }
    }
    await this.profiles.update({ instanceId: profile.instanceId }, { credentialId: request.credentialId ?? null });
    return toView({ ...profile, credentialId: request.credentialId ?? null });
  }

  async usageOf(credentialId: string): Promise<CredentialUsageReply> {
    const users = await this.profiles.find({ where: { credentialId }, order: { alias: 'ASC' } });
    return { usedBy: users.map((profile) => `the directory sync of instance "${profile.alias}"`) };
  }
}

function toView(profile: SyncProfile): SyncProfileView {
  return {
    instanceAlias: profile.alias,
    userFilter: profile.userFilter,
    leaverAction: profile.leaverAction,
    ...(profile.credentialId ? { credentialId: profile.credentialId } : {}),
  };
}
