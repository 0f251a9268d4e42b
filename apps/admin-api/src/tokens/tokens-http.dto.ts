import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '@archive365/contracts';

export class NewApiTokenBody {
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(120)
  name!: string;

  /** The instances the token may reach; omit for every instance. */
  @IsOptional()
  @IsArray({ message: 'instances must be a list of instance aliases' })
  @ArrayMinSize(1, { message: 'instances must name at least one instance (omit it for every instance)' })
  @ArrayMaxSize(100)
  @Matches(INSTANCE_ALIAS_PATTERN, { each: true, message: 'instances must be instance aliases' })
  instances?: string[];

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'expiresInDays must be a whole number of days' })
  @Min(1, { message: 'expiresInDays must be between 1 and 730' })
  @Max(730, { message: 'expiresInDays must be between 1 and 730' })
  expiresInDays?: number;
}

export class TokenIdParam {
  @IsUUID('all', { message: 'id must be a token id (GUID)' })
  id!: string;
}

export interface ApiTokenView {
  id: string;
  name: string;
  /** null: every instance. */
  instances: string[] | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}

/** Answered once, at creation: the secret is not stored and cannot be shown again. */
export interface IssuedApiToken extends ApiTokenView {
  token: string;
}
