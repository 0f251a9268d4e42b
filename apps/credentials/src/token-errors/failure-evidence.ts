/**
 * What can be read off an error thrown by `@azure/identity` and the layers below it. The library wraps
 * errors: an AADSTS reply arrives as `AuthenticationError` (with `errorResponse.errorCodes`) or as an
 * `AuthenticationRequiredError` whose `cause` is MSAL's `ServerError` (with `errorNo`); an authority
 * that cannot be reached or whose TLS is not trusted surfaces as `CredentialUnavailableError`
 * ("endpoints_resolution_error"), and raw socket errors carry Node's `code`. So the whole cause chain
 * is inspected, by shape rather than by class, since MSAL is not our direct dependency.
 */
export interface FailureEvidence {
  aadsts?: number;
  oauthError?: string;
  /** Entra's error description, raw: sanitise before showing. */
  description?: string;
  httpStatus?: number;
  /** Node/undici error code such as ECONNREFUSED or SELF_SIGNED_CERT_IN_CHAIN. */
  systemCode?: string;
  endpointsUnresolved: boolean;
}

const MAX_CAUSE_DEPTH = 8;
const AADSTS_IN_TEXT = /AADSTS(\d{5,7})/;

type Inspectable = Record<string, unknown>;

function isObject(value: unknown): value is Inspectable {
  return typeof value === 'object' && value !== null;
}

function numberOf(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function gatherEvidence(error: unknown): FailureEvidence {
  const evidence: FailureEvidence = { endpointsUnresolved: false };
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && isObject(current); depth += 1) {
    readLayer(current, evidence);
    current = current['cause'];
  }
  return evidence;
}

function readLayer(layer: Inspectable, evidence: FailureEvidence): void {
  const message = stringOf(layer['message']) ?? '';
  const response = layer['errorResponse'];
  if (isObject(response)) {
    // @azure/identity AuthenticationError
    const codes = response['errorCodes'];
    evidence.aadsts ??= Array.isArray(codes) ? numberOf(codes[0]) : undefined;
    evidence.oauthError ??= stringOf(response['error']);
    evidence.description ??= stringOf(response['errorDescription']);
  }
  // MSAL ServerError: errorNo is the first AADSTS number, errorCode the OAuth error.
  evidence.aadsts ??= numberOf(layer['errorNo']);
  if (layer['name'] === 'ServerError') {
    evidence.oauthError ??= stringOf(layer['errorCode']);
  }
  evidence.httpStatus ??= numberOf(layer['statusCode']) ?? numberOf(layer['status']);
  const code = stringOf(layer['code']);
  if (code && /^[A-Z][A-Z0-9_]+$/.test(code)) {
    evidence.systemCode ??= code;
  }
  if (message.includes('endpoints_resolution_error')) {
    evidence.endpointsUnresolved = true;
  }
  const inText = AADSTS_IN_TEXT.exec(message);
  if (inText) {
    evidence.aadsts ??= Number(inText[1]);
    evidence.description ??= message;
  }
}
