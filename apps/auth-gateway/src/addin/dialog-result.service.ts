import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import { InstanceResolver } from '../instances/instance-resolver';
import { identityOf, type ArchiveIdentity } from '../sessions/archive-identity';
import { SessionTokensService } from '../sessions/session-tokens.service';
import { DialogResultsRepository } from './dialog-results.repository';
import { toSession, type ArchiveSession } from './naa-exchange.service';

/** A one-time result lives this long: the dialog hands it to the task pane at once. */
const RESULT_TTL_MS = 60_000;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The Office dialog fallback: the dialog's last page gets a one-time code for the signed-in session and
 * passes it to `Office.context.ui.messageParent`; the task pane redeems it, once, for an archive token.
 * No token travels through the message channel, and a code seen twice is worthless the second time.
 */
@Injectable()
export class DialogResultService {
  constructor(
    private readonly results: DialogResultsRepository,
    private readonly instances: InstanceResolver,
    private readonly tokens: SessionTokensService,
  ) {}

  async issue(identity: ArchiveIdentity): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.results.store({
      codeHash: sha256(code),
      instanceAlias: identity.instanceAlias,
      session: JSON.stringify(identityOf(identity)),
      expiresAt: Date.now() + RESULT_TTL_MS,
    });
    return code;
  }

  async redeem(alias: string, code: unknown): Promise<ArchiveSession> {
    const instance = await this.instances.resolve(alias);
    if (typeof code !== 'string' || code.length === 0 || code.length > 100) {
      throw new SignInError(SignInErrorCode.InvalidRequest, { field: 'code' });
    }
    const result = await this.results.redeem(sha256(code), Date.now());
    if (!result || result.instanceAlias !== instance.alias) {
      throw new SignInError(SignInErrorCode.SignInExpired, {
        internal: 'dialog result unknown, used or expired',
      });
    }
    const identity = JSON.parse(result.session) as ArchiveIdentity;
    return toSession(identity, await this.tokens.archiveToken(identity, instance.baseUrl));
  }
}
