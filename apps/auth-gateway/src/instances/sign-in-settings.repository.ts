import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { SignInSettings } from './sign-in-settings.entity';

@Injectable()
export class SignInSettingsRepository {
  constructor(@InjectRepository(SignInSettings) private readonly settings: Repository<SignInSettings>) {}

  async settingsFor(instanceAlias: string): Promise<SignInSettings | undefined> {
    return (await this.settings.findOneBy({ instanceAlias })) ?? undefined;
  }

  async replace(settings: SignInSettings): Promise<SignInSettings> {
    return this.settings.save(settings);
  }
}
