import { Controller, Get, Header, Param } from '@nestjs/common';
import { SessionKeysService } from '../sessions/session-keys.service';

/**
 * The public keys archive tokens are signed with (every replica's, current and recent), for other
 * archive components. The same document at every alias, known or not.
 */
@Controller()
export class JwksController {
  constructor(private readonly keys: SessionKeysService) {}

  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks() {
    return this.keys.jwks();
  }

  @Get(':alias/oidc/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  instanceJwks(@Param('alias') _alias: string) {
    return this.keys.jwks();
  }
}
