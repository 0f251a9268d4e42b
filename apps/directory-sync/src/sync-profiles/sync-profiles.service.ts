import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  Subjects,
  type AssignSyncCredentialRequest,
  type CredentialUsageReply,
  type SyncProfileView,
} from '@archive365/contracts';
import { RpcCallError, RpcClient } from '@archive365/messaging';
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
      throw new DirectorySyncError(
        DirectorySyncErrorCode.ProfileNotFound,
        `no sync profile for instance "${request.instanceAlias}"`,
        {
          field: 'instanceAlias',
          hint: 'the profile is created with the instance; check the alias',
        },
      );
    }
    if (request.credentialId) {
      // The credentials service owns credentials: ask it, and refuse another instance's credential.
      const credential = await this.rpc
        .send(Subjects.GetCredential, { credentialId: request.credentialId })
        .catch((error: unknown) => {
          throw asDirectorySyncError(error);
        });
      if (credential.instanceAlias !== profile.alias) {
        throw new DirectorySyncError(
          DirectorySyncErrorCode.CredentialOfOtherInstance,
          `credential ${credential.id} belongs to instance "${credential.instanceAlias}", not "${profile.alias}"`,
          { field: 'credentialId' },
        );
      }
    }
    await this.profiles.update(
      { instanceId: profile.instanceId },
      { credentialId: request.credentialId ?? null },
    );
    return toView({ ...profile, credentialId: request.credentialId ?? null });
  }

  async usageOf(credentialId: string): Promise<CredentialUsageReply> {
    const users = await this.profiles.find({ where: { credentialId }, order: { alias: 'ASC' } });
    return { usedBy: users.map((profile) => `the directory sync of instance "${profile.alias}"`) };
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
