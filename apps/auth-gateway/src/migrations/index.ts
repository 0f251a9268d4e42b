import { CreateSignInTables1764300001800 } from './1764300001800-create-sign-in-tables';
import { UnloggedSignInAttempts1764300001900 } from './1764300001900-unlogged-sign-in-attempts';

/** The auth gateway's schema history, oldest first. */
export const authGatewayMigrations = [CreateSignInTables1764300001800, UnloggedSignInAttempts1764300001900];
