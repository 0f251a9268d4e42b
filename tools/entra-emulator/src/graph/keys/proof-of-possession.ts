import type * as Graph from '@microsoft/microsoft-graph-types';
import { X509Certificate } from 'node:crypto';
import { compactVerify, decodeJwt, type JWTPayload } from 'jose';
import { epochSeconds, systemClock, type Clock } from '../../shared/clock';
import { GraphError } from '../graph-error';

/**
 * The audience of a proof for `addKey`/`removeKey`: Microsoft Graph's appId (Microsoft Learn,
 * "Generate proof-of-possession tokens for rolling keys"; older revisions named the retired Azure AD
 * Graph, 00000002-0000-0000-c000-000000000000, which Microsoft Graph no longer documents).
 */
export const PROOF_AUDIENCE = '00000003-0000-0000-c000-000000000000';
/** "exp: Expiration time should be nbf + 10 minutes": a longer-lived proof is refused. */
export const PROOF_MAX_LIFETIME_SECONDS = 600;
/** Clock skew tolerated on nbf/exp, as for client assertions. */
const PROOF_SKEW_SECONDS = 300;

/**
 * Every failed proof is answered alike by Graph: 401 `Authentication_MissingOrMalformed`, "Access Token
 * missing or malformed." (as reported in microsoftgraph/microsoft-graph-docs#10686 and #22076), without
 * saying which check failed.
 */
export function proofRejected(): GraphError {
  return new GraphError(401, 'Authentication_MissingOrMalformed', 'Access Token missing or malformed.');
}

export interface ProofSubject {
  /** The application's object id: the proof's `iss` (not the appId). */
  applicationObjectId: string;
  keyCredentials: readonly Graph.KeyCredential[] | null | undefined;
}

/**
 * Checks a proof of possession as Graph does for `application: addKey` / `removeKey`, in order:
 * 1. the proof is a signed JWT with `aud`, `iss`, `nbf` and `exp`;
 * 2. `aud` is Microsoft Graph, `iss` the application's object id;
 * 3. `exp - nbf` is at most ten minutes and now lies between them (the caller's own clock);
 * 4. it is signed (RS256 or PS256) by the key of one of the application's certificates that is valid
 *    now (emulator clock): an app with no valid certificate left cannot prove anything.
 */
export async function verifyProofOfPossession(
  proof: unknown,
  subject: ProofSubject,
  emulatorClock: Clock,
): Promise<void> {
  const claims = decodedClaims(proof);
  checkAudienceAndIssuer(claims, subject.applicationObjectId);
  // The caller dates its proof with its own clock, which moving the emulator clock does not move.
  checkLifetime(claims, epochSeconds(systemClock));
  await checkSignedByValidCertificate(proof as string, subject.keyCredentials, emulatorClock.now());
}

function decodedClaims(proof: unknown): JWTPayload {
  if (typeof proof !== 'string' || proof.split('.').length !== 3) throw proofRejected();
  try {
    return decodeJwt(proof);
  } catch {
    throw proofRejected();
  }
}

function checkAudienceAndIssuer(claims: JWTPayload, applicationObjectId: string): void {
  if (claims.aud !== PROOF_AUDIENCE) throw proofRejected();
  if (typeof claims.iss !== 'string' || claims.iss.toLowerCase() !== applicationObjectId.toLowerCase())
    throw proofRejected();
}

function checkLifetime(claims: JWTPayload, now: number): void {
  const { nbf, exp } = claims;
  if (typeof nbf !== 'number' || typeof exp !== 'number') throw proofRejected();
  if (exp <= nbf || exp - nbf > PROOF_MAX_LIFETIME_SECONDS) throw proofRejected();
  if (nbf - PROOF_SKEW_SECONDS > now || exp + PROOF_SKEW_SECONDS <= now) throw proofRejected();
}

async function checkSignedByValidCertificate(
  proof: string,
  keyCredentials: readonly Graph.KeyCredential[] | null | undefined,
  nowMs: number,
): Promise<void> {
  for (const certificate of validCertificates(keyCredentials, nowMs)) {
    try {
      await compactVerify(proof, certificate.publicKey, { algorithms: ['RS256', 'PS256'] });
      return;
    } catch {
      // Try the application's next certificate.
    }
  }
  throw proofRejected();
}

function validCertificates(
  keyCredentials: readonly Graph.KeyCredential[] | null | undefined,
  nowMs: number,
): X509Certificate[] {
  return (keyCredentials ?? []).flatMap((credential) => {
    if (credential.type !== 'AsymmetricX509Cert' || !credential.key) return [];
    const start = Date.parse(credential.startDateTime ?? '');
    const end = Date.parse(credential.endDateTime ?? '');
    if (!(start <= nowMs && nowMs < end)) return [];
    try {
      return [new X509Certificate(Buffer.from(credential.key, 'base64'))];
    } catch {
      return [];
    }
  });
}
