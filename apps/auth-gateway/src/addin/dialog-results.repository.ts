import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { takeOnce } from '../storage/single-use.repository';
import { DialogResult } from './dialog-result.entity';

@Injectable()
export class DialogResultsRepository {
  constructor(@InjectRepository(DialogResult) private readonly results: Repository<DialogResult>) {}

  async store(result: DialogResult): Promise<void> {
    await this.results.insert(result);
  }

  async redeem(codeHash: string, now: number): Promise<DialogResult | undefined> {
    const result = await takeOnce(this.results, 'code_hash', codeHash);
    return result && result.expiresAt > now ? result : undefined;
  }

  async purgeExpired(now: number): Promise<void> {
    await this.results.delete({ expiresAt: LessThan(now) });
  }
}
