import { createHash } from 'node:crypto';
import { pkceVerifierMatches } from './pkce';

describe('pkceVerifierMatches (RFC 7636)', () => {
  // RFC 7636 appendix B example.
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('accepts the RFC 7636 appendix B S256 example', () => {
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
    expect(pkceVerifierMatches(verifier, challenge, 'S256')).toBe(true);
  });

  it('accepts plain when verifier and challenge are equal', () => {
    expect(pkceVerifierMatches(verifier, verifier, 'plain')).toBe(true);
  });

  it('rejects another verifier, the challenge itself under S256, and verifiers of the wrong length', () => {
    expect(pkceVerifierMatches(`${verifier.slice(0, -1)}A`, challenge, 'S256')).toBe(false);
    expect(pkceVerifierMatches(challenge, challenge, 'S256')).toBe(false);
    expect(pkceVerifierMatches('short', 'short', 'plain')).toBe(false);
  });
});
