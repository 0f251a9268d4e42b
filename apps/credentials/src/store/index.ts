import { Certificate as CertificateEntity } from './certificate.entity';
import { Credential as CredentialEntity } from './credential.entity';
import { Instance as InstanceEntity } from './instance.entity';
import { KeyCanary as KeyCanaryEntity } from './key-canary.entity';

export { Certificate } from './certificate.entity';
export { Credential } from './credential.entity';
export { Instance } from './instance.entity';
export { KeyCanary } from './key-canary.entity';
export { toCertificateView, toCredentialView } from './credential-view';
export {
  CredentialsRepository,
  type CertificateStateChange,
  type LoadedCredential,
  type NewCertificate,
  type RotationWrite,
  type Signer,
} from './credentials.repository';
export { InstancesRepository } from './instances.repository';
export { KeyCanariesRepository } from './key-canaries.repository';
export { StoreModule } from './store.module';

/** Every entity of the service, for its data source. */
export const credentialsEntities = [InstanceEntity, CredentialEntity, CertificateEntity, KeyCanaryEntity];
