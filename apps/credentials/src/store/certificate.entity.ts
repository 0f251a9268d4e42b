import type { CertificateState } from '@archive365/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A certificate of a credential. The private key is only ever stored sealed (key-vault). */
@Entity({ name: 'certificates' })
export class Certificate {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'credential_id', type: 'varchar', length: 36 })
  credentialId!: string;

  @Column({ type: 'varchar', length: 10 })
  state!: CertificateState;

  @Column({ type: 'varchar', length: 10 })
  source!: 'generated' | 'imported';

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'key_size', type: 'integer' })
  keySize!: number;

  @Column({ name: 'thumbprint_sha1', type: 'varchar', length: 40 })
  thumbprintSha1!: string;

  @Column({ name: 'thumbprint_sha256', type: 'varchar', length: 64 })
  thumbprintSha256!: string;

  @Column({ name: 'serial_number', type: 'varchar', length: 64 })
  serialNumber!: string;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  /** `v1.<masterKeyId>.<...>`: see key-vault/sealed-secret; empty once purged after retirement. */
  @Column({ name: 'sealed_private_key', type: 'text' })
  sealedPrivateKey!: string;

  @Column({ name: 'not_before', type: 'varchar', length: 30 })
  notBefore!: string;

  @Column({ name: 'not_after', type: 'varchar', length: 30 })
  notAfter!: string;

  @Column({ name: 'proven_at', type: 'varchar', length: 30, nullable: true })
  provenAt!: string | null;

  @Column({ name: 'changed_at', type: 'varchar', length: 30 })
  changedAt!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  /** Expiry notices already handled (sent or skipped), e.g. `60,30`. */
  @Column({ name: 'expiry_notices', type: 'varchar', length: 20, default: '' })
  expiryNotices!: string;
}
