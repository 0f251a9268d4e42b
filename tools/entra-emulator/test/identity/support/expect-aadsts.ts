/**
 * Asserts that a client call failed with a given AADSTS code, as the client library surfaces it
 * (`AuthenticationError.errorResponse.errorCodes`, or the message carrying the description).
 */
export async function expectAadsts(
  call: Promise<unknown>,
  code: number,
  messagePart?: string | RegExp,
): Promise<string> {
  let failure: unknown;
  try {
    await call;
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(Error);
  const error = failure as Error & { errorResponse?: { errorCodes?: number[]; errorDescription?: string } };
  const text = `${error.message} ${error.errorResponse?.errorDescription ?? ''}`;
  expect(text).toContain(`AADSTS${code}`);
  if (error.errorResponse?.errorCodes) expect(error.errorResponse.errorCodes).toContain(code);
  if (messagePart) expect(text).toMatch(messagePart);
  return text;
}
