import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Microsoft sign-in under way: kept in the database so that any replica can take the callback. */
@Entity({ name: 'sign_in_requests' })
export class SignInRequest {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  state!: string;

  @Column({ name: 'code_verifier', type: 'varchar', length: 128 })
  codeVerifier!: string;

  @Column({ type: 'varchar', length: 64 })
  nonce!: string;

  @Column({ name: 'return_to', type: 'varchar', length: 500 })
  returnTo!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt!: string;
}
