export { createCanary, verifyCanary, type CanaryCheck } from './canary';
export { MASTER_KEY_LENGTH, parseMasterKeys, type MasterKey } from './master-key';
export { MasterKeyRing } from './master-key-ring';
export {
  SEALED_SECRET_VERSION,
  parseSealedSecret,
  serializeSealedSecret,
  type SealedSecret,
} from './sealed-secret';
