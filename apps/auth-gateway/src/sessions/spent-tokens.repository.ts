import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { insertOnce } from '../storage/single-use.repository';
import { SpentToken, type SpentTokenKind } from './spent-token.entity';

/** Single use across replicas: the first `spend` of a digest wins, later ones are replays. */
@Injectable()
export class SpentTokensRepository {
  constructor(@InjectRepository(SpentToken) private readonly spent: Repository<SpentToken>) {}

  /** True the first time; false if this digest was spent before (and has not expired since). */
  spend(digest: string, kind: SpentTokenKind, expiresAt: number): Promise<boolean> {
    return insertOnce(this.spent, { digest, kind, expiresAt });
  }

  async isSpent(digest: string): Promise<boolean> {
    return (await this.spent.countBy({ digest })) > 0;
  }

  async purgeExpired(now: number): Promise<void> {
    await this.spent.delete({ expiresAt: LessThan(now) });
  }
}
