import { ApiProperty } from '@nestjs/swagger';
import { everyValueOf, ReplySchema } from '../openapi/reply-schema';
import { PageSchema } from '../pagination/page.schema';
import type { ApiTokenView, IssuedApiToken } from './tokens-http.dto';

@ReplySchema<ApiTokenView>('ApiTokenView', 'An API token (its secret is never shown again)')
export class ApiTokenViewSchema implements ApiTokenView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: [String], nullable: true, description: 'The instances it reaches; null: every one' })
  instances!: string[] | null;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt!: string | null;

  @ApiProperty({ enum: everyValueOf<ApiTokenView['state']>()('active', 'expired', 'revoked') })
  state!: ApiTokenView['state'];
}

@ReplySchema<IssuedApiToken>('IssuedApiToken', 'A new API token, with its secret: shown this once')
export class IssuedApiTokenSchema extends ApiTokenViewSchema implements IssuedApiToken {
  @ApiProperty({ description: 'The secret (`a365_...`), for `Authorization: Bearer`; not stored' })
  token!: string;
}

export const ApiTokensPage = PageSchema(ApiTokenViewSchema, 'ApiTokensPage');
