import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { SpentToken } from '../sessions/spent-token.entity';
import { isPostgres, PreparedStatement } from '../storage/prepared-statement';
import { insertOnce, rowFromRaw, takeOnce } from '../storage/single-use.repository';
import { SignInAttempt } from './sign-in-attempt.entity';

/** The id_token of a form_post response, to be spent if its sign-in attempt is the one it belongs to. */
export interface IdTokenToSpend {
  /** SHA-256 (hex) of the id_token. */
  digest: string;
  expiresAt: number;
  /** The token's `nonce` claim and the hash of the browser binding it arrived with. */
  nonce: string;
  browserHash: string;
}

export interface TakenWithIdToken {
  attempt: SignInAttempt | undefined;
  /** True when the id_token was spent now; false when it was spent before (a replay) or not at all. */
  tokenFresh: boolean;
}

/**
 * Takes the attempt and spends the id_token in one statement (one round trip instead of two, on the
 * busiest path). The token is spent only if the attempt existed and its nonce and browser binding match,
 * so a token stolen without its browser cannot be burnt ahead of its owner.
 */
const TAKE_WITH_ID_TOKEN = new PreparedStatement(
  'take-attempt-with-id-token',
  `
  WITH taken AS (
    DELETE FROM sign_in_attempts WHERE state_hash = $1
    RETURNING state_hash, instance_alias, browser_hash, nonce, code_verifier, response_type, return_to,
      expires_at
  ), spent AS (
    INSERT INTO spent_tokens (digest, kind, expires_at)
    SELECT $2, 'id-token', $3 FROM taken WHERE taken.nonce = $4 AND taken.browser_hash = $5
    ON CONFLICT (digest) DO NOTHING
    RETURNING digest
  )
  SELECT taken.*, EXISTS (SELECT 1 FROM spent) AS token_fresh FROM taken`,
);

const BEGIN_ATTEMPT = new PreparedStatement(
  'begin-sign-in-attempt',
  `
  INSERT INTO sign_in_attempts
    (state_hash, instance_alias, browser_hash, nonce, code_verifier, response_type, return_to, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
);

/** Started sign-ins: written at login, taken exactly once at the callback, by whichever replica. */
@Injectable()
export class SignInAttemptsRepository {
  constructor(
    @InjectRepository(SignInAttempt) private readonly attempts: Repository<SignInAttempt>,
    @InjectRepository(SpentToken) private readonly spent: Repository<SpentToken>,
  ) {}

  async begin(attempt: SignInAttempt): Promise<void> {
    if (!isPostgres(this.attempts)) {
      await this.attempts.insert(attempt);
      return;
    }
    await BEGIN_ATTEMPT.run(this.attempts, [
      attempt.stateHash,
      attempt.instanceAlias,
      attempt.browserHash,
      attempt.nonce,
      attempt.codeVerifier,
      attempt.responseType,
      attempt.returnTo,
      attempt.expiresAt,
    ]);
  }

  /** The attempt for this state hash, removed so it cannot be used again; expired ones count as absent. */
  async takeOnce(stateHash: string, now: number): Promise<SignInAttempt | undefined> {
    const attempt = await takeOnce(this.attempts, 'state_hash', stateHash);
    return attempt && attempt.expiresAt > now ? attempt : undefined;
  }

  /** {@link takeOnce} and the id_token's single use together (see {@link TAKE_WITH_ID_TOKEN}). */
  async takeWithIdToken(stateHash: string, token: IdTokenToSpend, now: number): Promise<TakenWithIdToken> {
    if (!isPostgres(this.attempts)) {
      // SQLite (one replica by design): the same two steps, one after the other.
      const attempt = await this.takeOnce(stateHash, now);
      const matches = attempt?.nonce === token.nonce && attempt.browserHash === token.browserHash;
      const tokenFresh =
        matches &&
        (await insertOnce(this.spent, {
          digest: token.digest,
          kind: 'id-token',
          expiresAt: token.expiresAt,
        }));
      return { attempt, tokenFresh };
    }
    const { rows } = await TAKE_WITH_ID_TOKEN.run(this.attempts, [
      stateHash,
      token.digest,
      token.expiresAt,
      token.nonce,
      token.browserHash,
    ]);
    const attempt = rows[0] ? rowFromRaw(this.attempts, rows[0]) : undefined;
    return {
      attempt: attempt && attempt.expiresAt > now ? attempt : undefined,
      tokenFresh: rows[0]?.token_fresh === true,
    };
  }

  async purgeExpired(now: number): Promise<void> {
    await this.attempts.delete({ expiresAt: LessThan(now) });
  }
}
