import { Injectable } from '@nestjs/common';
import type { GroupView, SearchGroupsReply, SearchGroupsRequest } from '@archive365/contracts';
import { DirectorySyncError, DirectorySyncErrorCode } from '../errors/directory-sync.error';
import { DirectoryReadError } from '../graph/directory-read.error';
import { GraphSessions } from '../graph/graph-sessions';
import { SyncProfilesRepository } from '../sync-profiles/sync-profiles.repository';

const MAX_GROUPS = 25;

interface GraphGroup {
  id: string;
  displayName: string | null;
  description?: string | null;
  mail?: string | null;
}

/**
 * `$search` takes a quoted clause; quotes and backslashes in the words would end or escape it, so
 * they are dropped (group names are searched by words, which they cannot be part of anyway).
 */
export function groupSearchPath(words: string): string {
  const clause = `"displayName:${words.replace(/["\\]/g, ' ').trim()}"`;
  return `/groups?$search=${encodeURIComponent(clause)}&$select=id,displayName,description,mail&$top=${MAX_GROUPS}`;
}

/** Groups of an instance's directory by name, read with its sync credential, to choose the groups filter. */
@Injectable()
export class GroupSearchService {
  constructor(
    private readonly profiles: SyncProfilesRepository,
    private readonly graph: GraphSessions,
  ) {}

  async search(request: SearchGroupsRequest): Promise<SearchGroupsReply> {
    const profile = await this.profiles.existingByAlias(request.instanceAlias);
    if (!profile.credentialId) {
      throw new DirectorySyncError(
        DirectorySyncErrorCode.NoCredential,
        `instance "${profile.alias}" has no credential for directory sync`,
        { hint: 'assign one with PUT /api/instances/{alias}/sync/credential' },
      );
    }
    const session = this.graph.open(profile, () => false);
    try {
      // Graph answers `$search` only with `ConsistencyLevel: eventual` (advanced queries).
      const page = await session.get<{ value: GraphGroup[] }>(groupSearchPath(request.search), 1, {
        ConsistencyLevel: 'eventual',
      });
      return { items: page.value.map(toView).sort((a, b) => a.displayName.localeCompare(b.displayName)) };
    } catch (error) {
      if (!(error instanceof DirectoryReadError)) throw error;
      throw new DirectorySyncError(DirectorySyncErrorCode.DirectoryUnreadable, error.message, {
        hint:
          error.failure === 'denied'
            ? 'grant the app registration GroupMember.Read.All (or Directory.Read.All) and admin consent, then search again'
            : 'search again in a moment',
      });
    }
  }
}

function toView(group: GraphGroup): GroupView {
  return {
    id: group.id,
    displayName: group.displayName ?? group.id,
    ...(group.description ? { description: group.description } : {}),
    ...(group.mail ? { mail: group.mail } : {}),
  };
}
