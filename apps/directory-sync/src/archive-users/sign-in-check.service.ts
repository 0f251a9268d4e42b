import { Injectable } from '@nestjs/common';
import type { CheckSignInReply, CheckSignInRequest } from '@archive365/contracts';
import { ArchiveUsersRepository } from './archive-users.repository';

/**
 * Whether a Microsoft identity may sign in to an instance, answered from this service's own table
 * (one indexed look-up, no Graph call): the gateway asks on every sign-in. The token's `tid` must be
 * the instance's directory: an `oid` is unique only inside its tenant (DESIGN.md section 3).
 */
@Injectable()
export class SignInCheckService {
  constructor(private readonly archiveUsers: ArchiveUsersRepository) {}

  async check(request: CheckSignInRequest): Promise<CheckSignInReply> {
    const candidate = await this.archiveUsers.signInCandidate(request.instanceAlias, request.oid);
    if (!candidate) return { allowed: false, reason: 'unknown-instance' };
    const tenantId = request.tenantId.toLowerCase();
    const { user, directoryTenantId } = candidate;
    if (!user) {
      return directoryTenantId && directoryTenantId !== tenantId
        ? { allowed: false, reason: 'wrong-tenant' }
        : { allowed: false, reason: 'not-synchronized' };
    }
    if (user.tenantId !== tenantId) return { allowed: false, reason: 'wrong-tenant' };
    if (user.state !== 'active') return { allowed: false, reason: 'disabled' };
    return {
      allowed: true,
      user: {
        archiveUserId: user.id,
        userName: user.userName,
        displayName: user.displayName,
        primaryAddress: user.primaryAddress,
      },
    };
  }
}
