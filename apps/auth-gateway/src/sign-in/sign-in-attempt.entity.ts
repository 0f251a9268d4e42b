import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SignInResponseType } from '@archive365/contracts';
import { epochMs } from '../migrations/epoch-ms.transformer';

/**
 * A started sign-in, kept server-side so any replica can finish it (RFC 9700 4.7.1: state bound to the
 * user agent; 2.1.1: PKCE). Keyed by a hash of the state so a read of the table cannot finish sign-ins.
 */
@Entity({ name: 'sign_in_attempts' })
export class SignInAttempt {
  @PrimaryColumn({ name: 'state_hash', type: 'varchar', length: 64 })
  stateHash!: string;

  @Column({ name: 'instance_alias', type: 'varchar', length: 63 })
  instanceAlias!: string;

  /** Hash of the browser-binding cookie of the browser that started it. */
  @Column({ name: 'browser_hash', type: 'varchar', length: 64 })
  browserHash!: string;

  @Column({ type: 'varchar', length: 64 })
  nonce!: string;

  /** PKCE code verifier (code flow only). */
  @Column({ name: 'code_verifier', type: 'varchar', length: 128, nullable: true })
  codeVerifier!: string | null;

  @Column({ name: 'response_type', type: 'varchar', length: 16 })
  responseType!: SignInResponseType;

  /** A path on the instance's own origin, checked when the sign-in started. */
  @Column({ name: 'return_to', type: 'varchar', length: 1000 })
  returnTo!: string;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;
}
