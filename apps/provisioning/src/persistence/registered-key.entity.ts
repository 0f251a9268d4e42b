import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which key (keyId) on an app registration holds a credential's certificate. Graph's `removeKey` needs
 * the keyId, and an app that rolls its own keys may not read its registration, so we remember it.
 */
@Entity({ name: 'registered_keys' })
export class RegisteredKey {
  @PrimaryColumn({ name: 'credential_id', type: 'varchar', length: 36 })
  credentialId!: string;

  @PrimaryColumn({ name: 'thumbprint_sha1', type: 'varchar', length: 40 })
  thumbprintSha1!: string;

  @Column({ name: 'application_object_id', type: 'varchar', length: 36 })
  applicationObjectId!: string;

  @Column({ name: 'key_id', type: 'varchar', length: 36 })
  keyId!: string;

  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt!: string;
}
