export { CREDENTIALS_CONFIG, CredentialsConfig } from './credentials.config';
export { CredentialsConfigModule } from './config.module';
