import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SignInResponseType } from '@archive365/contracts';

/** How users of one instance sign in; the gateway's own table. */
@Entity({ name: 'sign_in_settings' })
export class SignInSettings {
  @PrimaryColumn({ name: 'instance_alias', type: 'varchar', length: 63 })
  instanceAlias!: string;

  @Column({ name: 'credential_id', type: 'varchar', length: 36 })
  credentialId!: string;

  /** Set for the provider's multi-tenant app: the customer's tenant; else the credential's tenant. */
  @Column({ name: 'tenant_id', type: 'varchar', length: 253, nullable: true })
  tenantId!: string | null;

  @Column({ name: 'response_type', type: 'varchar', length: 16 })
  responseType!: SignInResponseType;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
