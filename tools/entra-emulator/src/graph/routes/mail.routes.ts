import type { FixtureUser } from '../../fixture/fixture.types';
import type { Mailbox, StoredMailFolder } from '../../store/mailboxes';
import { GraphError } from '../core/graph-error';
import { hasPermission, PERMISSIONS } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';
import { decodeSkipToken, encodeToken } from '../odata/page-token';

/**
 * Mail as Exchange Online serves it through Graph (`/users/{id}/messages`, `/mailFolders`). Exchange,
 * not Entra, answers these: its errors (`ErrorAccessDenied`, `ErrorInvalidUser`,
 * `MailboxNotEnabledForRESTAPI`) replace Graph's directory ones, and its RBAC for Applications limits an
 * app to the mailboxes of its management scope.
 */

const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;

function accessDenied(): GraphError {
  return new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
}

function requireUser(call: AuthorizedCall): FixtureUser {
  const id = call.params['id'];
  const user = call.tenant.users.byIdOrUpn(id);
  if (!user) throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${id}' is invalid.`);
  return user;
}

/**
 * Who may read a mailbox: an app within its Exchange management scope when it has one (the scope
 * applies whatever Entra grants), else an app holding a mail permission; a user only their own mailbox.
 */
function authorizeMailbox(call: AuthorizedCall): void {
  const { claims, tenant } = call;
  if (claims.idtyp === 'app') {
    const scope = tenant.mailboxes.scopeOf(claims.appid);
    if (scope) {
      const user = tenant.users.byIdOrUpn(call.params['id']);
      if (!user || !scope.has(user.id)) throw accessDenied();
      return;
    }
    if (!hasPermission(claims, PERMISSIONS.readMail)) throw accessDenied();
    return;
  }
  const self =
    call.params['id'] === claims.oid || call.params['id']?.toLowerCase() === claims.upn?.toLowerCase();
  if (!self || !hasPermission(claims, PERMISSIONS.readMail)) throw accessDenied();
}

function requireMailbox(call: AuthorizedCall): Mailbox {
  const mailbox = call.tenant.mailboxes.mailboxOf(requireUser(call));
  if (!mailbox)
    throw new GraphError(
      404,
      'MailboxNotEnabledForRESTAPI',
      'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    );
  return mailbox;
}

function requireFolder(mailbox: Mailbox, idOrWellKnownName: string): StoredMailFolder {
  const folder = mailbox.folders.find(
    (candidate) =>
      candidate.id === idOrWellKnownName || candidate.wellKnownName === idOrWellKnownName.toLowerCase(),
  );
  if (!folder)
    throw new GraphError(
      404,
      'ErrorItemNotFound',
      'The specified object was not found in the store., The process failed to get the correct properties.',
    );
  return folder;
}

function publicFolder(folder: StoredMailFolder): Record<string, unknown> {
  const { wellKnownName: _wellKnownName, ...shown } = folder;
  return shown;
}

function page<T extends object>(
  call: AuthorizedCall,
  items: readonly T[],
  context: string,
  select: (item: T) => Record<string, unknown>,
): GraphResponse {
  const { request, tenant } = call;
  const rawTop = request.query.get('$top');
  const top = rawTop === null ? DEFAULT_PAGE : Number(rawTop);
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE)
    throw new GraphError(
      400,
      'ErrorInvalidUrlQuery',
      `The value '${rawTop}' of $top must be from 1 to ${MAX_PAGE}.`,
    );
  const raw = request.query.get('$skiptoken');
  const offset = raw
    ? decodeSkipToken(raw, tenant.id, tenant.generation, (data): data is number => typeof data === 'number')
    : 0;
  const slice = items.slice(offset, offset + top);
  const next = new URLSearchParams(request.query);
  next.set('$skiptoken', encodeToken(tenant.id, tenant.generation, offset + top));
  return {
    status: 200,
    body: {
      '@odata.context': `${request.serviceRoot}/$metadata#${context}`,
      value: slice.map(select),
      ...(offset + top < items.length
        ? { '@odata.nextLink': `${request.serviceRoot}/${request.segments.join('/')}?${next.toString()}` }
        : {}),
    },
  };
}

function selected(item: object, select: string | null): Record<string, unknown> {
  if (!select) return { ...item };
  const names = select.split(',').map((name) => name.trim());
  return Object.fromEntries(Object.entries(item).filter(([name]) => name === 'id' || names.includes(name)));
}

function listMessages(call: AuthorizedCall): GraphResponse {
  const mailbox = requireMailbox(call);
  const folderId = call.params['folderId'];
  const messages = folderId
    ? mailbox.messages.filter((message) => message.parentFolderId === requireFolder(mailbox, folderId).id)
    : mailbox.messages;
  const select = call.request.query.get('$select');
  return page(call, messages, `users('${call.params['id']}')/messages`, (message) =>
    selected(message, select),
  );
}

function getMessage(call: AuthorizedCall): GraphResponse {
  const message = requireMailbox(call).messages.find(
    (candidate) => candidate.id === call.params['messageId'],
  );
  if (!message)
    throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return {
    status: 200,
    body: {
      '@odata.context': `${call.request.serviceRoot}/$metadata#users('${call.params['id']}')/messages/$entity`,
      ...selected(message, call.request.query.get('$select')),
    },
  };
}

function listFolders(call: AuthorizedCall): GraphResponse {
  return page(call, requireMailbox(call).folders, `users('${call.params['id']}')/mailFolders`, publicFolder);
}

function getFolder(call: AuthorizedCall): GraphResponse {
  const folder = requireFolder(requireMailbox(call), call.params['folderId']);
  return {
    status: 200,
    body: {
      '@odata.context': `${call.request.serviceRoot}/$metadata#users('${call.params['id']}')/mailFolders/$entity`,
      ...publicFolder(folder),
    },
  };
}

function mailRoute(path: string, handle: GraphRoute['handle']): GraphRoute {
  return { ...route('GET', path, PERMISSIONS.readMail, handle), authorize: authorizeMailbox };
}

export const MAIL_ROUTES: GraphRoute[] = [
  mailRoute('users/:id/messages', listMessages),
  mailRoute('users/:id/messages/:messageId', getMessage),
  mailRoute('users/:id/mailFolders', listFolders),
  mailRoute('users/:id/mailFolders/:folderId', getFolder),
  mailRoute('users/:id/mailFolders/:folderId/messages', listMessages),
];
