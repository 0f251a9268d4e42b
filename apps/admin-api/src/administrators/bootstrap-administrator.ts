import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AdminApiConfig } from '../app/admin-api.config';
import { ADMIN_API_CONFIG } from '../app/admin-api.tokens';
import { AdministratorStore } from './administrator.repository';

/** The first administrator, from configuration: someone must be able to sign in before anyone was added. */
@Injectable()
export class BootstrapAdministrator implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdministrator.name);

  constructor(
    private readonly administrators: AdministratorStore,
    @Inject(ADMIN_API_CONFIG) private readonly config: AdminApiConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_BOOTSTRAP_ADMIN_OID: objectId, ADMIN_OIDC_TENANT_ID: tenantId } = this.config;
    if (!objectId) return;
    if (!tenantId) {
      this.logger.warn(
        'ADMIN_BOOTSTRAP_ADMIN_OID is set but ADMIN_OIDC_TENANT_ID is not: nobody can sign in with it',
      );
      return;
    }
    const administrator = await this.administrators.ensure(
      tenantId.toLowerCase(),
      objectId,
      'bootstrap administrator',
      'configuration',
    );
    this.logger.log({ administratorId: administrator.id }, 'Bootstrap administrator present');
  }
}
