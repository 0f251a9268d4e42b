import { ErrorCode } from '@archive365/contracts';
import { AdminApiError } from '../http/admin-api.error';

/*
 * An instance outside the caller's scope is answered exactly as the credentials service answers an
 * alias or id that does not exist: the caller cannot even learn that it exists.
 */

export function instanceNotFound(alias: string, field = 'alias'): AdminApiError {
  return new AdminApiError({
    code: ErrorCode.NotFound,
    message: `no instance has the alias "${alias}"`,
    field,
    reason: 'INSTANCE_NOT_FOUND',
    hint: 'list the instances to see the aliases in use',
  });
}

export function credentialNotFound(credentialId: string): AdminApiError {
  return new AdminApiError({
    code: ErrorCode.NotFound,
    message: `no credential has the id ${credentialId}`,
    field: 'credentialId',
    reason: 'CREDENTIAL_NOT_FOUND',
    hint: 'list the credentials of the instance to see their ids',
  });
}
