import { ApiProperty } from '@nestjs/swagger';
import { everyValueOf, ReplySchema } from '../openapi/reply-schema';
import type { SignedOut, WhoAmI } from './auth-http.dto';

@ReplySchema<WhoAmI>('WhoAmI', 'Who the request is authenticated as')
export class WhoAmISchema implements WhoAmI {
  @ApiProperty({ enum: everyValueOf<WhoAmI['kind']>()('token', 'session', 'bootstrap') })
  kind!: WhoAmI['kind'];

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: [String], nullable: true, description: 'The instances it reaches; null: every one' })
  instances!: string[] | null;
}

@ReplySchema<SignedOut>('SignedOut')
export class SignedOutSchema implements SignedOut {
  @ApiProperty({ description: 'Whether a session was ended' })
  signedOut!: boolean;
}
