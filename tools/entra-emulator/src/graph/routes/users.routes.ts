import type { FixtureUser } from '../../fixture/fixture.types';
import type { MemoryTenant } from '../../store/memory-tenant';
import { badRequest, GraphError, resourceNotFound } from '../core/graph-error';
import { PERMISSIONS } from '../core/graph-permissions';
import { type AuthorizedCall, type GraphResponse, isEventual } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';
import {
  parseDirectoryObjectSelect,
  projectDirectoryObject,
  resolveDirectoryObject,
} from '../odata/directory-objects';
import { USER_FILTERS } from '../odata/filter-specs';
import { resolvedListPage } from '../odata/list-page';
import { decodeSkipToken, encodeToken } from '../odata/page-token';
import { contextUrl, nextLink, parseTop } from '../odata/paging';
import { parseSelect, project } from '../odata/projection';
import { selectionOf, wantsCount } from '../odata/query-filter';
import { USER_SEARCH_PROPERTIES } from '../odata/search';

interface UserPageToken {
  /** Listing sequence number of the last user already returned. */
  afterSequence: number;
}

const isUserPageToken = (data: unknown): data is UserPageToken =>
  typeof data === 'object' && data !== null && Number.isInteger((data as UserPageToken).afterSequence);

export function requireUser(tenant: MemoryTenant, idOrUpn: string): FixtureUser {
  const user = tenant.users.byIdOrUpn(idOrUpn);
  if (!user) throw resourceNotFound(idOrUpn);
  return user;
}

/**
 * `GET /users`: pages in listing order; the `$skiptoken` remembers the last user's sequence number,
 * so users created or deleted between pages neither shift nor repeat the others.
 */
function listUsers({ request, tenant }: AuthorizedCall): GraphResponse {
  const select = parseSelect(request.query.get('$select'), 'user');
  const top = parseTop(request.query.get('$top'));
  const filter = selectionOf(request, USER_FILTERS, USER_SEARCH_PROPERTIES);
  const raw = request.query.get('$skiptoken');
  const users = tenant.users.all();
  let position = raw
    ? tenant.users.positionAfter(
        decodeSkipToken(raw, tenant.id, tenant.generation, isUserPageToken).afterSequence,
      )
    : 0;

  const page: FixtureUser[] = [];
  for (; position < users.length && page.length < top; position++) {
    if (!filter || filter(users[position])) page.push(users[position]);
  }
  let hasMore = false;
  for (let ahead = position; ahead < users.length && !hasMore; ahead++)
    hasMore = !filter || filter(users[ahead]);

  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(request.serviceRoot, 'users', select),
  };
  if (wantsCount(request)) body['@odata.count'] = filter ? users.filter(filter).length : users.length;
  if (hasMore) {
    const last = page[page.length - 1];
    const token = encodeToken<UserPageToken>(tenant.id, tenant.generation, {
      afterSequence: tenant.users.sequence(last.id) ?? 0,
    });
    body['@odata.nextLink'] = nextLink(request.serviceRoot, 'users', request.query, token);
  }
  body['value'] = page.map((user) => project('user', user, select));
  return { status: 200, body };
}

/** `GET /users/$count` is an advanced query: without `ConsistencyLevel: eventual` Graph answers 400. */
function countUsers(call: AuthorizedCall): GraphResponse {
  if (!isEventual(call.request)) {
    throw badRequest(
      '$count is not currently supported. Send the header ConsistencyLevel: eventual to count directory objects.',
    );
  }
  const filter = selectionOf(
    { ...call.request, query: withCount(call.request.query) },
    USER_FILTERS,
    USER_SEARCH_PROPERTIES,
  );
  const users = call.tenant.users.all();
  const count = filter ? users.filter(filter).length : users.length;
  return { status: 200, headers: { 'content-type': 'text/plain;charset=utf-8' }, body: String(count) };
}

function withCount(query: URLSearchParams): URLSearchParams {
  const copy = new URLSearchParams(query);
  copy.set('$count', 'true');
  return copy;
}

function getUser({ request, tenant, params }: AuthorizedCall): GraphResponse {
  const select = parseSelect(request.query.get('$select'), 'user');
  const user = requireUser(tenant, params['id']);
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(request.serviceRoot, 'users', select, true),
      ...project('user', user, select),
    },
  };
}

/** `GET /me`: the signed-in user of a delegated token. */
function getMe(call: AuthorizedCall): GraphResponse {
  if (call.claims.idtyp === 'app') {
    throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  }
  return getUser({ ...call, params: { id: call.claims.oid } });
}

/** `memberOf` lists the groups a user is directly in; `transitiveMemberOf` adds the groups those are in. */
function memberOf(transitive: boolean) {
  return (call: AuthorizedCall): GraphResponse => {
    const { request, tenant, params } = call;
    const user = requireUser(tenant, params['id']);
    const select = parseDirectoryObjectSelect(request.query.get('$select'));
    const groupIds = transitive
      ? tenant.groups.transitiveGroupIdsOf(user.id)
      : tenant.groups.groupsOf(user.id).map((group) => group.id);
    return resolvedListPage(call, groupIds, (id) => resolveDirectoryObject(tenant, id), {
      path: `users/${encodeURIComponent(params['id'])}/${transitive ? 'transitiveMemberOf' : 'memberOf'}`,
      entitySet: 'directoryObjects',
      select,
      count: wantsCount(request),
      project: (item) => projectDirectoryObject(item, select, call.claims),
    });
  };
}

export const USER_ROUTES: GraphRoute[] = [
  { ...route('GET', 'users', PERMISSIONS.readUsers, listUsers, 2), searchable: true },
  { ...route('GET', 'users/$count', PERMISSIONS.readUsers, countUsers), searchable: true },
  route('GET', 'me', PERMISSIONS.readMe, getMe),
  route('GET', 'users/:id', PERMISSIONS.readUsers, getUser, 2),
  route('GET', 'users/:id/memberOf', PERMISSIONS.readMemberships, memberOf(false), 3),
  route('GET', 'users/:id/transitiveMemberOf', PERMISSIONS.readMemberships, memberOf(true), 5),
];
