import { CreateInstances1764300000100 } from './1764300000100-create-instances';
import { CreateCredentials1764300000300 } from './1764300000300-create-credentials';
import { OneActiveOnePendingCertificate1764300000500 } from './1764300000500-one-active-one-pending-certificate';
import { IdempotentCredentialWrites1764300000700 } from './1764300000700-idempotent-credential-writes';
import { ProviderLevelCredentials1764300000900 } from './1764300000900-provider-level-credentials';

/** The credentials service's schema history, oldest first. */
export const credentialsMigrations = [
  CreateInstances1764300000100,
  CreateCredentials1764300000300,
  OneActiveOnePendingCertificate1764300000500,
  IdempotentCredentialWrites1764300000700,
  ProviderLevelCredentials1764300000900,
];
