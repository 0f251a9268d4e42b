import { IsUrl, IsUUID, Matches } from 'class-validator';
import { NoControlCharacters, OptionalField, SafeText } from '../validation/safe-text';

/**
 * An archive instance, reached at `<publicBaseUrl>/<alias>/...`. The credentials service owns them:
 * credentials are the first thing created for an instance and reference it inside one database.
 */
export const INSTANCE_ALIAS_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export class CreateInstanceRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, {
    message: 'alias must be 1-63 lower-case letters, digits or inner hyphens (it becomes a URL path segment)',
  })
  alias!: string;

  @SafeText({ maxLength: 200, nonEmpty: true })
  displayName!: string;

  /** Base URL the archive is served from, e.g. `https://archive.example.net`; HTTPS only (Entra ID requires it for redirect URIs). */
  @IsUrl(
    {
      protocols: ['https'],
      require_protocol: true,
      require_tld: false,
      allow_query_components: false,
      allow_fragments: false,
      disallow_auth: true,
    },
    {
      message:
        'publicBaseUrl must be an https:// URL without user name, query or fragment (it prefixes redirect URIs)',
    },
  )
  @SafeText({ maxLength: 500 })
  publicBaseUrl!: string;
}

export class GetInstanceRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'alias must be a valid instance alias' })
  alias!: string;
}

export class ListInstancesRequest {
  @OptionalField()
  @SafeText({ maxLength: 63 })
  aliasPrefix?: string;
}

export interface InstanceView {
  id: string;
  alias: string;
  displayName: string;
  publicBaseUrl: string;
  createdAt: string;
}

export class InstanceCreatedEvent {
  @IsUUID()
  id!: string;

  @Matches(INSTANCE_ALIAS_PATTERN)
  alias!: string;

  @SafeText({ maxLength: 200 })
  displayName!: string;

  @NoControlCharacters()
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: false })
  publicBaseUrl!: string;
}
