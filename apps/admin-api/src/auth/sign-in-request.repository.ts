import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { SignInRequest } from './sign-in-request.entity';

/** Owns `sign_in_requests`: each is taken once, by the callback that carries its state. */
@Injectable()
export class SignInRequestStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get requests() {
    return this.dataSource.getRepository(SignInRequest);
  }

  async remember(request: SignInRequest): Promise<void> {
    // Old, abandoned sign-ins go whenever a new one starts.
    await this.requests.delete({ expiresAt: LessThan(new Date().toISOString()) });
    await this.requests.insert(request);
  }

  /** The request with this state, removed so that a replayed callback finds nothing. */
  async take(state: string): Promise<SignInRequest | undefined> {
    const request = await this.requests.findOneBy({ state });
    if (!request) return undefined;
    const { affected } = await this.requests.delete({ state });
    if (!affected || new Date(request.expiresAt) <= new Date()) return undefined;
    return request;
  }
}
