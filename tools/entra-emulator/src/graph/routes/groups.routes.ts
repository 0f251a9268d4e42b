import type { FixtureGroup } from '../../fixture/fixture.types';
import type { MemoryTenant } from '../../store/memory-tenant';
import { resourceNotFound } from '../core/graph-error';
import { PERMISSIONS } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';
import {
  parseDirectoryObjectSelect,
  projectDirectoryObject,
  resolveDirectoryObject,
} from '../odata/directory-objects';
import { GROUP_FILTERS } from '../odata/filter-specs';
import { listPage, resolvedListPage } from '../odata/list-page';
import { contextUrl } from '../odata/paging';
import { parseSelect, project } from '../odata/projection';
import { selectionOf, wantsCount } from '../odata/query-filter';
import { GROUP_SEARCH_PROPERTIES } from '../odata/search';
import { unsupportedQuery } from '../core/graph-error';

function requireGroup(tenant: MemoryTenant, id: string): FixtureGroup {
  const group = tenant.groups.byObjectId(id);
  if (!group) throw resourceNotFound(id);
  return group;
}

function listGroups(call: AuthorizedCall): GraphResponse {
  const select = parseSelect(call.request.query.get('$select'), 'group');
  return listPage(call, call.tenant.groups.all(), {
    path: 'groups',
    entitySet: 'groups',
    select,
    filter: selectionOf(call.request, GROUP_FILTERS, GROUP_SEARCH_PROPERTIES),
    count: wantsCount(call.request),
    project: (group) => project('group', group, select),
  });
}

function getGroup({ request, tenant, params }: AuthorizedCall): GraphResponse {
  const select = parseSelect(request.query.get('$select'), 'group');
  const group = requireGroup(tenant, params['id']);
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(request.serviceRoot, 'groups', select, true),
      ...project('group', group, select),
    },
  };
}

/**
 * `members` lists direct members; `transitiveMembers` expands nested groups, listing every member
 * (users and the nested groups themselves) once. Page them; never `$expand` (capped at 100 by Graph).
 */
function members(transitive: boolean) {
  return (call: AuthorizedCall): GraphResponse => {
    const { request, tenant, params } = call;
    if (request.query.has('$filter')) {
      // Graph filters members only as an advanced query on a type cast; the emulator does not, and
      // says so rather than ignoring the filter. Page the members and filter them locally.
      throw unsupportedQuery(
        '$filter on members is not supported by the emulator; page the members and filter them locally.',
      );
    }
    const group = requireGroup(tenant, params['id']);
    const select = parseDirectoryObjectSelect(request.query.get('$select'));
    const ids = transitive ? tenant.groups.transitiveMemberIds(group.id) : group.emulatorMemberIds;
    return resolvedListPage(call, ids, (id) => resolveDirectoryObject(tenant, id), {
      path: `groups/${group.id}/${transitive ? 'transitiveMembers' : 'members'}`,
      entitySet: 'directoryObjects',
      select,
      count: wantsCount(request),
      project: (item) => projectDirectoryObject(item, select, call.claims),
    });
  };
}

export const GROUP_ROUTES: GraphRoute[] = [
  { ...route('GET', 'groups', PERMISSIONS.readGroups, listGroups), searchable: true },
  route('GET', 'groups/:id', PERMISSIONS.readGroups, getGroup),
  route('GET', 'groups/:id/members', PERMISSIONS.readGroupMembers, members(false), 3),
  route('GET', 'groups/:id/transitiveMembers', PERMISSIONS.readGroupMembers, members(true), 5),
];
