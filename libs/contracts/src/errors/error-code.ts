/**
 * Error codes shared by every service's replies. Each service maps its own exception to one of these
 * (one mapper to RPC replies), and the admin API maps these to HTTP statuses (one mapper to HTTP).
 */
export enum ErrorCode {
  /** The request did not pass validation; `field` names the first bad field. */
  ValidationFailed = 'VALIDATION_FAILED',
  NotFound = 'NOT_FOUND',
  /** The request conflicts with the current state (duplicate alias, resource in use, ...). */
  Conflict = 'CONFLICT',
  /** A dependency (Microsoft, database, another service) failed; retrying later may help. */
  DependencyFailed = 'DEPENDENCY_FAILED',
  /** No service answered in time. */
  Timeout = 'TIMEOUT',
  /** A bug: the detail is logged by the service, never sent. */
  Internal = 'INTERNAL',
}
