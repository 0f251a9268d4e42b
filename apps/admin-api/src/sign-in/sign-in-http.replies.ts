import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SIGN_IN_RESPONSE_TYPES,
  type SignInResponseType,
  type SignInSettingsView,
} from '@archive365/contracts';
import { ReplySchema } from '../openapi/reply-schema';

@ReplySchema<SignInSettingsView>(
  'SignInSettingsView',
  'How archive users of an instance sign in with Microsoft',
)
export class SignInSettingsViewSchema implements SignInSettingsView {
  @ApiProperty()
  instanceAlias!: string;

  @ApiProperty({ format: 'uuid' })
  credentialId!: string;

  @ApiPropertyOptional({ description: "Set when users come from another tenant than the credential's" })
  tenantId?: string;

  @ApiProperty({ enum: [...SIGN_IN_RESPONSE_TYPES] })
  responseType!: SignInResponseType;

  @ApiProperty({ format: 'uri', description: 'What to register as the Web redirect URI of the app' })
  redirectUri!: string;

  @ApiProperty({ format: 'uri', description: 'The Outlook add-in manifest for this instance' })
  addinManifestUrl!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
