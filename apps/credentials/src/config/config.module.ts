import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CREDENTIALS_CONFIG, type CredentialsConfig } from './credentials.config';

/** The validated configuration, injectable everywhere as CREDENTIALS_CONFIG. */
@Global()
@Module({})
export class CredentialsConfigModule {
  static forRoot(config: CredentialsConfig): DynamicModule {
    return {
      module: CredentialsConfigModule,
      providers: [{ provide: CREDENTIALS_CONFIG, useValue: config }],
      exports: [CREDENTIALS_CONFIG],
    };
  }
}
