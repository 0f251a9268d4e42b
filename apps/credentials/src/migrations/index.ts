import { CreateInstances1764300000100 } from './1764300000100-create-instances';

/** The credentials service's schema history, oldest first. */
export const credentialsMigrations = [CreateInstances1764300000100];
