import { ErrorCode } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { GraphCallError } from '../graph/graph-session';

/** Attempts after which a renewal that keeps meeting transient failures is reported as failed. */
export const MAX_TRANSIENT_ATTEMPTS = 20;

/**
 * Failures that say nothing about the renewal itself: Graph throttling or outages, a connection cut
 * (the write may or may not have happened: the step's own check finds out), a service not answering.
 * The renewal stays running and is retried by the next sweep.
 */
export function isTransient(error: unknown): boolean {
  // The Graph client reports a connection that failed before any answer as status -1, and a 2xx
  // answer whose body was cut off as an error carrying that 2xx status: the write may have happened.
  if (error instanceof GraphCallError)
    return error.status === 429 || error.status >= 500 || error.status < 300;
  if (error instanceof RpcCallError) {
    return (
      error.body.code === ErrorCode.Timeout ||
      (error.body.code === ErrorCode.DependencyFailed &&
        !error.body.reason?.startsWith('AADSTS') &&
        !error.body.reason)
    );
  }
  // fetch and socket failures (a cut connection, a reset) surface as TypeError / system errors.
  return (
    error instanceof TypeError ||
    (error instanceof Error && 'code' in error && typeof error.code === 'string')
  );
}
