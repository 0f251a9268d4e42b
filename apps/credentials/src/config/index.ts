export { CREDENTIALS_CONFIG, CredentialsConfig } from './credentials.config';
export { CredentialsConfigModule } from './config.module';
export { takeMasterKeys, type MasterKeyMaterial } from './master-key-material';
