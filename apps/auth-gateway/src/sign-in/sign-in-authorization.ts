import { Injectable } from '@nestjs/common';
import { Subjects, type SignInArchiveUser, type SignInRefusal } from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';

/** Who may sign in is decided by directory sync: a synchronized archive user of the instance, enabled. */
@Injectable()
export class SignInAuthorization {
  constructor(private readonly rpc: RpcClient) {}

  async archiveUser(instanceAlias: string, tenantId: string, oid: string): Promise<SignInArchiveUser> {
    let reply;
    try {
      reply = await this.rpc.send(Subjects.CheckSignIn, { instanceAlias, tenantId, oid });
    } catch (error) {
      throw new SignInError(SignInErrorCode.DependencyFailed, {
        internal: `sign-in check: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    if (reply.allowed) return reply.user;
    throw new SignInError(refusalCode(reply.reason), { internal: `directory sync: ${reply.reason}` });
  }
}

function refusalCode(reason: SignInRefusal): SignInErrorCode {
  switch (reason) {
    case 'unknown-instance':
      return SignInErrorCode.NotAvailable;
    case 'wrong-tenant':
      return SignInErrorCode.WrongTenant;
    case 'not-synchronized':
      return SignInErrorCode.NotSynchronized;
    case 'disabled':
      return SignInErrorCode.Disabled;
  }
}
