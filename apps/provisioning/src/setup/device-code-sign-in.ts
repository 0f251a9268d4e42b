import { AuthenticationError, DeviceCodeCredential, type AccessToken } from '@azure/identity';
import type { DeviceCodePrompt, PlainProblem } from '@archive365/contracts';
import { decodeJwt } from 'jose';
import type { ProvisioningConfig } from '../app/provisioning.config';
import type { ExtraCaTrust } from '../platform/trust-ca';

/** What the setup writes with the administrator's sign-in: app registrations and their consent. */
export const ADMIN_SCOPES = [
  'https://graph.microsoft.com/Application.ReadWrite.All',
  'https://graph.microsoft.com/AppRoleAssignment.ReadWrite.All',
];

/** Microsoft's device codes are valid for 15 minutes (the device code response's `expires_in` of 900). */
const DEVICE_CODE_LIFETIME_MS = 15 * 60_000;

export interface DeviceCodeSignIn {
  credential: DeviceCodeCredential;
  /** Resolves when Microsoft issued the code the administrator must enter. */
  prompt: Promise<DeviceCodePrompt>;
  /** Resolves when the administrator signed in. */
  token: Promise<AccessToken>;
  cancel(): void;
}

/**
 * The customer's administrator signs in once with the device code flow (`DeviceCodeCredential`): the
 * service shows the code and URL and waits. The token stays in this process's memory only.
 */
export function startDeviceCodeSignIn(
  config: ProvisioningConfig,
  trust: ExtraCaTrust,
  tenantId: string,
): DeviceCodeSignIn {
  const abort = new AbortController();
  let promptReady!: (prompt: DeviceCodePrompt) => void;
  let promptFailed!: (error: unknown) => void;
  const prompt = new Promise<DeviceCodePrompt>((resolve, reject) => {
    promptReady = resolve;
    promptFailed = reject;
  });
  const credential = new DeviceCodeCredential({
    tenantId,
    clientId: config.SETUP_CLIENT_ID,
    authorityHost: config.ENTRA_AUTHORITY_HOST,
    disableInstanceDiscovery: true,
    additionalPolicies: trust.identityPolicies,
    userPromptCallback: (info) =>
      promptReady({
        userCode: info.userCode,
        verificationUri: info.verificationUri,
        message: info.message,
        expiresAt: new Date(Date.now() + DEVICE_CODE_LIFETIME_MS).toISOString(),
      }),
  });
  const token = credential.getToken(ADMIN_SCOPES, { abortSignal: abort.signal }).then(
    (issued) => issued,
    (error: unknown) => {
      promptFailed(error);
      throw error;
    },
  );
  // Both are awaited by the setup; these handlers only keep an early failure from being "unhandled".
  prompt.catch(() => undefined);
  token.catch(() => undefined);
  return { credential, prompt, token, cancel: () => abort.abort() };
}

/** The sign-in's failure in plain words. */
export function explainSignInFailure(error: unknown): PlainProblem {
  const oauthError = error instanceof AuthenticationError ? error.errorResponse.error : undefined;
  const text = error instanceof Error ? error.message : String(error);
  const aadsts = /AADSTS\d+/.exec(text)?.[0];
  if (oauthError === 'authorization_declined' || /authorization_declined/.test(text)) {
    return {
      code: 'SIGN_IN_DECLINED',
      message: 'The administrator cancelled the sign-in.',
      fix: 'Start the setup again and approve the sign-in.',
    };
  }
  if (oauthError === 'expired_token' || /expired_token|AADSTS70019/.test(text)) {
    return {
      code: 'SIGN_IN_EXPIRED',
      message: 'Nobody entered the code within 15 minutes.',
      fix: 'Start the setup again and enter the new code at the address shown within 15 minutes.',
    };
  }
  if (aadsts === 'AADSTS90002') {
    return {
      code: aadsts,
      message: 'The tenant given for the sign-in does not exist.',
      fix: "Correct the tenant ID (or leave it empty: the administrator's sign-in then decides).",
    };
  }
  return {
    code: aadsts ?? 'SIGN_IN_FAILED',
    message: `The administrator's sign-in failed: ${text.split('\n')[0]?.slice(0, 300) ?? ''}`,
    fix: "Start the setup again; sign in with an account that is Global Administrator, Privileged Role Administrator or (Cloud) Application Administrator of the customer's tenant.",
  };
}

/** The `tid` claim of a token Entra just issued to us (read, not verified: we are its client). */
export function tenantOfToken(accessToken: string): string | undefined {
  try {
    const claims = decodeJwt(accessToken);
    return typeof claims.tid === 'string' ? claims.tid : undefined;
  } catch {
    return undefined;
  }
}
