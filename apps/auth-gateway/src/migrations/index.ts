import { CreateSignInTables1764300001800 } from './1764300001800-create-sign-in-tables';

/** The auth gateway's schema history, oldest first. */
export const authGatewayMigrations = [CreateSignInTables1764300001800];
