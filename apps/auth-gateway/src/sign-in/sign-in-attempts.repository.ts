import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { SpentToken } from '../sessions/spent-token.entity';
import { isPostgres, PreparedStatement } from '../storage/prepared-statement';
import { insertOnce, rowFromRaw, takeOnce } from '../storage/single-use.repository';
import { StatementBatch } from '../storage/statement-batch';
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
 * Takes the attempts and spends their id_tokens in one statement (one round trip instead of two, shared
 * by the sign-ins that arrive together: see StatementBatch, which never puts two items with the same
 * state or token in one statement). A token is spent only if its attempt existed and the attempt's nonce
 * and browser binding match, so a token stolen without its browser cannot be burnt ahead of its owner.
 */
const TAKE_WITH_ID_TOKENS = new PreparedStatement(
  'take-attempts-with-id-tokens',
  `
  WITH input AS (
    SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::bigint[], $4::varchar[], $5::varchar[])
      AS input (state_hash, digest, expires_at, nonce, browser_hash)
  ), taken AS (
    DELETE FROM sign_in_attempts attempt USING input WHERE attempt.state_hash = input.state_hash
    RETURNING attempt.state_hash, attempt.instance_alias, attempt.browser_hash, attempt.nonce,
      attempt.code_verifier, attempt.response_type, attempt.return_to, attempt.expires_at
  ), spent AS (
    INSERT INTO spent_tokens (digest, kind, expires_at)
    SELECT input.digest, 'id-token', input.expires_at FROM taken JOIN input USING (state_hash)
    WHERE taken.nonce = input.nonce AND taken.browser_hash = input.browser_hash
    ON CONFLICT (digest) DO NOTHING
    RETURNING digest
  )
  SELECT taken.*, EXISTS (SELECT 1 FROM spent WHERE spent.digest = input.digest) AS token_fresh
  FROM taken JOIN input USING (state_hash)`,
);

/** Callbacks of the code flow arriving together take their attempts in one statement. */
const TAKE_ATTEMPTS = new PreparedStatement(
  'take-sign-in-attempts',
  `
  DELETE FROM sign_in_attempts WHERE state_hash = ANY ($1::varchar[])
  RETURNING state_hash, instance_alias, browser_hash, nonce, code_verifier, response_type, return_to,
    expires_at`,
);

/** Sign-ins started together, in one statement (see StatementBatch). */
const BEGIN_ATTEMPTS = new PreparedStatement(
  'begin-sign-in-attempts',
  `
  INSERT INTO sign_in_attempts
    (state_hash, instance_alias, browser_hash, nonce, code_verifier, response_type, return_to, expires_at)
  SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[],
    $6::varchar[], $7::varchar[], $8::bigint[])`,
);

interface IdTokenSpend extends IdTokenToSpend {
  stateHash: string;
}

/** Started sign-ins: written at login, taken exactly once at the callback, by whichever replica. */
@Injectable()
export class SignInAttemptsRepository {
  private readonly beginBatch = new StatementBatch<SignInAttempt, void>({
    execute: async (attempts) => {
      await BEGIN_ATTEMPTS.run(this.attempts, [
        attempts.map((one) => one.stateHash),
        attempts.map((one) => one.instanceAlias),
        attempts.map((one) => one.browserHash),
        attempts.map((one) => one.nonce),
        attempts.map((one) => one.codeVerifier),
        attempts.map((one) => one.responseType),
        attempts.map((one) => one.returnTo),
        attempts.map((one) => one.expiresAt),
      ]);
      return attempts.map(() => undefined);
    },
    keysOf: (attempt) => [attempt.stateHash],
  });

  private readonly takeBatch = new StatementBatch<IdTokenSpend, Record<string, unknown> | undefined>({
    execute: async (spends) => {
      const { rows } = await TAKE_WITH_ID_TOKENS.run(this.attempts, [
        spends.map((one) => one.stateHash),
        spends.map((one) => one.digest),
        spends.map((one) => one.expiresAt),
        spends.map((one) => one.nonce),
        spends.map((one) => one.browserHash),
      ]);
      const byState = new Map(rows.map((row) => [row['state_hash'], row]));
      return spends.map((one) => byState.get(one.stateHash));
    },
    keysOf: (spend) => [`state ${spend.stateHash}`, `token ${spend.digest}`],
  });

  private readonly takeOnceBatch = new StatementBatch<string, Record<string, unknown> | undefined>({
    execute: async (stateHashes) => {
      const { rows } = await TAKE_ATTEMPTS.run(this.attempts, [stateHashes]);
      const byState = new Map(rows.map((row) => [row['state_hash'], row]));
      return stateHashes.map((stateHash) => byState.get(stateHash));
    },
    keysOf: (stateHash) => [stateHash],
  });

  constructor(
    @InjectRepository(SignInAttempt) private readonly attempts: Repository<SignInAttempt>,
    @InjectRepository(SpentToken) private readonly spent: Repository<SpentToken>,
  ) {}

  async begin(attempt: SignInAttempt): Promise<void> {
    if (!isPostgres(this.attempts)) {
      await this.attempts.insert(attempt);
      return;
    }
    await this.beginBatch.run(attempt);
  }

  /** The attempt for this state hash, removed so it cannot be used again; expired ones count as absent. */
  async takeOnce(stateHash: string, now: number): Promise<SignInAttempt | undefined> {
    let attempt: SignInAttempt | undefined;
    if (isPostgres(this.attempts)) {
      const row = await this.takeOnceBatch.run(stateHash);
      attempt = row ? rowFromRaw(this.attempts, row) : undefined;
    } else {
      attempt = await takeOnce(this.attempts, 'state_hash', stateHash);
    }
    return attempt && attempt.expiresAt > now ? attempt : undefined;
  }

  /** {@link takeOnce} and the id_token's single use together (see {@link TAKE_WITH_ID_TOKENS}). */
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
    const row = await this.takeBatch.run({ ...token, stateHash });
    const attempt = row ? rowFromRaw(this.attempts, row) : undefined;
    return {
      attempt: attempt && attempt.expiresAt > now ? attempt : undefined,
      tokenFresh: row?.['token_fresh'] === true,
    };
  }

  async purgeExpired(now: number): Promise<void> {
    await this.attempts.delete({ expiresAt: LessThan(now) });
  }
}
