/**
 * A local Microsoft Entra ID + Microsoft Graph over HTTPS, for development, tests, demos and benchmarks.
 * Start it with {@link startEmulator}; point clients at `url` as their authority host / Graph base URL.
 */
export {
  startEmulator,
  DEFAULT_STATE_DIR,
  type RunningEmulator,
  type StartEmulatorOptions,
} from './server/start-emulator';
export { trustEmulatorCaInProcess, emulatorDispatcher } from './server/trust-ca';
export { loadOrCreateLocalCa, type LocalCertificateAuthority } from './tls/local-ca';
export { issueServerCertificate, type ServerCertificate } from './tls/server-certificate';
export {
  signInWithPassword,
  type PasswordSignInOptions,
  type PasswordSignInResult,
} from './identity/scripted/scripted-sign-in';
export {
  approveDeviceCode,
  type DeviceApprovalOptions,
  type DeviceApprovalResult,
} from './identity/scripted/scripted-device-approval';
export type { EmulatorFixture, TenantFixture, FixtureUser, FixtureGroup } from './fixture/fixture.types';
export type {
  AccessTokenClaims,
  EmulatorContext,
  GraphBearerVerifier,
} from './issued-tokens/emulator-context';
export { GraphAuthError } from './issued-tokens/emulator-context';
export { chromiumLaunchOptions } from './browser/chromium-options';
export { forwardAsIngress } from './ingress/forward-as-ingress';
