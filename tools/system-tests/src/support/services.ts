// System tests compose the real apps in one process, so this is the one place allowed to import
// their definitions (see the lint override for tools/system-tests).
export { adminApiService } from '../../../../apps/admin-api/src/app/service.definition';
export { authGatewayService } from '../../../../apps/auth-gateway/src/app/service.definition';
export { credentialsService } from '../../../../apps/credentials/src/app/service.definition';
export { directorySyncService } from '../../../../apps/directory-sync/src/app/service.definition';
export { provisioningService } from '../../../../apps/provisioning/src/app/service.definition';
// The gateway's own repositories, for a test that plays a state accepted twice and runs the purge.
export { ExpiredRowsPurge } from '../../../../apps/auth-gateway/src/app/maintenance';
export { SpentTokensRepository } from '../../../../apps/auth-gateway/src/sessions/spent-tokens.repository';
export { SignInAttemptsRepository } from '../../../../apps/auth-gateway/src/sign-in/sign-in-attempts.repository';
