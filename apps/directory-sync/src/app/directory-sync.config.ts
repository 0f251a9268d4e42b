import { ServiceBaseConfig } from '@archive365/config';

/** Configuration of the directory-sync service (environment variables, see the README). */
export class DirectorySyncConfig extends ServiceBaseConfig {}
