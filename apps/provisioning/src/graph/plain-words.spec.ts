import { explainAadsts } from './plain-words';

describe("Microsoft's codes in plain words", () => {
  const context = {
    tenantId: 't1',
    clientId: 'c1',
    thumbprintSha1: 'ABC123',
    redirectUri: 'https://a.example/x/oidc/signin',
  };

  it('tells an expired key from a missing one (both AADSTS700027)', () => {
    const missing = explainAadsts(
      'AADSTS700027',
      'The certificate with identifier used ... is not registered',
      context,
    );
    const expired = explainAadsts(
      'AADSTS700027',
      'The certificate registered on application has expired.',
      context,
    );
    expect(missing.message).toContain('is not registered');
    expect(missing.fix).toContain('thumbprint ABC123');
    expect(expired.message).toContain('has expired there');
    expect(expired.fix).toContain('start a renewal');
  });

  it('gives the exact value to enter for a redirect URI mismatch', () => {
    expect(explainAadsts('AADSTS50011', '', context).fix).toBe(
      'Add exactly https://a.example/x/oidc/signin as a Web redirect URI (Authentication > Add a platform > Web).',
    );
  });

  it('names the missing service principal with the command that creates it', () => {
    expect(explainAadsts('AADSTS7000229', '', context).fix).toContain('New-MgServicePrincipal -AppId c1');
  });

  it("keeps Microsoft's words for a code it does not know", () => {
    expect(explainAadsts('AADSTS123', 'Something odd.', context)).toMatchObject({
      code: 'AADSTS123',
      message: 'Microsoft refused: Something odd.',
    });
  });
});
