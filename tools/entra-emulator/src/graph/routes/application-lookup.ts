import type { StoredApplication } from '../../store/application-directory';
import { resourceNotFound } from '../core/graph-error';
import type { AuthorizedCall } from '../core/graph-request';

/** The application named by `applications/{id}` or `applications(appId='{appId}')`, if it exists. */
export function findApplication(call: AuthorizedCall): StoredApplication | undefined {
  const { tenant, params } = call;
  // `applications(appId='')` names an empty key: not found, like any other unknown key.
  return Object.hasOwn(params, 'appId')
    ? tenant.apps.applicationByAppId(params['appId'])
    : tenant.apps.applicationById(params['id']);
}

/** Resolves `applications/{id}` and `applications(appId='{appId}')`, or Graph's 404. */
export function requireApplication(call: AuthorizedCall): StoredApplication {
  const application = findApplication(call);
  if (!application) throw resourceNotFound(call.params['appId'] ?? call.params['id']);
  return application;
}
