export {
  abort,
  activeCertificate,
  createRotation,
  pendingCertificate,
  promote,
  proveNext,
  retire,
  startRotation,
  type CertificateRotation,
  type CertificateState,
  type RotationSlot,
} from './certificate-rotation';
export {
  EXPIRY_NOTICE_DAYS,
  expiryNoticesDue,
  nextExpiryNoticeAt,
  type ExpiryNoticeDays,
  type ExpiryNoticeDecision,
} from './expiry-notices';
