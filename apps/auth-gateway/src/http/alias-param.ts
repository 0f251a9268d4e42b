import { INSTANCE_ALIAS_PATTERN } from '@archive365/contracts';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';

/** A malformed alias is answered exactly like an unknown one. */
export function aliasOf(param: string): string {
  if (!INSTANCE_ALIAS_PATTERN.test(param)) throw new SignInError(SignInErrorCode.NotAvailable);
  return param;
}
