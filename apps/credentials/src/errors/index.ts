export {
  CredentialsError,
  CredentialsErrorCode,
  isCredentialsError,
  type CredentialsErrorDetails,
} from './credentials.error';
export { sharedCodeOf } from './shared-code';
