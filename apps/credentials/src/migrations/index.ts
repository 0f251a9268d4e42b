import { CreateInstances1764300000100 } from './1764300000100-create-instances';
import { CreateCredentials1764300000300 } from './1764300000300-create-credentials';

/** The credentials service's schema history, oldest first. */
export const credentialsMigrations = [CreateInstances1764300000100, CreateCredentials1764300000300];
