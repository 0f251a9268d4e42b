export { isTransientFailure } from './describe-failure';
export { sanitizeEntraDescription } from './sanitize-description';
export { toTokenFailure } from './to-token-failure';
export {
  TokenFailureCode,
  tokenRequestFailed,
  type TokenFailure,
  type TokenFailureContext,
} from './token-failure';
export { diagnoseAuthority } from './diagnose-authority';
