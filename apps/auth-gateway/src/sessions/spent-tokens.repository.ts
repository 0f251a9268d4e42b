import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { isPostgres, PreparedStatement } from '../storage/prepared-statement';
import { insertOnce } from '../storage/single-use.repository';
import { StatementBatch } from '../storage/statement-batch';
import { SpentToken, type SpentTokenKind } from './spent-token.entity';

/** Digests spent together, in one statement (see StatementBatch); a replay finds its digest there. */
const SPEND = new PreparedStatement(
  'spend-tokens',
  `INSERT INTO spent_tokens (digest, kind, expires_at)
   SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::bigint[])
   ON CONFLICT (digest) DO NOTHING RETURNING digest`,
);

interface Spend {
  digest: string;
  kind: SpentTokenKind;
  expiresAt: number;
}

/** Single use across replicas: the first `spend` of a digest wins, later ones are replays. */
@Injectable()
export class SpentTokensRepository {
  private readonly spendBatch = new StatementBatch<Spend, boolean>({
    execute: async (spends) => {
      const { rows } = await SPEND.run(this.spent, [
        spends.map((one) => one.digest),
        spends.map((one) => one.kind),
        spends.map((one) => one.expiresAt),
      ]);
      const fresh = new Set(rows.map((row) => row['digest']));
      return spends.map((one) => fresh.has(one.digest));
    },
    // Two spends of one digest in one statement would both look fresh.
    keysOf: (spend) => [spend.digest],
  });

  constructor(@InjectRepository(SpentToken) private readonly spent: Repository<SpentToken>) {}

  /** True the first time; false if this digest was spent before (and has not expired since). */
  async spend(digest: string, kind: SpentTokenKind, expiresAt: number): Promise<boolean> {
    if (!isPostgres(this.spent)) return insertOnce(this.spent, { digest, kind, expiresAt });
    return this.spendBatch.run({ digest, kind, expiresAt });
  }

  async isSpent(digest: string): Promise<boolean> {
    return (await this.spent.countBy({ digest })) > 0;
  }

  async purgeExpired(now: number): Promise<void> {
    await this.spent.delete({ expiresAt: LessThan(now) });
  }
}
