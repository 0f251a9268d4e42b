/**
 * A token failed one named check. `check` and `rule` go to the logs and the tests; the user sees only
 * that the sign-in could not be verified (the details would help an attacker more than the user).
 */
export class TokenRejection extends Error {
  constructor(
    readonly check: string,
    /** The rule the check enforces, e.g. `OIDC Core 3.1.3.7 step 2`. */
    readonly rule: string,
    detail: string,
  ) {
    super(`${check} (${rule}): ${detail}`);
    this.name = 'TokenRejection';
  }
}
