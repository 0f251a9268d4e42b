import { explainMicrosoftError } from './aadsts-explanations';
import { SignInErrorCode } from './sign-in-error';

describe("Microsoft's error redirects in plain words", () => {
  it('consent missing has its own refusal', () => {
    expect(
      explainMicrosoftError('invalid_grant', 'AADSTS65001: The user or administrator has not consented'),
    ).toMatchObject({
      code: SignInErrorCode.ConsentMissing,
      aadsts: 'AADSTS65001',
    });
    expect(explainMicrosoftError('consent_required', undefined).code).toBe(SignInErrorCode.ConsentMissing);
  });

  it('known codes are explained, unknown ones generically; the description itself is never returned', () => {
    const idTokens = explainMicrosoftError(
      'unsupported_response_type',
      "AADSTS700054: response_type 'id_token' is not enabled",
    );
    expect(idTokens).toMatchObject({ code: SignInErrorCode.MicrosoftRefused, aadsts: 'AADSTS700054' });
    expect(idTokens.explanation).toMatch(/ID tokens/);
    const odd = explainMicrosoftError('server_error', 'AADSTS9999999: <b>whatever</b>');
    expect(odd).toMatchObject({
      aadsts: 'AADSTS9999999',
      explanation: 'Microsoft could not complete the sign-in.',
    });
    expect(explainMicrosoftError('access_denied', 'no code').explanation).toBe(
      'The sign-in was cancelled or denied.',
    );
  });
});
