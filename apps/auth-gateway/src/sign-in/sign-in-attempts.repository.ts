import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { takeOnce } from '../storage/single-use.repository';
import { SignInAttempt } from './sign-in-attempt.entity';

/** Started sign-ins: written at login, taken exactly once at the callback, by whichever replica. */
@Injectable()
export class SignInAttemptsRepository {
  constructor(@InjectRepository(SignInAttempt) private readonly attempts: Repository<SignInAttempt>) {}

  async begin(attempt: SignInAttempt): Promise<void> {
    await this.attempts.insert(attempt);
  }

  /** The attempt for this state hash, removed so it cannot be used again; expired ones count as absent. */
  async takeOnce(stateHash: string, now: number): Promise<SignInAttempt | undefined> {
    const attempt = await takeOnce(this.attempts, 'state_hash', stateHash);
    return attempt && attempt.expiresAt > now ? attempt : undefined;
  }

  async purgeExpired(now: number): Promise<void> {
    await this.attempts.delete({ expiresAt: LessThan(now) });
  }
}
