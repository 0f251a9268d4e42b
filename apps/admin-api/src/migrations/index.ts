import { CreateAdminApiTables1764400000100 } from './1764400000100-create-admin-api-tables';

/** The admin API's migrations, oldest first. */
export const ADMIN_API_MIGRATIONS = [CreateAdminApiTables1764400000100];
