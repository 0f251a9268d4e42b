import { TokenRejection } from './token-rejection';

export interface JwsHeader {
  alg?: unknown;
  kid?: unknown;
  typ?: unknown;
  crit?: unknown;
  [name: string]: unknown;
}

export type JwtClaims = Record<string, unknown>;

/** A compact JWS split into its parts; nothing in it is trusted until the signature check passed. */
export interface CompactJws {
  header: JwsHeader;
  claims: JwtClaims;
  /** `base64url(header).base64url(payload)`: the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

const PART = /^[A-Za-z0-9_-]+$/;
/** Microsoft's tokens are a few kilobytes; anything far larger is not one of theirs. */
const MAX_TOKEN_LENGTH = 16_384;

/** RFC 7515 section 7.1 (compact serialization) with strict base64url and JSON object parts. */
export function parseCompactJws(token: string): CompactJws {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    throw new TokenRejection('token-shape', 'RFC 7515 7.1', 'missing or oversized token');
  }
  const parts = token.split('.');
  if (parts.length !== 3 || !PART.test(parts[0]) || !PART.test(parts[1])) {
    throw new TokenRejection('token-shape', 'RFC 7515 7.1', 'not a compact JWS (encrypted or malformed)');
  }
  if (parts[2] !== '' && !PART.test(parts[2])) {
    throw new TokenRejection('token-shape', 'RFC 7515 7.1', 'malformed signature part');
  }
  return {
    header: jsonObject(parts[0], 'header'),
    claims: jsonObject(parts[1], 'payload'),
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], 'base64url'),
  };
}

function jsonObject(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new TokenRejection('token-shape', 'RFC 7519 7.2', `the ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TokenRejection('token-shape', 'RFC 7519 7.2', `the ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
