import { Inject, Injectable } from '@nestjs/common';
import { Subjects, type SignInArchiveUser, type SignInRefusal } from '@archive365/contracts';
import { RpcClient } from '@archive365/messaging';
import { AUTH_GATEWAY_CONFIG, AuthGatewayConfig } from '../app/auth-gateway.config';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import { TtlCache } from '../instances/ttl-cache';

class Refused extends Error {
  constructor(readonly reason: SignInRefusal) {
    super(reason);
  }
}

/**
 * Who may sign in is decided by directory sync: a synchronized archive user of the instance, enabled.
 * Allowed answers are reused for SIGN_IN_CHECK_CACHE_SECONDS (one NATS round trip less for a user who
 * signs in again, or whose add-in exchanges a token again, within that time); refusals are not, so a
 * newly synchronized user gets in at once.
 */
@Injectable()
export class SignInAuthorization {
  private readonly allowed: TtlCache<SignInArchiveUser>;

  constructor(
    @Inject(AUTH_GATEWAY_CONFIG) config: AuthGatewayConfig,
    private readonly rpc: RpcClient,
  ) {
    this.allowed = new TtlCache(config.SIGN_IN_CHECK_CACHE_SECONDS * 1000);
  }

  async archiveUser(instanceAlias: string, tenantId: string, oid: string): Promise<SignInArchiveUser> {
    try {
      return await this.allowed.get(`${instanceAlias}|${tenantId}|${oid}`, () =>
        this.ask(instanceAlias, tenantId, oid),
      );
    } catch (error) {
      if (error instanceof Refused) {
        throw new SignInError(refusalCode(error.reason), { internal: `directory sync: ${error.reason}` });
      }
      throw error;
    }
  }

  private async ask(instanceAlias: string, tenantId: string, oid: string): Promise<SignInArchiveUser> {
    let reply;
    try {
      reply = await this.rpc.send(Subjects.CheckSignIn, { instanceAlias, tenantId, oid });
    } catch (error) {
      throw new SignInError(SignInErrorCode.DependencyFailed, {
        internal: `sign-in check: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    if (reply.allowed) return reply.user;
    // Thrown, so the cache keeps nothing.
    throw new Refused(reply.reason);
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
