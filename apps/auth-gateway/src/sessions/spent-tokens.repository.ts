import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { isPostgres, PreparedStatement } from '../storage/prepared-statement';
import { insertOnce } from '../storage/single-use.repository';
import { SpentToken, type SpentTokenKind } from './spent-token.entity';

/** A replay finds the digest there and inserts nothing. */
const SPEND = new PreparedStatement(
  'spend-token',
  `INSERT INTO spent_tokens (digest, kind, expires_at) VALUES ($1, $2, $3)
   ON CONFLICT (digest) DO NOTHING RETURNING digest`,
);

/** Single use across replicas: the first `spend` of a digest wins, later ones are replays. */
@Injectable()
export class SpentTokensRepository {
  constructor(@InjectRepository(SpentToken) private readonly spent: Repository<SpentToken>) {}

  /** True the first time; false if this digest was spent before (and has not expired since). */
  async spend(digest: string, kind: SpentTokenKind, expiresAt: number): Promise<boolean> {
    if (!isPostgres(this.spent)) return insertOnce(this.spent, { digest, kind, expiresAt });
    return (await SPEND.run(this.spent, [digest, kind, expiresAt])).rowCount === 1;
  }

  async isSpent(digest: string): Promise<boolean> {
    return (await this.spent.countBy({ digest })) > 0;
  }

  async purgeExpired(now: number): Promise<void> {
    await this.spent.delete({ expiresAt: LessThan(now) });
  }
}
