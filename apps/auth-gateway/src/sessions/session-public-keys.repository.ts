import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, type Repository } from 'typeorm';
import { SessionPublicKey } from './session-public-key.entity';

/** The public halves of every replica's signing keys, for the JWKS and for verifying sessions. */
@Injectable()
export class SessionPublicKeysRepository {
  constructor(@InjectRepository(SessionPublicKey) private readonly keys: Repository<SessionPublicKey>) {}

  async publish(key: SessionPublicKey): Promise<void> {
    await this.keys.insert(key);
  }

  /** Keys still published, newest first. */
  published(now: number): Promise<SessionPublicKey[]> {
    return this.keys.find({ where: { publishedUntil: MoreThan(now) }, order: { createdAt: 'DESC' } });
  }

  async purgeRetired(now: number): Promise<void> {
    await this.keys.delete({ publishedUntil: LessThan(now) });
  }
}
