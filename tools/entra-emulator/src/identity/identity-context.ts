import type { SigningKeyRing } from '../keys/signing-key-ring';
import type { Clock } from '../shared/clock';
import type { EmulatorStore } from '../store/store.types';
import type { AccessTokenIssuer } from '../issued-tokens/access-token-issuer';
import type { IdTokenIssuer } from '../issued-tokens/id-token-issuer';
import type { AuthorizeRequest } from './authorize/authorize-request';
import type { PendingConsents } from './consent/pending-consents';
import type { GrantStore } from './grant-store';

export interface IdentitySettings {
  /** Seconds a device-code client waits between polls (Microsoft: 5; tests use 1). */
  deviceCodeIntervalSeconds: number;
}

/** Everything the identity endpoints share. */
export interface IdentityContext {
  store: EmulatorStore;
  clock: Clock;
  keys: SigningKeyRing;
  grants: GrantStore<AuthorizeRequest>;
  /** Admin consents in progress. */
  adminConsents: PendingConsents;
  accessTokens: AccessTokenIssuer;
  idTokens: IdTokenIssuer;
  settings: IdentitySettings;
}
