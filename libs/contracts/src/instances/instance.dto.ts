import { IsNotEmpty, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength } from 'class-validator';

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

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
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
  @MaxLength(500)
  publicBaseUrl!: string;
}

export class GetInstanceRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'alias must be a valid instance alias' })
  alias!: string;
}

export class ListInstancesRequest {
  @IsOptional()
  @IsString()
  @MaxLength(63)
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

  @IsString()
  displayName!: string;

  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: false })
  publicBaseUrl!: string;
}
