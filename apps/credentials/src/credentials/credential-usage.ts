import { Injectable } from '@nestjs/common';
import { Subjects } from '@archive365/contracts';
import { RpcCallError, RpcClient } from '@archive365/messaging';
import { CredentialsError, CredentialsErrorCode } from '../errors';

/**
 * Asks the services that can hold a reference to a credential whether they do. Today that is
 * directory-sync (its sync profiles); provisioning and the sign-in gateway join when they use credentials.
 */
@Injectable()
export class CredentialUsage {
  constructor(private readonly rpc: RpcClient) {}

  async assertUnused(credentialId: string): Promise<void> {
    let usedBy: string[];
    try {
      ({ usedBy } = await this.rpc.send(
        Subjects.DirectorySyncCredentialUsage,
        { credentialId },
        { timeoutMs: 3000 },
      ));
    } catch (error) {
      const why = error instanceof RpcCallError ? error.body.message : 'no answer';
      throw new CredentialsError(
        CredentialsErrorCode.UsageUnknown,
        `the credential was not deleted: directory-sync could not confirm that it does not use it (${why})`,
        { hint: 'try again when the directory-sync service is running' },
      );
    }
    if (usedBy.length > 0) {
      throw new CredentialsError(
        CredentialsErrorCode.CredentialInUse,
        `the credential is in use by ${usedBy.join(', ')}; it was not deleted`,
        {
          hint: 'point those at another credential first, then delete this one',
        },
      );
    }
  }
}
